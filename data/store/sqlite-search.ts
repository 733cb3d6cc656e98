import type Database from 'better-sqlite3';
import { parsePeriod } from '../period.ts';
import type { Publication } from '../publication.ts';
import { indexTokens, isSingleHan, queryTokens, rowSearchText } from '../search/tokenize.ts';
import { MAX_SEARCH_PAGE_SIZE, type SearchPage, type SearchQuery } from './store.ts';

/**
 * Full-text search over the rows of current publications (tables from migration 2).
 * Matching: every query token must be present (a one-character Han token as a prefix, see
 * indexTokens). When that finds nothing and the query has more than one token, the tokens are
 * ORed instead and ranked by bm25, so a query with a wrong or missing character still finds
 * the closest rows; such a page says `fallback: true` and is always in relevance order.
 */
export interface SearchIndex {
  /** Indexes a just-stored version and removes the version it supersedes; call inside publish's transaction. */
  indexVersion(publication: IndexedPublication, supersedes: string | null): void;
  search(query: SearchQuery): SearchPage;
}

export type IndexedPublication = Pick<Publication, 'id' | 'village' | 'kind' | 'period' | 'publishedAt' | 'content'>;


export function createSearchIndex(db: Database.Database): SearchIndex {
  const sql = prepare(db);

  const remove = (publicationId: string) => {
    const ids = sql.rowIds.all(publicationId) as { id: number }[];
    for (const { id } of ids) sql.deleteFts.run(id);
    sql.deleteRows.run(publicationId);
  };

  const index = (p: IndexedPublication) => {
    const places = placeTokens(sql, p.village);
    const [periodStart, periodEnd] = periodRange(p.period);
    for (const r of rowSearchText(p)) {
      const { lastInsertRowid } = sql.insertRow.run({
        publication_id: p.id,
        village: p.village,
        county: p.village.slice(0, 6),
        township: p.village.slice(0, 9),
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
      sql.insertFts.run(lastInsertRowid, indexTokens(r.text).join(' '), places);
    }
  };

  return {
    indexVersion(publication, supersedes) {
      if (supersedes) remove(supersedes);
      index(publication);
    },
    search(query) {
      const tokens = queryTokens(query.q);
      if (tokens.length === 0) return { total: 0, facets: { county: {}, kind: {} }, hits: [], fallback: false };
      const all = run(db, tokens, 'AND', query);
      if (all.total > 0 || tokens.length === 1) return all;
      const some = run(db, tokens, 'OR', { ...query, sort: 'relevance' });
      return { ...some, fallback: some.total > 0 };
    },
  };
}

/** Rebuilds the index from the stored current publications (migration 2 runs this on existing data). */
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

function prepare(db: Database.Database) {
  return {
    rowIds: db.prepare('SELECT id FROM search_rows WHERE publication_id = ?'),
    deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
    deleteRows: db.prepare('DELETE FROM search_rows WHERE publication_id = ?'),
    insertRow: db.prepare(
      `INSERT INTO search_rows (publication_id, village, county, township, kind, period, period_start, period_end,
         row, text, date, amount, published_at)
       VALUES (@publication_id, @village, @county, @township, @kind, @period, @period_start, @period_end,
         @row, @text, @date, @amount, @published_at)`,
    ),
    insertFts: db.prepare('INSERT INTO search_fts (rowid, tokens, places) VALUES (?, ?, ?)'),
    division: db.prepare('SELECT name FROM divisions WHERE code = ?'),
  };
}

/** The names of the village, its township and county, as index tokens; empty when divisions are not loaded. */
function placeTokens(sql: ReturnType<typeof prepare>, village: string): string {
  const names = [village, village.slice(0, 9), village.slice(0, 6)].map(
    (code) => (sql.division.get(code) as { name: string } | undefined)?.name ?? '',
  );
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

/** bm25 weights per FTS column: a word in the row itself counts more than the place it is in. */
const RANK = 'bm25(search_fts, 1.0, 0.4)';

interface HitRow {
  publication_id: string;
  village: string;
  kind: Publication['kind'];
  period: string;
  published_at: string;
  row: number;
  text: string;
  rank: number;
}

function run(db: Database.Database, tokens: string[], op: 'AND' | 'OR', query: SearchQuery): SearchPage {
  const params: Record<string, string | number> = {
    match: tokens.map((t) => (isSingleHan(t) ? `${quote(t)}*` : quote(t))).join(` ${op} `),
  };
  const where = ['search_fts MATCH @match'];
  for (const key of ['county', 'township', 'village'] as const) {
    const prefix = query[key];
    if (prefix === undefined || prefix === '') continue;
    where.push(`r.village >= @${key}_lo AND r.village < @${key}_hi`);
    params[`${key}_lo`] = prefix;
    params[`${key}_hi`] = `${prefix}\uffff`;
  }
  if (query.kind) {
    where.push('r.kind = @kind');
    params.kind = query.kind;
  }
  // A row's own date decides; a row without one (titles, undated ledger lines) counts when its
  // publication's period overlaps [from, to].
  if (query.from) {
    where.push('(CASE WHEN r.date IS NOT NULL THEN r.date >= @from ELSE r.period_end >= @from END)');
    params.from = query.from;
  }
  if (query.to) {
    where.push('(CASE WHEN r.date IS NOT NULL THEN r.date <= @to ELSE r.period_start <= @to END)');
    params.to = query.to;
  }
  if (query.min !== undefined) {
    where.push('r.amount IS NOT NULL AND r.amount >= @min');
    params.min = query.min;
  }
  if (query.max !== undefined) {
    where.push('r.amount IS NOT NULL AND r.amount <= @max');
    params.max = query.max;
  }
  const from = `FROM search_fts JOIN search_rows r ON r.id = search_fts.rowid WHERE ${where.join(' AND ')}`;

  const groups = db.prepare(`SELECT r.county AS county, r.kind AS kind, count(*) AS n ${from} GROUP BY r.county, r.kind`).all(params) as {
    county: string;
    kind: string;
    n: number;
  }[];
  const facets: SearchPage['facets'] = { county: {}, kind: {} };
  let total = 0;
  for (const g of groups) {
    total += g.n;
    facets.county[g.county] = (facets.county[g.county] ?? 0) + g.n;
    facets.kind[g.kind] = (facets.kind[g.kind] ?? 0) + g.n;
  }

  const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize)), MAX_SEARCH_PAGE_SIZE);
  const page = Math.max(1, Math.floor(query.page));
  const order =
    query.sort === 'date'
      ? `coalesce(r.date, substr(r.published_at, 1, 10)) DESC, r.published_at DESC, rank, r.id`
      : `rank, r.published_at DESC, r.id`;
  const rows = total === 0
    ? []
    : (db
        .prepare(
          `SELECT r.publication_id, r.village, r.kind, r.period, r.published_at, r.row, r.text, ${RANK} AS rank
           ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as HitRow[]);

  return {
    total,
    facets,
    fallback: false,
    hits: rows.map((r) => ({
      village: r.village,
      publicationId: r.publication_id,
      kind: r.kind,
      period: r.period,
      publishedAt: r.published_at,
      row: r.row,
      text: r.text,
      // bm25 is lower-is-better and negative for matches; the hit's score is higher-is-better.
      score: -r.rank,
    })),
  };
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}
