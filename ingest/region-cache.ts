import type { Config } from '../data/config.ts';
import type { Division } from '../data/region.ts';
import type { DivisionsVersion } from '../data/store/divisions-version.ts';
import type { Store } from '../data/store/store.ts';
import { regionDivisions, SITE_NAME } from '../site/build/page-builder.ts';
import type { SiteInfo } from '../site/lib/page-model.ts';

export interface RegionView {
  /** the region's divisions in code order */
  divisions: Division[];
  byCode: Map<string, Division>;
  site: SiteInfo;
}

/** How long a process serves its copy of the divisions before asking the store whether they changed. */
export const DIVISIONS_RECHECK_MS = 5_000;

/**
 * The region's divisions and the site's name for pages rendered per request (the complaint pages,
 * the console, search). Read once and kept; at most every DIVISIONS_RECHECK_MS the store is asked
 * for the divisions' version (one small row, data/store/divisions-version.ts), and when another
 * process — or this one — has replaced the divisions since, they are read again (issue 14: caches
 * of divisions invalidated when divisions change). A failed read is not kept, and the next request
 * tries again. Derived indexes (the paste index, the search page's place finder) are keyed on the
 * view object, so a new view brings new ones.
 */
export function regionCache(
  store: Pick<Store, 'listDivisions'> & DivisionsVersion,
  config: Pick<Config, 'region' | 'baseUrl'>,
  options: { recheckMs?: number; now?: () => number } = {},
): () => Promise<RegionView> {
  const recheckMs = options.recheckMs ?? DIVISIONS_RECHECK_MS;
  const now = options.now ?? Date.now;
  let cached: { version: number; view: Promise<RegionView> } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<number> | undefined;
  const read = (): Promise<RegionView> =>
    regionDivisions(store, config.region).then((divisions) => ({
      divisions,
      byCode: new Map(divisions.map((d) => [d.code, d])),
      site: { name: SITE_NAME, regionName: divisions.find((d) => d.code === config.region)?.name ?? '', baseUrl: config.baseUrl },
    }));
  return async () => {
    if (cached && now() - checkedAt < recheckMs) return cached.view;
    // one question to the store at a time, however many requests arrive together
    const version = await (checking ??= store.divisionsVersion().finally(() => (checking = undefined)));
    checkedAt = now();
    if (!cached || cached.version !== version) {
      const view = read();
      const entry = { version, view };
      cached = entry;
      view.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.view;
  };
}
