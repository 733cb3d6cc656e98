import { resultTotals, TOTALS_ROW_CAP, type SearchTotals, type TotalGroup } from '../data/search/result-totals.ts';
import type { SearchQuery, Store } from '../data/store/store.ts';
import { readHitDetails } from './hit-details.ts';

/**
 * A result set added up by village, township or period (issue 16): its newest TOTALS_ROW_CAP
 * matches, each row's amounts read from its publication (readHitDetails), summed in fen.
 */
export async function searchTotals(store: Pick<Store, 'search' | 'searchHits' | 'getPublication'>, query: Omit<SearchQuery, 'page' | 'pageSize'>, group: TotalGroup): Promise<SearchTotals> {
  const newest = { ...query, sort: 'date' as const };
  const [hits, first] = await Promise.all([store.searchHits(newest, TOTALS_ROW_CAP), store.search({ ...newest, page: 1, pageSize: 1 })]);
  const details = await readHitDetails(store, hits);
  const rows = resultTotals(
    group,
    hits.map((hit) => ({ village: hit.village, period: hit.period, fields: details.get(hit)?.fields ?? null })),
  );
  return { group, rows, counted: hits.length, complete: first.window === null && first.total <= TOTALS_ROW_CAP };
}
