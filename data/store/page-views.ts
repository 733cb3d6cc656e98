import { levelOf, pathCodes } from '../region.ts';

/**
 * How often the public looked at each village's pages (issue 17's public statistics: the seed
 * platform's "14.5万人次参与监督"), counted on the server per village and China day with no
 * cookie and no address (ingest/page-view-counter.ts), for the region dashboards.
 *
 * Kept rolled up, as division_counts is (issue 14): a batch adds each village's views to the
 * village and, in the same write, to its township, county, prefecture, province and '' (the whole
 * country). A division's figures are then its own rows, one per day with views, so the country's
 * home page never sums the rows of every village. Adding is an increment in the database, never a
 * read-modify-write in the process: two processes adding at once lose nothing.
 */
export interface PageViewCount {
  /** the 12-digit village code of the pages looked at */
  village: string;
  /** the China date (YYYY-MM-DD) they were looked at on */
  day: string;
  /** how many times: a whole number ≥ 1 */
  views: number;
}

export interface PageViewTotals {
  /** every view counted under the scope */
  total: number;
  /** the views on the RECENT_DAYS China days ending with `today` (today included) */
  recent: number;
  /** views per China month (YYYY-MM), oldest first; a month without views is absent */
  byMonth: MonthViews[];
  /** the first day a view was counted on, or null before any */
  since: string | null;
}

export interface MonthViews {
  month: string;
  views: number;
}

export interface VillageViews {
  total: number;
  recent: number;
}

export interface PageViewStore {
  /**
   * Adds the views, all or none. A village and day may come more than once; an empty batch does
   * nothing. A village not of 12 digits or a day not a date is a caller bug (TypeError), and so
   * are views that are not a whole number ≥ 1 (RangeError): nothing of that batch is added.
   */
  addPageViews(counts: readonly PageViewCount[]): Promise<void>;
  /**
   * The views under a division: '' (everything), a province, prefecture, county, township or
   * village code (else TypeError); `today` is the China date the recent window ends on.
   */
  pageViewTotals(scope: string, today: string): Promise<PageViewTotals>;
  /**
   * Each village under a township (or that village alone) with views, in code order, for the
   * township's list of villages. Wider scopes would read every village's days: a RangeError.
   */
  villagePageViews(scope: string, today: string): Promise<Map<string, VillageViews>>;
}

/** The window of `recent`: the last 30 China days, today included. */
export const RECENT_DAYS = 30;

/** One row of the rolled-up table: a division code ('' is everything), a day, its views. */
export interface PageViewRow {
  code: string;
  day: string;
  views: number;
}

/**
 * The rows a batch adds: each count under its village and every division above it, a code and
 * day named once with its views summed (PostgreSQL's ON CONFLICT cannot touch a row twice in one
 * statement), sorted by code then day so that concurrent writers take row locks in one order.
 */
export function pageViewRows(counts: readonly PageViewCount[]): PageViewRow[] {
  const summed = new Map<string, PageViewRow>();
  for (const count of counts) {
    const { village, day, views } = checkedCount(count);
    for (const code of ['', ...pathCodes(village)]) {
      const key = `${code}|${day}`;
      const row = summed.get(key);
      if (row) row.views += views;
      else summed.set(key, { code, day, views });
    }
  }
  return [...summed.values()].sort((a, b) => compare(a.code, b.code) || compare(a.day, b.day));
}

/** A scope pageViewTotals answers: '' or a division code of a known level. */
export function checkedScope(scope: string): string {
  if (typeof scope !== 'string' || (scope !== '' && levelOf(scope) === null)) throw new TypeError(`page views: ${JSON.stringify(scope)} is not a division code`);
  return scope;
}

/** A scope villagePageViews answers: a township or a village. */
export function checkedVillageListScope(scope: string): string {
  checkedScope(scope);
  if (scope.length < 9) throw new RangeError(`page views per village are listed under a township or a village, not under ${JSON.stringify(scope)}`);
  return scope;
}

/** The first and last day of the recent window ending with `today`, for `day BETWEEN from AND today`. */
export function recentWindow(today: string): { from: string; today: string } {
  const ms = Date.parse(`${checkedDay(today, 'today')}T00:00:00Z`);
  return { from: new Date(ms - (RECENT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10), today };
}

/** The totals from per-month rows (month, views, recent views, first day), as both backends read them. */
export function totalsFromMonths(rows: readonly { month: string; views: number | string; recent: number | string; first: string }[]): PageViewTotals {
  const byMonth = rows.map((r) => ({ month: r.month, views: Number(r.views) })).sort((a, b) => compare(a.month, b.month));
  const firsts = rows.map((r) => r.first).sort(compare);
  return {
    total: byMonth.reduce((sum, m) => sum + m.views, 0),
    recent: rows.reduce((sum, r) => sum + Number(r.recent), 0),
    byMonth,
    since: firsts[0] ?? null,
  };
}

// ——— private helpers ———

function checkedCount(count: PageViewCount): PageViewCount {
  const { village, day, views } = count;
  if (typeof village !== 'string' || !/^\d{12}$/.test(village)) throw new TypeError(`page views: ${JSON.stringify(village)} is not a 12-digit village code`);
  checkedDay(day, `the day of ${village}'s views`);
  if (typeof views !== 'number') throw new TypeError(`page views of ${village} on ${day}: ${JSON.stringify(views)} is not a number`);
  if (!Number.isSafeInteger(views) || views < 1) throw new RangeError(`page views of ${village} on ${day} must be a whole number ≥ 1, not ${views}`);
  return count;
}

function checkedDay(day: string, what: string): string {
  const ms = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new TypeError(`${what}: ${JSON.stringify(day)} is not a date (YYYY-MM-DD)`);
  return day;
}

/** Code-point order, as SQLite compares text and PostgreSQL does under COLLATE "C". */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
