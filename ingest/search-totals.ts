import { resultTotals, TOTALS_ROW_CAP, type SearchTotals, type TotalGroup } from '../data/search/result-totals.ts';
import type { SearchQuery, Store } from '../data/store/store.ts';
import { readHitDetails } from './hit-details.ts';

/**
 * A result set added up by village, township or period (issue 16): its newest TOTALS_ROW_CAP
 * matches, each row's amounts read from its publication (readHitDetails), summed in fen.
 */
export async function searchTotals(store: Pick<Store, 'searchHits' | 'getPublication'>, query: Omit<SearchQuery, 'page' | 'pageSize'>, group: TotalGroup): Promise<SearchTotals> {
  const newest = { ...query, sort: 'date' as const };
  // one row past the cap says whether there were more, without a second search for the total
  const found = await store.searchHits(newest, TOTALS_ROW_CAP + 1);
  const hits = found.slice(0, TOTALS_ROW_CAP);
  const details = await readHitDetails(store, hits);
  const rows = resultTotals(
    group,
    hits.map((hit) => ({ village: hit.village, period: hit.period, fields: details.get(hit)?.fields ?? null })),
  );
  return { group, rows, counted: hits.length, complete: found.length <= TOTALS_ROW_CAP };
}
