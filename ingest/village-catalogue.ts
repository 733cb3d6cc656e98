import { catalogueFor } from '../data/power/catalogue-for.ts';
import type { PowerCatalogue } from '../data/power/power-catalogue.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import { fieldIssue, type ApiIssue } from './envelope.ts';

/**
 * The 小微权力 list that applies to a village (the county's own where it published one, else the
 * default; data/power/catalogue-for.ts), read from the store: what the intake form offers, what a
 * complaint's page names, what recording and a 确定 step check against. A township, county or
 * city code gives the list that applies across it.
 */
export async function villageCatalogue(store: Pick<CatalogueStore, 'listCatalogues'>, code: string): Promise<PowerCatalogue> {
  return catalogueFor(code, (await store.listCatalogues()).map((s) => s.document));
}

/** Null when `code` is an item of the village's list; the issue naming the field otherwise. */
export async function powerItemIssue(store: Pick<CatalogueStore, 'listCatalogues'>, village: string, code: string, field = 'powerItem'): Promise<ApiIssue | null> {
  if ((await villageCatalogue(store, village)).items.some((i) => i.code === code)) return null;
  return fieldIssue('power-item-unknown', field, `本村适用的小微权力清单里没有事项 ${code}`, `the village's power list has no item ${code}`);
}
