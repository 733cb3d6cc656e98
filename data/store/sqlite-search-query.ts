import type Database from 'better-sqlite3';
import { PublicationKind, type Publication } from '../publication.ts';
import { isSingleHan, queryTokens } from '../search/tokenize.ts';
import { facetOf, facetOfId, monthsBetween } from './sqlite-search-rows.ts';
import { DROP_ONE_MAX, EARLIEST, EXPORT_BATCH, LATEST, MAX_FILTER_MONTHS, RARE, sortByAmount } from './search-plan.ts';
import type { SearchHit, SearchPage, SearchQuery } from './store.ts';

/**
 * Querying the SQLite search tables (migration 3) with FTS5.
 *
 * Matching: every query token must be present (a one-character Han token as a prefix, see
 * indexTokens). When no row has them all and the query has more than one token, the page is a
 * partial-match fallback (`fallback: true`): every token that occurs anywhere (a mistyped
 * character makes a pair that occurs nowhere); else all tokens but one; else any token.
 *
 * Order by relevance: bm25 over the query's distinctive tokens — those in at most RARE rows —
 * best first, then every other match newest first. A token in more rows says little about which
 * row is meant (its idf is low, and in an all-tokens match every row has it anyway), while
 * bm25 pays for it with a walk over its whole posting list. Order by date: newest first, which
 * is FTS5's own rowid order (see sqlite-search-rows.ts).
 *
 * What makes a million rows quick (figures in docs/benchmarks.md): filters by county, township,
 * village and kind are tokens in the FTS `scope` column, intersected by FTS5 from its index;
 * facets come from the ids; and a query matching more than `window` rows counts facets over its
 * `window` newest matches only, and says so (SearchPage.window). The total is always exact.
 */
export function createSearchQueries(db: Database.Database, options: { window: number }) {
  const { window } = options;
  const cache = new Map<string, Database.Statement>();
  const stmt = (text: string) => {
    let s = cache.get(text);
    if (!s) {
      s = db.prepare(text);
      cache.set(text, s);
    }
    return s;
  };

  /** FROM … WHERE for the rows matching `match`, joined to search_rows when a filter needs it. */
  const from = (plan: Plan, match: MatchName, extra: string[] = []) => {
    const join = plan.where.length > 0 ? ' JOIN search_rows r ON r.id = search_fts.rowid' : '';
    return `FROM search_fts${join} WHERE ${[`search_fts MATCH @${match}`, ...plan.where, ...extra].join(' AND ')}`;
  };
  const count = (plan: Plan, match: MatchName): number => stmt(`SELECT count(*) ${from(plan, match)}`).pluck().get(plan.params) as number;
  const documentFrequency = (token: string): number =>
    stmt(`SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ${RARE + 1})`).pluck().get(`{tokens places} : ${phrase(token)}`) as number;
  const countyOf = (slot: number): string => (stmt('SELECT code FROM search_counties WHERE slot = ?').pluck().get(slot) as string | undefined) ?? String(slot);

  /** Matches newest first (FTS5's own order), `limit` of them from `offset`. */
  const newestFirst = (plan: Plan, match: MatchName, offset: number, limit: number): number[] =>
    stmt(`SELECT search_fts.rowid ${from(plan, match)} ORDER BY search_fts.rowid LIMIT @limit OFFSET @offset`).pluck().all({ ...plan.params, limit, offset }) as number[];

  /** The ranked rows — matches with a distinctive token — best first. */
  const ranked = (plan: Plan, offset: number, limit: number): Ids =>
    // `+rowid`: without the +, SQLite hands FTS5 the IN list as rowid lookups, one MATCH per id (seconds).
    stmt(
      `SELECT rowid AS id, -${RANK} AS score FROM search_fts WHERE search_fts MATCH @scoring
       AND +rowid IN (SELECT search_fts.rowid ${from(plan, 'ranked')}) ORDER BY score DESC, rowid LIMIT @limit OFFSET @offset`,
    ).all({ ...plan.params, limit, offset }) as Ids;

  const facets = (ids: readonly number[]): SearchPage['facets'] => {
    const counts = new Map<number, number>();
    for (const id of ids) {
      const f = facetOfId(id);
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    const out: SearchPage['facets'] = { county: {}, kind: {} };
    for (const [f, n] of counts) {
      const { countySlot, kind } = facetOf(f);
      const county = countyOf(countySlot);
      out.county[county] = (out.county[county] ?? 0) + n;
      out.kind[kind] = (out.kind[kind] ?? 0) + n;
    }
    return out;
  };

  /**
   * One page in page order. `newest`: the first matches newest first, when already read (page()
   * reads up to `window` of them for the facets). Ranked rows come first, best first, then every
   * other match newest first; sorted by date, newest first throughout.
   */
  const pageIds = (plan: Plan, sort: SearchQuery['sort'], offset: number, limit: number, newest: readonly number[] | null): Ids => {
    const newestSlice = (match: MatchName, from: number, n: number, skip?: ReadonlySet<number>): Ids => {
      if (newest && match === 'all' && from + n <= newest.length) return newest.slice(from, from + n).map((id) => ({ id, score: 0 }));
      if (newest && skip && newest.length < window) {
        // every match is in `newest`: the rest are those not ranked
        return newest.filter((id) => !skip.has(id)).slice(from, from + n).map((id) => ({ id, score: 0 }));
      }
      return newestFirst(plan, match, from, n).map((id) => ({ id, score: 0 }));
    };
    if (sort === 'date' || plan.scoring === null) return newestSlice('all', offset, limit);
    if (!plan.fallback) return ranked(plan, offset, limit); // every match has every distinctive token
    // A fallback: on the first page the ranked rows' count is known when they do not fill it.
    const rankedCount = offset === 0 ? null : count(plan, 'ranked');
    const out: Ids = rankedCount === null || offset < rankedCount ? ranked(plan, offset, limit) : [];
    if (out.length >= limit) return out;
    const restOffset = Math.max(0, offset - (rankedCount ?? out.length));
    return [...out, ...newestSlice('rest', restOffset, limit - out.length, rankedCount === null ? new Set(out.map((r) => r.id)) : undefined)];
  };

  /** Ids by amount, largest first (rows without one last), newest first among equals. */
  const byAmount = (ids: readonly number[]): number[] => {
    const amounts = new Map<number, number | null>();
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
      const part = ids.slice(i, i + EXPORT_BATCH);
      for (const r of stmt(`SELECT id, amount FROM search_rows WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(part)) as Array<{ id: number; amount: number | null }>) amounts.set(r.id, r.amount);
    }
    return sortByAmount(ids, amounts);
  };

  const rows = (ids: Ids): SearchHit[] => {
    if (ids.length === 0) return [];
    const found = stmt(`SELECT id, publication_id, village, kind, period, published_at, row, text FROM search_rows WHERE id IN (${ids.map(() => '?').join(',')})`).all(
      ...ids.map((i) => i.id),
    ) as HitRow[];
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.flatMap(({ id, score }) => {
      const r = byId.get(id);
      return r ? [{ village: r.village, publicationId: r.publication_id, kind: r.kind, period: r.period, publishedAt: r.published_at, row: r.row, text: r.text, score }] : [];
    });
  };

  /** The plan that finds something, and how many rows it matches (counting is how each step is tried). */
  const plan = (query: Omit<SearchQuery, 'page' | 'pageSize'>): { plan: Plan; total: number } => {
    const tokens = queryTokens(query.q);
    // no words: browsing, every row the filters let through, newest first
    if (tokens.length === 0) {
      const browse = buildPlan(query, null, null, false);
      return { plan: browse, total: count(browse, 'all') };
    }
    const df = new Map(tokens.map((t) => [t, documentFrequency(t)]));
    const present = tokens.filter((t) => (df.get(t) ?? 0) > 0);
    const rare = present.filter((t) => (df.get(t) ?? 0) <= RARE);
    const attempt = (p: Plan) => ({ plan: p, total: count(p, 'all') });
    const all = attempt(buildPlan(query, and(tokens), rare.length > 0 ? and(rare) : null, false));
    if (tokens.length === 1 || present.length === 0 || all.total > 0) return all;
    const scoring = rare.length > 0 ? or(rare) : null;
    if (present.length < tokens.length) {
      const some = attempt(buildPlan(query, and(present), scoring, true));
      if (present.length === 1 || some.total > 0) return some;
    }
    if (present.length > 2 && present.length <= DROP_ONE_MAX) {
      const dropOne = attempt(buildPlan(query, allButOne(present), scoring, true));
      if (dropOne.total > 0) return dropOne;
    }
    return attempt(buildPlan(query, or(present), scoring, true));
  };

  return {
    page(query: SearchQuery): SearchPage {
      const { plan: p, total } = plan(query);
      if (total === 0) return { total: 0, facets: { county: {}, kind: {} }, hits: [], fallback: p.fallback, window: null };
      // One walk over the newest `window` matches gives the facets and, newest first, the page.
      const newest = newestFirst(p, 'all', 0, window);
      const sort = p.fallback ? 'relevance' : query.sort;
      const offset = (query.page - 1) * query.pageSize;
      const ids: Ids =
        sort === 'amount' ? byAmount(newest).slice(offset, offset + query.pageSize).map((id) => ({ id, score: 0 })) : pageIds(p, sort, offset, query.pageSize, newest);
      return {
        total,
        facets: facets(newest),
        hits: rows(ids),
        fallback: p.fallback,
        window: total > window ? window : null,
      };
    },
    hits(query: Omit<SearchQuery, 'page' | 'pageSize'>, limit: number): SearchHit[] {
      const { plan: p } = plan(query);
      if (query.sort === 'amount' && !p.fallback) {
        const ordered = byAmount(newestFirst(p, 'all', 0, window)).slice(0, limit);
        const out: SearchHit[] = [];
        for (let i = 0; i < ordered.length; i += EXPORT_BATCH) out.push(...rows(ordered.slice(i, i + EXPORT_BATCH).map((id) => ({ id, score: 0 }))));
        return out;
      }
      const out: SearchHit[] = [];
      for (let offset = 0; offset < limit; offset += EXPORT_BATCH) {
        const size = Math.min(EXPORT_BATCH, limit - offset);
        const batch = rows(pageIds(p, p.fallback ? 'relevance' : query.sort, offset, size, null));
        out.push(...batch);
        if (batch.length < size) break;
      }
      return out;
    },
  };
}

// ——— private helpers ———

/** bm25 weights per FTS column: a word in the row itself counts more than the place it is in; scope is never scored. */
const RANK = 'bm25(search_fts, 1.0, 0.4, 0.0)';

type Ids = Array<{ id: number; score: number }>;
/** all: the matches; ranked: the matches with a distinctive token; rest: the other matches. */
type MatchName = 'all' | 'ranked' | 'rest';

interface HitRow {
  id: number;
  publication_id: string;
  village: string;
  kind: Publication['kind'];
  period: string;
  published_at: string;
  row: number;
  text: string;
}

interface Plan {
  /** the distinctive tokens' expression bm25 ranks by (params.scoring); null: newest first */
  scoring: string | null;
  /** conditions on search_rows r (dates, amounts); when empty no join is needed */
  where: string[];
  /** @all, @ranked, @rest (MATCH expressions with the scope filters), @scoring, and the filters' values */
  params: Record<string, string | number>;
  fallback: boolean;
}

/** `words`: the MATCH expression over the rows' words; null: none (browsing by the filters alone). */
function buildPlan(query: Omit<SearchQuery, 'page' | 'pageSize'>, words: string | null, scoring: string | null, fallback: boolean): Plan {
  const params: Record<string, string | number> = {};
  const scope: string[] = [];
  if (query.county) scope.push(`c${query.county}`);
  if (query.township) scope.push(`t${query.township}`);
  if (query.village) scope.push(`v${query.village}`);
  if (query.kind) scope.push(`k${query.kind}`);
  const where: string[] = [];
  // The months of [from, to] narrow the rows inside FTS5 (see scopeTokens). When from is the
  // first of a month and to the last, the months decide exactly; else the days are checked on
  // the rows left: a row's own date decides, and a row without one (titles, undated ledger lines)
  // counts when its publication's period overlaps [from, to].
  const months = query.from || query.to ? monthsBetween(query.from ?? EARLIEST, query.to ?? LATEST, MAX_FILTER_MONTHS) : null;
  const byMonth = months !== null && (!query.from || query.from.endsWith('-01')) && (!query.to || isMonthEnd(query.to));
  if (query.from && !byMonth) {
    where.push('(CASE WHEN r.date IS NOT NULL THEN r.date >= @from ELSE r.period_end >= @from END)');
    params.from = query.from;
  }
  if (query.to && !byMonth) {
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
  const scopeFilter = [
    ...scope.map((s) => ` AND scope : ${quote(s)}`),
    ...(months && months.length > 0 ? [` AND scope : (${months.map((m) => quote(`m${m}`)).join(' OR ')})`] : []),
  ].join('');
  const scoped = (expr: string) => `{tokens places} : ${expr}${scopeFilter}`;
  // without words every row has its kind in scope: the filters narrow that
  params.all = words === null ? `scope : (${ALL_KINDS.map((k) => quote(`k${k}`)).join(' OR ')})${scopeFilter}` : scoped(words);
  params.ranked = words === null || scoring === null || !fallback ? params.all : scoped(`(${words} AND ${scoring})`);
  params.rest = words === null || scoring === null ? params.all : scoped(`(${words} NOT ${scoring})`);
  if (scoring !== null) params.scoring = `{tokens places} : ${scoring}`;
  return { scoring, where, params, fallback };
}

const ALL_KINDS: readonly Publication['kind'][] = PublicationKind.options;

function isMonthEnd(iso: string): boolean {
  const next = new Date(`${iso}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

function and(tokens: readonly string[]): string {
  return `(${tokens.map(phrase).join(' AND ')})`;
}

function or(tokens: readonly string[]): string {
  return `(${tokens.map(phrase).join(' OR ')})`;
}

/** Rows that have all the tokens but any one. */
function allButOne(tokens: readonly string[]): string {
  return `(${tokens.map((_, i) => and(tokens.filter((__, j) => j !== i))).join(' OR ')})`;
}

function phrase(token: string): string {
  return isSingleHan(token) ? `${quote(token)}*` : quote(token);
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}
