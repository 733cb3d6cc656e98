import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../data/config.ts';
import { openStore, type StoreLocator } from '../../data/store/open-store.ts';
import { countyPages } from './full-build-plan.ts';
import { mapLimit, type WithheldFile } from './output-writer.ts';
import type { Division } from '../../data/region.ts';
import { createPageBuilder, loadRenderer, villagesWithPublications, type Region } from './page-builder.ts';

/**
 * A worker thread of a full build: its own store connection and its own copy of the renderer,
 * building the villages it is handed — and the region pages of the counties it is handed with
 * them — into the staging folder, batch by batch, until told to close.
 */
export interface WorkerInit {
  store: StoreLocator;
  config: Config;
  staging: string;
  serverEntry: string;
  /** the instant the whole build is as of (ISO), the main thread's clock at its start */
  asOf: string;
}
/** `counties`: whose own region pages (county and townships) to build too, from the same county's region */
export type WorkerRequest = { type: 'batch'; codes: string[]; counties: string[] } | { type: 'close' };
/** `withheld`: the files of this batch the privacy guard replaced with a notice (output-writer.ts) */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; villages: number; regionPages: number; pages: number; files: number; withheld: WithheldFile[] }
  | { type: 'error'; message: string };

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const store = await openStore(init.store);
  const asOf = new Date(init.asOf);
  const pages = createPageBuilder({ store, config: init.config, outDir: init.staging, render: await loadRenderer(init.serverEntry), direct: true, clock: () => asOf });
  // One county's region at a time (a batch is villages in code order), the whole region only for
  // a store loaded with another region: a thread holds a county's divisions, not the country's.
  let whole: Promise<Region> | null = null;
  const counties = new Map<string, Promise<{ region: Region; byCode: Map<string, Division>; published: Set<string> }>>();
  const countyOf = (code: string) => {
    const county = code.slice(0, 6);
    let entry = counties.get(county);
    if (!entry) {
      entry = (async () => {
        const region = (await pages.loadCountyRegion(county)) ?? (await (whole ??= pages.loadRegion()));
        return { region, byCode: new Map(region.divisions.map((d) => [d.code, d])), published: new Set(villagesWithPublications(region.tree)) };
      })();
      counties.set(county, entry);
      // the two villages built at once may straddle two counties; older ones are done with
      while (counties.size > 2) counties.delete(counties.keys().next().value!);
    }
    return entry;
  };

  port.on('message', async (request: WorkerRequest) => {
    if (request.type === 'close') {
      await store.close();
      port.close();
      return;
    }
    try {
      const before = pages.out.files;
      let count = 0;
      let regionPages = 0;
      for (const county of request.counties) {
        const { region } = await countyOf(county);
        for (const node of countyPages(region, county)) {
          regionPages += await pages.buildRegionPage(region, node, true);
        }
      }
      count += regionPages;
      await mapLimit(request.codes, 2, async (code) => {
        const { region, byCode, published } = await countyOf(code);
        const village = byCode.get(code);
        if (!village) return;
        const built = await pages.buildVillageWithHistory(region, village, published.has(code));
        count += built;
      });
      const { withheld } = pages.out.takeReport();
      port.postMessage({ type: 'done', villages: request.codes.length, regionPages, pages: count, files: pages.out.files - before, withheld } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
