/**
 * What decides which rows a search finds and how they are ranked, the same on both backends
 * (sqlite-search-query.ts, pg/search-query.ts): change it here and both change together, as
 * pg-search.test.ts requires.
 */

/** A token in at most this many rows is distinctive: bm25 ranks by these. */
export const RARE = 10_000;
/** At most this many present tokens try the all-but-one fallback (that many AND groups). */
export const DROP_ONE_MAX = 8;
/** Rows an export reads at a time. */
export const EXPORT_BATCH = 1000;
/** Open ends of a date filter, for its months (ids count days from 1970 too). */
export const EARLIEST = '1970-01-01';
export const LATEST = '2099-12-31';
/** The most months a date filter is turned into (130 years). */
export const MAX_FILTER_MONTHS = 1560;

/**
 * Ids in amount order, as both backends sort by amount: largest first, rows without an amount
 * last, newest first (smallest id) among equals. Sorting covers the newest RANK_WINDOW matches
 * (SearchPage.window says when there were more), so it is done here, on ids already read.
 */
export function sortByAmount(ids: readonly number[], amounts: ReadonlyMap<number, number | null>): number[] {
  const amount = (id: number) => amounts.get(id) ?? null;
  return [...ids].sort((a, b) => {
    const x = amount(a);
    const y = amount(b);
    if (x === y) return a - b;
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  });
}
