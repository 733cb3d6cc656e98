import { daysInMonth } from '../../dates.ts';
import type { PublicationKind } from '../../publication.ts';
import { isSingleHan, queryTokens } from '../../search/tokenize.ts';
import { facetOf, facetOfId, monthsBetween } from '../sqlite-search-rows.ts';
import { DROP_ONE_MAX, EARLIEST, EXPORT_BATCH, LATEST, MAX_FILTER_MONTHS, RARE, sortByAmount } from '../search-plan.ts';
import type { SearchHit, SearchPage, SearchQuery } from '../store.ts';
import type { PgQueryable } from './client.ts';
import { bm25, Params, type Scoring } from './search-bm25.ts';

/**
 * Querying the PostgreSQL search rows (schema 6) so that every page is the one the SQLite index
 * (sqlite-search-query.ts) gives for the same rows: the same matching — every query token, a
 * one-character Han token as a prefix — the same partial-match fallback, the same order and the
 * same scores.
 *
 * Matching is a tsquery of our own tokens against `words` (GIN), filters a tsquery against
 * `scope` in the same index, exact days and amounts checked on the rows left. Newest first is
 * ascending id (the primary key), which the ids encode as SQLite's do. Relevance is FTS5's bm25,
 * computed here from the same inputs FTS5 uses: each distinctive token's row count (its IDF), the
 * table's row and token totals as FTS5 keeps them (search_totals), the row's length, and how
 * often the token occurs in the row's own tokens (weight 1.0) and its place names (0.4).
 */
export interface PgSearchQueries {
  page(query: SearchQuery): Promise<SearchPage>;
  hits(query: Filters, limit: number): Promise<SearchHit[]>;
}

export type Filters = Omit<SearchQuery, 'page' | 'pageSize'>;

export function createPgSearchQueries(db: PgQueryable, options: { window: number }): PgSearchQueries {
  const { window } = options;

  const count = async (plan: Plan, match: MatchName): Promise<number> => {
    const sql = new Params();
    const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM search_rows r WHERE ${where(plan, match, sql)}`, sql.values);
    return Number(row?.n ?? 0);
  };

  /**
   * How many rows a plan matches and the ids of its `window` newest, newest first, from one walk
   * over the matches: a broad query's matches are read from the heap once, not once for the
   * total, once for the facets and once for the page (which made it 2–3× slower at 1M rows).
   */
  const matches = async (plan: Plan): Promise<Matches> => {
    const sql = new Params();
    const [row] = await db.query<{ total: number; newest: Array<number | string | bigint> | null }>(
      `WITH m AS MATERIALIZED (SELECT r.id FROM search_rows r WHERE ${where(plan, 'all', sql)})
       SELECT (SELECT count(*) FROM m) AS total, ARRAY(SELECT m.id FROM m ORDER BY m.id LIMIT ${sql.add(window)}) AS newest`,
      sql.values,
    );
    return { total: Number(row?.total ?? 0), newest: (row?.newest ?? []).map(Number) };
  };

  /** County codes by slot: a slot is never given to another county (search_counties), so they are kept once read. */
  const counties = new Map<number, string>();
  const countiesOf = async (slots: readonly number[]): Promise<Map<number, string>> => {
    const unknown = slots.filter((s) => !counties.has(s));
    if (unknown.length > 0) {
      const rows = await db.query<{ slot: number; code: string }>('SELECT slot, code FROM search_counties WHERE slot = ANY($1::int[])', [unknown]);
      for (const r of rows) counties.set(Number(r.slot), r.code);
    }
    return counties;
  };

  /** The rows of these ids, in their order. */
  const rowsOf = async (ids: ReadonlyArray<{ id: number; score: number }>): Promise<SearchHit[]> => {
    if (ids.length === 0) return [];
    const rows = await db.query<HitRow & { id: number | string }>(`SELECT r.id, ${HIT_COLUMNS}, 0::float8 AS score FROM search_rows r WHERE r.id = ANY($1::bigint[])`, [ids.map((i) => i.id)]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap(({ id, score }) => {
      const r = byId.get(id);
      return r ? [{ ...toHit(r), score }] : [];
    });
  };

  /** Ids by amount, largest first (rows without one last), newest first among equals (sortByAmount). */
  const byAmount = async (ids: readonly number[]): Promise<number[]> => {
    const rows = await db.query<{ id: number | string; amount: number | string | null }>('SELECT id, amount FROM search_rows WHERE id = ANY($1::bigint[])', [ids]);
    return sortByAmount(ids, new Map(rows.map((r) => [Number(r.id), r.amount === null ? null : Number(r.amount)])));
  };

  /**
   * Per token, the rows it occurs in (as words or place names): the counts the database keeps
   * (schema 18), a lone Han character's as a prefix, as `phrase` matches it.
   */
  const documentFrequencies = async (tokens: readonly string[]): Promise<Map<string, number>> => {
    const rows = await db.query<{ i: number; n: number | null }>(
      `SELECT t.i, f.rows AS n FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS t(token, prefix, i)
       LEFT JOIN search_frequencies f ON f.token = t.token AND f.prefix = t.prefix`,
      [tokens, tokens.map(isSingleHan)],
    );
    const byIndex = new Map(rows.map((r) => [Number(r.i), Number(r.n ?? 0)]));
    return new Map(tokens.map((t, i) => [t, byIndex.get(i + 1) ?? 0]));
  };

  /** Matches newest first, `limit` of them from `offset`. */
  const newest = async (plan: Plan, match: MatchName, offset: number, limit: number): Promise<SearchHit[]> => {
    const sql = new Params();
    const rows = await db.query<HitRow>(
      `SELECT ${HIT_COLUMNS}, 0::float8 AS score FROM search_rows r WHERE ${where(plan, match, sql)}
       ORDER BY r.id LIMIT ${sql.add(limit)} OFFSET ${sql.add(offset)}`,
      sql.values,
    );
    return rows.map(toHit);
  };

  /** The ranked rows — matches with a distinctive token — best first (FTS5's bm25, see `bm25`). */
  const ranked = async (plan: Plan, offset: number, limit: number): Promise<Array<{ id: number; hit: SearchHit }>> => {
    const sql = new Params();
    const score = bm25(plan.scoring!, sql);
    const rows = await db.query<HitRow & { id: number | string }>(
      `WITH k AS MATERIALIZED (SELECT ${score.constants} FROM search_totals t WHERE t.one)
       SELECT r.id, ${HIT_COLUMNS}, ${score.score} AS score
       FROM search_rows r CROSS JOIN k CROSS JOIN LATERAL (SELECT ${score.frequencies} OFFSET 0) f
       WHERE ${where(plan, 'ranked', sql)}
       ORDER BY score DESC, r.id LIMIT ${sql.add(limit)} OFFSET ${sql.add(offset)}`,
      sql.values,
    );
    return rows.map((r) => ({ id: Number(r.id), hit: toHit(r) }));
  };

  /** County and kind counts over the matches' `window` newest (every match when there are fewer), from their ids. */
  const facets = async (newestIds: readonly number[]): Promise<SearchPage['facets']> => {
    const byFacet = new Map<number, number>();
    for (const id of newestIds) {
      const f = facetOfId(id);
      byFacet.set(f, (byFacet.get(f) ?? 0) + 1);
    }
    const codes = await countiesOf([...new Set([...byFacet.keys()].map((f) => facetOf(f).countySlot))]);
    const out: SearchPage['facets'] = { county: {}, kind: {} };
    for (const [f, n] of byFacet) {
      const { countySlot, kind } = facetOf(f);
      const county = codes.get(countySlot) ?? String(countySlot);
      out.county[county] = (out.county[county] ?? 0) + n;
      out.kind[kind] = (out.kind[kind] ?? 0) + n;
    }
    return out;
  };

  /**
   * One page in page order: ranked rows first, best first, then every other match newest first.
   * `known`: the matches' newest ids when already read (page() has them from `matches`), so a page
   * among them is read by id; null: every part is queried (an export).
   */
  const pageHits = async (plan: Plan, sort: SearchQuery['sort'], offset: number, limit: number, known: Matches | null): Promise<SearchHit[]> => {
    const newestSlice = async (match: MatchName, from: number, n: number, skip?: ReadonlySet<number>): Promise<SearchHit[]> => {
      if (known && match === 'all' && from + n <= known.newest.length) return rowsOf(known.newest.slice(from, from + n).map((id) => ({ id, score: 0 })));
      // `skip` holds every ranked match, so the rest are the others, in the same order: the newest
      // ids read give them as far as they reach, every one when every match was read
      if (known && skip) {
        const rest = known.newest.filter((id) => !skip.has(id));
        if (known.newest.length === known.total || from + n <= rest.length) return rowsOf(rest.slice(from, from + n).map((id) => ({ id, score: 0 })));
      }
      return newest(plan, match, from, n);
    };
    if (sort === 'date' || plan.scoring === null) return newestSlice('all', offset, limit);
    if (!plan.fallback) return (await ranked(plan, offset, limit)).map((r) => r.hit); // every match has every distinctive token
    // On the first page the ranked rows' count is known when they do not fill it.
    const rankedCount = offset === 0 ? null : await count(plan, 'ranked');
    const out = rankedCount === null || offset < rankedCount ? await ranked(plan, offset, limit) : [];
    const hits = out.map((r) => r.hit);
    if (out.length >= limit) return hits;
    const restOffset = Math.max(0, offset - (rankedCount ?? out.length));
    // on the first page every ranked row is in `out`: the rest are the other matches
    const skip = rankedCount === null ? new Set(out.map((r) => r.id)) : undefined;
    return [...hits, ...(await newestSlice('rest', restOffset, limit - out.length, skip))];
  };

  /** The plan that finds something, and its matches: the ladder of sqlite-search-query.ts. */
  const plan = async (query: Filters): Promise<{ plan: Plan; found: Matches }> => {
    const attempt = async (p: Plan) => ({ plan: p, found: await matches(p) });
    const tokens = queryTokens(query.q);
    // no words: browsing, every row the filters let through, newest first
    if (tokens.length === 0) return attempt(buildPlan(query, null, null, false));
    const df = await documentFrequencies(tokens);
    const present = tokens.filter((t) => (df.get(t) ?? 0) > 0);
    const rare = present.filter((t) => (df.get(t) ?? 0) <= RARE);
    const scoring = (expression: string): Scoring | null => (rare.length > 0 ? { tokens: rare.map((t) => ({ token: t, rows: df.get(t) ?? 0 })), expression } : null);
    const all = await attempt(buildPlan(query, [and(tokens)], scoring(and(rare)), false));
    if (tokens.length === 1 || present.length === 0 || all.found.total > 0) return all;
    if (present.length < tokens.length) {
      const some = await attempt(buildPlan(query, [and(present)], scoring(or(rare)), true));
      if (present.length === 1 || some.found.total > 0) return some;
    }
    if (present.length > 2 && present.length <= DROP_ONE_MAX) {
      const dropOne = await attempt(buildPlan(query, allButOne(present), scoring(or(rare)), true));
      if (dropOne.found.total > 0) return dropOne;
    }
    return attempt(buildPlan(query, present.map(phrase), scoring(or(rare)), true));
  };

  return {
    async page(query) {
      const { plan: p, found } = await plan(query);
      const { total } = found;
      if (total === 0) return { total: 0, facets: { county: {}, kind: {} }, hits: [], fallback: p.fallback, window: null };
      const sort = p.fallback ? 'relevance' : query.sort;
      const offset = (query.page - 1) * query.pageSize;
      const pageOf = async () =>
        sort === 'amount' ? rowsOf((await byAmount(found.newest)).slice(offset, offset + query.pageSize).map((id) => ({ id, score: 0 }))) : pageHits(p, sort, offset, query.pageSize, found);
      const [counted, hits] = await Promise.all([facets(found.newest), pageOf()]);
      return { total, facets: counted, hits, fallback: p.fallback, window: total > window ? window : null };
    },
    async hits(query, limit) {
      const { plan: p, found } = await plan(query);
      if (query.sort === 'amount' && !p.fallback) {
        const ordered = (await byAmount(found.newest)).slice(0, limit);
        const out: SearchHit[] = [];
        for (let i = 0; i < ordered.length; i += EXPORT_BATCH) out.push(...(await rowsOf(ordered.slice(i, i + EXPORT_BATCH).map((id) => ({ id, score: 0 })))));
        return out;
      }
      const out: SearchHit[] = [];
      for (let offset = 0; offset < limit; offset += EXPORT_BATCH) {
        const size = Math.min(EXPORT_BATCH, limit - offset);
        const batch = await pageHits(p, p.fallback ? 'relevance' : query.sort, offset, size, null);
        out.push(...batch);
        if (batch.length < size) break;
      }
      return out;
    },
  };
}

// ——— private helpers ———

const HIT_COLUMNS = 'r.publication_id, r.village, r.kind, r.period, r.published_at, r.row, r.text';

/** all: the matches; ranked: the matches with a distinctive token; rest: the other matches. */
type MatchName = 'all' | 'ranked' | 'rest';


interface Plan {
  /** the conditions over `words`; null: no words (browsing by the filters alone) */
  match: Record<MatchName, WordMatch> | null;
  /** what bm25 ranks by; null: newest first */
  scoring: Scoring | null;
  /** tsquery text over `scope`: the division, kind and month filters; null: none */
  scope: string | null;
  /** days and amounts checked on the rows (days only when the months do not decide exactly) */
  from?: string;
  to?: string;
  min?: number;
  max?: number;
  fallback: boolean;
}

/**
 * Rows whose words match any of `any` (tsquery texts), and `also` when set, and not `not` when
 * set. A partial match's alternatives (every word but one, or any word) are separate operands of
 * an SQL OR rather than one tsquery of `|`s: the planner ORs one GIN bitmap per alternative, where
 * one tsquery makes GIN test the whole expression on every row holding any of its words (3× slower
 * for a broad one: 「耕地地力保护补贴 11,611.00」 626 → 189 ms counting 215,461 rows). The same rows.
 */
interface WordMatch {
  any: readonly string[];
  also?: string;
  not?: string;
}

interface Matches {
  total: number;
  /** the ids of the `window` newest, newest first: every match when total ≤ window */
  newest: number[];
}

interface HitRow {
  publication_id: string;
  village: string;
  kind: PublicationKind;
  period: string;
  published_at: string;
  row: number;
  text: string;
  score: number;
}


function buildPlan(query: Filters, words: readonly string[] | null, scoring: Scoring | null, fallback: boolean): Plan {
  const scope: string[] = [];
  if (query.county) scope.push(quote(`c${query.county}`));
  if (query.township) scope.push(quote(`t${query.township}`));
  if (query.village) scope.push(quote(`v${query.village}`));
  if (query.kind) scope.push(quote(`k${query.kind}`));
  // As in SQLite: the months of [from, to] narrow the rows inside the index; when from is the
  // first of a month and to the last, they decide exactly, else the days are checked as well.
  const months = query.from || query.to ? monthsBetween(query.from ?? EARLIEST, query.to ?? LATEST, MAX_FILTER_MONTHS) : null;
  const byMonth = months !== null && (!query.from || query.from.endsWith('-01')) && (!query.to || isMonthEnd(query.to));
  if (months && months.length > 0) scope.push(`(${months.map((m) => quote(`m${m}`)).join(' | ')})`);
  const plan: Plan = {
    match:
      words === null
        ? null
        : {
            all: { any: words },
            ranked: scoring === null || !fallback ? { any: words } : { any: words, also: scoring.expression },
            rest: scoring === null ? { any: words } : { any: words, not: scoring.expression },
          },
    scoring,
    scope: scope.length > 0 ? scope.join(' & ') : null,
    fallback,
  };
  if (query.from && !byMonth) plan.from = query.from;
  if (query.to && !byMonth) plan.to = query.to;
  if (query.min !== undefined) plan.min = query.min;
  if (query.max !== undefined) plan.max = query.max;
  return plan;
}

/** The conditions on search_rows r for a plan's match. */
function where(plan: Plan, match: MatchName, sql: Params): string {
  const conditions: string[] = [];
  if (plan.match !== null) {
    const { any, also, not } = plan.match[match];
    conditions.push(any.length === 1 ? `r.words @@ ${sql.add(any[0])}::tsquery` : `(${any.map((q) => `r.words @@ ${sql.add(q)}::tsquery`).join(' OR ')})`);
    if (also !== undefined) conditions.push(`r.words @@ ${sql.add(also)}::tsquery`);
    if (not !== undefined) conditions.push(`NOT r.words @@ ${sql.add(not)}::tsquery`);
  }
  if (plan.scope !== null) conditions.push(`r.scope @@ ${sql.add(plan.scope)}::tsquery`);
  // a row's own date decides; a row without one counts when its publication's period overlaps
  if (plan.from !== undefined) {
    const from = sql.add(plan.from);
    conditions.push(`(CASE WHEN r.date IS NOT NULL THEN r.date >= ${from} ELSE r.period_end >= ${from} END)`);
  }
  if (plan.to !== undefined) {
    const to = sql.add(plan.to);
    conditions.push(`(CASE WHEN r.date IS NOT NULL THEN r.date <= ${to} ELSE r.period_start <= ${to} END)`);
  }
  if (plan.min !== undefined) conditions.push(`r.amount >= ${sql.add(plan.min)}::numeric`);
  if (plan.max !== undefined) conditions.push(`r.amount <= ${sql.add(plan.max)}::numeric`);
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}


function toHit(r: HitRow): SearchHit {
  return { village: r.village, publicationId: r.publication_id, kind: r.kind, period: r.period, publishedAt: r.published_at, row: Number(r.row), text: r.text, score: Number(r.score) };
}

function isMonthEnd(iso: string): boolean {
  const [y = 0, m = 0, d = 0] = iso.split('-').map(Number);
  return m >= 1 && m <= 12 && d === daysInMonth(y, m);
}

function and(tokens: readonly string[]): string {
  return `(${tokens.map(phrase).join(' & ')})`;
}

function or(tokens: readonly string[]): string {
  return `(${tokens.map(phrase).join(' | ')})`;
}

/** Rows that have all the tokens but any one: one alternative per token left out. */
function allButOne(tokens: readonly string[]): string[] {
  return tokens.map((_, i) => and(tokens.filter((__, j) => j !== i)));
}

/** A token as a tsquery operand: taken as it is (no parser, no dictionary), a lone Han character as a prefix. */
function phrase(token: string): string {
  return isSingleHan(token) ? `${quote(token)}:*` : quote(token);
}

function quote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
