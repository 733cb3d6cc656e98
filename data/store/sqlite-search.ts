import type Database from 'better-sqlite3';
import { parsePeriod } from '../period.ts';
import type { Publication } from '../publication.ts';
import { indexTokens, rowSearchText, type SearchRow } from '../search/tokenize.ts';
import { createSearchQueue } from './sqlite-search-queue.ts';
import { createSearchQueries } from './sqlite-search-query.ts';
import { facetNumber, MAX_COUNTY_SLOTS, rowMonths, scopeTokens, searchRowId, type RowIdAllocator } from './sqlite-search-rows.ts';
import { RANK_WINDOW, type SearchHit, type SearchPage, type SearchQuery } from './store.ts';

/**
 * Full-text search over the rows of current publications (tables from migration 3): indexing
 * here and in sqlite-search-queue.ts, querying in sqlite-search-query.ts. A publication is queued
 * in the transaction that stores it; a version of up to `stepRows` rows is indexed in that same
 * transaction, and the version it supersedes (up to `stepRows` rows) leaves search with it. A longer one is indexed in
 * steps of `stepRows` rows, each its own short transaction, so storing a 99,000-row ledger never
 * holds the writer (or the event loop) for seconds; its predecessor leaves search after its
 * last row is in. Between steps a search may find rows of both versions, never of neither.
 */
export interface SearchIndex {
  /** Queues a just-stored version and the removal of the one it supersedes, and runs its first step; call inside publish's transaction. */
  enqueueVersion(publication: IndexedPublication, supersedes: string | null): void;
  /** One step of the oldest queued version; call inside a transaction. False when nothing is queued. */
  step(): boolean;
  /** Whether rows of this version are still to be indexed, or its predecessor's still to leave. */
  isQueued(publicationId: string): boolean;
  /** Removes every row of a version (a takedown) and ends its indexing; call inside the transaction that records it. */
  removePublication(publicationId: string): void;
  /** Re-derives the place-name tokens of every indexed row of these villages (after a rename). */
  refreshPlaces(villages: readonly string[]): void;
  search(query: SearchQuery): SearchPage;
  /** The first `limit` hits in the page order of `query`, without counts (the CSV export). */
  hits(query: Omit<SearchQuery, 'page' | 'pageSize'>, limit: number): SearchHit[];
}

export type IndexedPublication = Pick<Publication, 'id' | 'village' | 'kind' | 'period' | 'publishedAt' | 'content'>;

export interface SearchIndexOptions {
  /** how many of a broad query's newest matches its facets count; tests make it small */
  window?: number;
  /** rows indexed (or removed) per step; tests make it small */
  stepRows?: number;
}

/** Rows per step: some tens of milliseconds of work on a 2-core machine (the stall bench shows the effect). */
export const SEARCH_STEP_ROWS = 500;

export function createSearchIndex(db: Database.Database, options: SearchIndexOptions = {}): SearchIndex {
  const rows = createRowIndexer(db);
  const queue = createSearchQueue(db, rows, options.stepRows ?? SEARCH_STEP_ROWS);
  const queries = createSearchQueries(db, { window: options.window ?? RANK_WINDOW });
  return {
    enqueueVersion: queue.enqueue,
    step: queue.step,
    isQueued: queue.isQueued,
    removePublication(publicationId) {
      queue.stopIndexing(publicationId);
      rows.removeRows(publicationId, Infinity);
    },
    refreshPlaces: rows.refreshPlaces,
    search: (query) => queries.page(query),
    hits: (query, limit) => queries.hits(query, limit),
  };
}

/** Adds and removes the search rows of a version; the queue decides when (sqlite-search-queue.ts). */
export interface RowIndexer {
  /** Adds these rows of the version (rowSearchText's, in its order). */
  indexRows(p: Omit<IndexedPublication, 'content'>, rows: readonly SearchRow[]): void;
  /** Removes up to `limit` rows of the version; whether any are left. */
  removeRows(publicationId: string, limit: number): { more: boolean };
  refreshPlaces(villages: readonly string[]): void;
}

export function createRowIndexer(db: Database.Database): RowIndexer {
  const sql = prepare(db);
  const allocate: RowIdAllocator = (lo, hi) => (sql.minIdIn.get(lo, hi) as number | null) ?? null;
  const countySlot = (county: string): number => {
    sql.addCounty.run(county);
    const slot = sql.countySlot.get(county) as number;
    if (slot >= MAX_COUNTY_SLOTS) throw new RangeError(`search supports at most ${MAX_COUNTY_SLOTS} counties`);
    return slot;
  };
  return {
    indexRows(p, rows) {
      if (rows.length === 0) return;
      const places = placeTokens(sql, p.village);
      const facet = facetNumber(countySlot(p.village.slice(0, 6)), p.kind);
      const [periodStart, periodEnd] = periodRange(p.period);
      for (const r of rows) {
        const id = searchRowId(r.date ?? p.publishedAt.slice(0, 10), facet, allocate);
        sql.insertRow.run({
          id,
          publication_id: p.id,
          village: p.village,
          kind: p.kind,
          period: p.period,
          period_start: periodStart,
          period_end: periodEnd,
          row: r.row,
          text: r.text,
          date: r.date,
          amount: r.amount,
          published_at: p.publishedAt,
        });
        sql.insertFts.run(id, indexTokens(r.text).join(' '), places, scopeTokens(p.village, p.kind, rowMonths(r.date, periodStart, periodEnd)));
      }
    },
    removeRows(publicationId, limit) {
      const ids = sql.rowIds.all(publicationId, Number.isFinite(limit) ? limit + 1 : -1) as number[];
      for (const id of ids.slice(0, limit)) {
        sql.deleteFts.run(id);
        sql.deleteRow.run(id);
      }
      return { more: ids.length > limit };
    },
    refreshPlaces(villages) {
      for (const village of villages) {
        const places = placeTokens(sql, village);
        const rows = sql.villageRows.all(village) as { id: number; text: string; kind: Publication['kind']; date: string | null; period_start: string; period_end: string }[];
        for (const r of rows) {
          sql.deleteFts.run(r.id);
          sql.insertFts.run(r.id, indexTokens(r.text).join(' '), places, scopeTokens(village, r.kind, rowMonths(r.date, r.period_start, r.period_end)));
        }
      }
    },
  };
}

/** Rebuilds the index from the stored current publications (migration 4 runs this on existing data), each version whole. */
export function reindexAll(db: Database.Database): void {
  db.exec('DELETE FROM search_fts; DELETE FROM search_rows;');
  const indexer = createRowIndexer(db);
  const rows = db
    .prepare(
      `SELECT p.id, p.village, p.kind, p.period, p.published_at, p.content FROM publications p
       WHERE NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id) ORDER BY p.rowid`,
    )
    .all() as { id: string; village: string; kind: Publication['kind']; period: string; published_at: string; content: string }[];
  for (const r of rows) {
    const p = { id: r.id, village: r.village, kind: r.kind, period: r.period, publishedAt: r.published_at };
    indexer.indexRows(p, rowSearchText({ content: JSON.parse(r.content) }));
  }
}

// ——— private helpers ———

function prepare(db: Database.Database) {
  return {
    rowIds: db.prepare('SELECT id FROM search_rows WHERE publication_id = ? LIMIT ?').pluck(),
    villageRows: db.prepare('SELECT id, text, kind, date, period_start, period_end FROM search_rows WHERE village = ?'),
    minIdIn: db.prepare('SELECT min(id) FROM search_rows WHERE id >= ? AND id < ?').pluck(),
    addCounty: db.prepare('INSERT OR IGNORE INTO search_counties (code) VALUES (?)'),
    countySlot: db.prepare('SELECT slot FROM search_counties WHERE code = ?').pluck(),
    deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
    deleteRow: db.prepare('DELETE FROM search_rows WHERE id = ?'),
    insertRow: db.prepare(
      `INSERT INTO search_rows (id, publication_id, village, kind, period, period_start, period_end,
         row, text, date, amount, published_at)
       VALUES (@id, @publication_id, @village, @kind, @period, @period_start, @period_end,
         @row, @text, @date, @amount, @published_at)`,
    ),
    insertFts: db.prepare('INSERT INTO search_fts (rowid, tokens, places, scope) VALUES (?, ?, ?, ?)'),
    division: db.prepare('SELECT name FROM divisions WHERE code = ?').pluck(),
  };
}

/** The names of the village, its township and county, as index tokens; empty when divisions are not loaded. */
function placeTokens(sql: ReturnType<typeof prepare>, village: string): string {
  const names = [village, village.slice(0, 9), village.slice(0, 6)].map((code) => (sql.division.get(code) as string | undefined) ?? '');
  return indexTokens(names.join(' ')).join(' ');
}

function periodRange(period: string): [string, string] {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  const endMonth = p.startMonth + p.months - 1;
  const lastDay = new Date(Date.UTC(p.year, endMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return [`${p.year}-${mm(p.startMonth)}-01`, `${p.year}-${mm(endMonth)}-${mm(lastDay)}`];
}
