import type { Store } from '../data/store/store.ts';

/**
 * Whether a search hit's version is sample data, for the marks on the search page and the 示例数据
 * column of its export (issue 16: sample data is marked in results and exports). Read per village,
 * from the summaries (no content is loaded), once per request.
 */
export function sampleMarks(store: Pick<Store, 'listPublications'>): (village: string, publicationId: string) => Promise<boolean> {
  const byVillage = new Map<string, Promise<Set<string>>>();
  return async (village, publicationId) => {
    let samples = byVillage.get(village);
    if (!samples) byVillage.set(village, (samples = store.listPublications(village).then((list) => new Set(list.filter((p) => p.sample).map((p) => p.id)))));
    return (await samples).has(publicationId);
  };
}
