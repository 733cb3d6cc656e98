import { catalogueFor } from '../data/power/catalogue-for.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import { fieldIssue, type ApiIssue } from './envelope.ts';

/**
 * Whether `code` is an item of the 小微权力 list that applies to the village (the county's own
 * where it published one, else the default): what recording a complaint with an item and a 确定
 * step both check before anything is written. Null when it is; the issue naming the field otherwise.
 */
export async function powerItemIssue(store: Pick<CatalogueStore, 'listCatalogues'>, village: string, code: string, field = 'powerItem'): Promise<ApiIssue | null> {
  const catalogue = catalogueFor(village, (await store.listCatalogues()).map((s) => s.document));
  if (catalogue.items.some((i) => i.code === code)) return null;
  return fieldIssue('power-item-unknown', field, `本村适用的小微权力清单里没有事项 ${code}`, `the village's power list has no item ${code}`);
}
