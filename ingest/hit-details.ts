import { hitFields, type HitFields } from '../data/search/hit-fields.ts';
import type { SearchHit, Store } from '../data/store/store.ts';

/** What a search hit's publication says of it: its row's fields, the version, when and whether it is sample data. */
export interface HitDetails {
  fields: HitFields | null;
  publishedAt: string | null;
  version: number | null;
  sample: boolean;
}

/**
 * The details of every hit, read from the publications themselves (the search index keeps only
 * the text): each publication read once and let go before the next, whatever order the hits come
 * in. A publication gone since the search (taken down meanwhile) gives no details.
 */
export async function readHitDetails(store: Pick<Store, 'getPublication'>, hits: readonly SearchHit[]): Promise<Map<SearchHit, HitDetails>> {
  const out = new Map<SearchHit, HitDetails>();
  const byPublication = new Map<string, SearchHit[]>();
  for (const hit of hits) byPublication.set(hit.publicationId, [...(byPublication.get(hit.publicationId) ?? []), hit]);
  for (const [id, of] of byPublication) {
    const p = await store.getPublication(id);
    for (const hit of of) out.set(hit, p ? { fields: hitFields(p.content, hit.row), publishedAt: p.publishedAt, version: p.version, sample: p.sample } : { fields: null, publishedAt: null, version: null, sample: false });
  }
  return out;
}
