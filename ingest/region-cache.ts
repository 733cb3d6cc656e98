import type { Config } from '../data/config.ts';
import type { Division } from '../data/region.ts';
import type { Store } from '../data/store/store.ts';
import { regionDivisions, SITE_NAME } from '../site/build/page-builder.ts';
import type { SiteInfo } from '../site/lib/page-model.ts';

export interface RegionView {
  byCode: Map<string, Division>;
  site: SiteInfo;
}

/**
 * The region's divisions and the site's name for pages rendered per request (the complaint pages,
 * the console). Divisions change only when the region is loaded, before the portal starts, so
 * they are read once; a failed read is not kept, and the next request tries again.
 */
export function regionCache(store: Pick<Store, 'listDivisions'>, config: Pick<Config, 'region' | 'baseUrl'>): () => Promise<RegionView> {
  let region: Promise<RegionView> | undefined;
  return () =>
    (region ??= regionDivisions(store, config.region)
      .then((divisions) => ({
        byCode: new Map(divisions.map((d) => [d.code, d])),
        site: { name: SITE_NAME, regionName: divisions.find((d) => d.code === config.region)?.name ?? '', baseUrl: config.baseUrl },
      }))
      .catch((error: unknown) => {
        region = undefined;
        throw error;
      }));
}
