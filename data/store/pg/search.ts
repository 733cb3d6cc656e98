import { RANK_WINDOW } from '../store.ts';
import type { PgClient } from './client.ts';
import type { PgSearch } from './search-port.ts';
import { createPgSearchQueries } from './search-query.ts';
import { indexVersion, refreshPlaces, removePublication } from './search-rows.ts';

/**
 * Full-text search on PostgreSQL (schema 6, issue 14): the same rows, tokens, ids and ranking as
 * the SQLite index, so both give the same pages for the same publications (pg-search.test.ts
 * compares them). Writing in search-rows.ts, always inside the caller's transaction — a version is
 * indexed whole in the transaction that stores it (SQLite's step-wise queue exists because SQLite
 * has one writer; here a long ledger holds no one else up but the next search writer); querying
 * in search-query.ts.
 */
export function createPgSearch(db: PgClient, options: { window?: number } = {}): PgSearch {
  const queries = createPgSearchQueries(db, { window: options.window ?? RANK_WINDOW });
  return {
    indexVersion,
    removePublication,
    refreshPlaces,
    search: (query) => queries.page(query),
    searchHits: (query, limit) => queries.hits(query, limit),
  };
}
