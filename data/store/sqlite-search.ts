import type Database from 'better-sqlite3';
import { parsePeriod } from '../period.ts';
import type { Publication } from '../publication.ts';
import { indexTokens, queryTokens, rowSearchText } from '../search/tokenize.ts';
import { createSearchQueries } from './sqlite-search-query.ts';
import { facetNumber, MAX_COUNTY_SLOTS, rowMonths, scopeTokens, searchRowId, type RowIdAllocator } from './sqlite-search-rows.ts';
import { RANK_WINDOW, type SearchHit, type SearchPage, type SearchQuery } from './store.ts';

/**
 * Full-text search over the rows of current publications (tables from migration 3): indexing
 * here, querying in sqlite-search-query.ts. A publication is indexed in the transaction that
 * stores it; the version it supersedes leaves the index in the same transaction.
 */
export interface SearchIndex {
  /** Indexes a just-stored version and removes the version it supersedes; call inside publish's transaction. */
  indexVersion(publication: IndexedPublication, supersedes: string | null): void;
  /** Removes every row of a version (a takedown); call inside the transaction that records it. */
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
}

export function createSearchIndex(db: Database.Database, options: SearchIndexOptions = {}): SearchIndex {
  const sql = prepare(db);
  const allocate: RowIdAllocator = (lo, hi) => (sql.minIdIn.get(lo, hi) as number | null) ?? null;

  const countySlot = (county: string): number => {
    sql.addCounty.run(county);
    const slot = sql.countySlot.get(county) as number;
    if (slot >= MAX_COUNTY_SLOTS) throw new RangeError(`search supports at most ${MAX_COUNTY_SLOTS} counties`);
    return slot;
  };

  const remove = (publicationId: string) => {
    for (const id of sql.rowIds.all(publicationId) as number[]) sql.deleteFts.run(id);
    sql.deleteRows.run(publicationId);
  };

  const index = (p: IndexedPublication) => {
    const places = placeTokens(sql, p.village);
    const facet = facetNumber(countySlot(p.village.slice(0, 6)), p.kind);
    const [periodStart, periodEnd] = periodRange(p.period);
    for (const r of rowSearchText(p)) {
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
  };

  const queries = createSearchQueries(db, { window: options.window ?? RANK_WINDOW });

  return {
    indexVersion(publication, supersedes) {
      if (supersedes) remove(supersedes);
      index(publication);
    },
    removePublication: remove,
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
    search: (query) => (queryTokens(query.q).length === 0 ? EMPTY : queries.page(query)),
    hits: (query, limit) => queries.hits(query, limit),
  };
}

/** Rebuilds the index from the stored current publications (migration 3 runs this on existing data). */
export function reindexAll(db: Database.Database): void {
  db.exec('DELETE FROM search_fts; DELETE FROM search_rows;');
  const search = createSearchIndex(db);
  const rows = db
    .prepare(
      `SELECT p.id, p.village, p.kind, p.period, p.published_at, p.content FROM publications p
       WHERE NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id) ORDER BY p.rowid`,
    )
    .all() as { id: string; village: string; kind: Publication['kind']; period: string; published_at: string; content: string }[];
  for (const r of rows) {
    search.indexVersion(
      { id: r.id, village: r.village, kind: r.kind, period: r.period, publishedAt: r.published_at, content: JSON.parse(r.content) },
      null,
    );
  }
}

// ——— private helpers ———

const EMPTY: SearchPage = { total: 0, facets: { county: {}, kind: {} }, hits: [], fallback: false, window: null };

function prepare(db: Database.Database) {
  return {
    rowIds: db.prepare('SELECT id FROM search_rows WHERE publication_id = ?').pluck(),
    villageRows: db.prepare('SELECT id, text, kind, date, period_start, period_end FROM search_rows WHERE village = ?'),
    minIdIn: db.prepare('SELECT min(id) FROM search_rows WHERE id >= ? AND id < ?').pluck(),
    addCounty: db.prepare('INSERT OR IGNORE INTO search_counties (code) VALUES (?)'),
    countySlot: db.prepare('SELECT slot FROM search_counties WHERE code = ?').pluck(),
    deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
    deleteRows: db.prepare('DELETE FROM search_rows WHERE publication_id = ?'),
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
