import { fileURLToPath } from 'node:url';
import type { Config } from '../../data/config.ts';
import type { Publication } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import type { TreeNode } from '../lib/page-model.ts';
import { crumbsTo, findNode, regionNodes } from '../lib/region-tree.ts';
import { buildNotFoundView, buildUploadView } from '../lib/region-view.ts';
import { mapLimit, type WithheldFile } from './output-writer.ts';
import { createPageBuilder, loadRenderer, villagesWithPublications, type Region, type RenderFn, type SiteStore } from './page-builder.ts';
import { findingsLedger, privacyFindingsPath } from './privacy-findings.ts';
import { stagingFolder, swapIn } from './site-swap.ts';
import { buildInWorkers } from './worker-pool.ts';
import { countyPages, planFullBuild, villagesByCounty } from './full-build-plan.ts';
import type { StoreLocator } from '../../data/store/open-store.ts';
import type { PageOutbox } from '../../data/store/page-outbox.ts';

export type { RenderFn } from './page-builder.ts';

/**
 * The static site builder. `astro build` produces an SSR bundle once; this renders each page
 * in-process through its `render(url, locals)` export and writes it to a file. A full build
 * renders everything; a new publication re-renders only the pages it touches.
 *
 * A file with an unmasked personal number is withheld, never a reason to stop: a notice is written
 * in its place (output-writer.ts), the rest is built, and each result names the withheld files
 * (`withheld`), which also go to the log and to the staff's list (privacy-findings.ts).
 */
export interface SiteBuilder {
  buildAll(onProgress?: (done: number, total: number) => void): Promise<{ pages: number; files: number; ms: number; withheld: string[] }>;
  rebuildForPublication(p: Publication): Promise<{ files: number; ms: number; withheld: string[] }>;
  /**
   * The pages an upload must see before its 201: the village page and the version's series. The
   * region pages above and the home page follow from the outbox (outbox-builder.ts), which
   * rebuilds the whole of rebuildForPublication.
   */
  rebuildPublicationPages(p: Publication): Promise<{ files: number; ms: number; withheld: string[] }>;
  /**
   * Re-renders the pages that show these villages' complaint figures: each village page, its
   * township and county pages and the home page, once each however many villages share them.
   * Codes outside the region are skipped. Used by the outbox builder (outbox-builder.ts).
   */
  rebuildVillages(codes: readonly string[]): Promise<{ villages: number; files: number; ms: number; withheld: string[] }>;
  /**
   * Re-renders the public notices of these rounds of rectification, and the region pages on their
   * path with the home page (their dashboards count the rounds); their villages go through rebuildVillages.
   */
  rebuildRounds(ids: readonly string[]): Promise<{ files: number; ms: number; withheld: string[] }>;
  /** Re-renders the 小微权力清单 pages: the default's and each county's or city's newest list (after one is published). */
  rebuildPowerLists(): Promise<{ files: number; ms: number; withheld: string[] }>;
  /** Re-renders the summary tables' pages of these townships, counties or cities, and each one's own page (the home page for the root). */
  rebuildSummaries(scopes: readonly string[]): Promise<{ files: number; ms: number; withheld: string[] }>;
}

export interface SiteBuilderOptions {
  store: SiteStore;
  config: Config;
  outDir: string;
  /** the SSR bundle; defaults to dist/server/entry.mjs of this repository */
  serverEntry?: string;
  /** renders instead of the bundle: the benchmark records page models with it */
  renderer?: RenderFn;
  /** full builds render villages in this many worker threads, each opening the store itself */
  workers?: { count: number; store: StoreLocator };
  /** the clock complaint figures are counted at (what is overdue); the system clock by default */
  clock?: () => Date;
  /** the staff's list of withheld files; `<data folder>/privacy-findings.json` by default */
  findingsFile?: string;
  /** where withheld files are reported, one line per finding; console.error by default */
  log?: (line: string) => void;
  /**
   * The store's outbox of stale pages: after a full build replaced the site, what other builders
   * built while it ran (on reads older than the new site's) is marked stale again.
   */
  outbox?: Pick<PageOutbox, 'restaleFinishedSince'>;
  /** full builds read the whole region at once, as before full-build-plan.ts: the tests compare both */
  wholeRegion?: boolean;
}

export const DEFAULT_SERVER_ENTRY = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));

export async function createSiteBuilder(opts: SiteBuilderOptions): Promise<SiteBuilder> {
  const serverEntry = opts.serverEntry ?? DEFAULT_SERVER_ENTRY;
  const render = opts.renderer ?? (await loadRenderer(serverEntry));
  const pages = createPageBuilder({ ...opts, render });
  const findings = findingsLedger({
    path: opts.findingsFile ?? privacyFindingsPath(opts.config.dataDir),
    clock: opts.clock ?? (() => new Date()),
    log: opts.log ?? ((line) => console.error(line)),
  });
  /** A rebuild into the live site: whatever it wrote, however it ended, updates the list. */
  const live = async <T extends object>(task: () => Promise<T>): Promise<T & { withheld: string[] }> => {
    const settle = () => {
      const report = pages.out.takeReport();
      findings.apply(report);
      return report.withheld.map((w) => w.file);
    };
    let result: T;
    try {
      result = await task();
    } catch (error) {
      settle();
      throw error;
    }
    return { ...result, withheld: settle() };
  };

  /** The village page and the version's series; returns the village. */
  const villagePages = async (region: Region, p: Publication): Promise<Division> => {
    const village = region.divisions.find((d) => d.code === p.village) ?? (await opts.store.getDivision(p.village));
    if (!village) throw new Error(`村代码 ${p.village} 不在本地区 / village ${p.village} is not in the region`);
    const { history } = await pages.buildVillage(region, village, true);
    // Every version of the series: each one's banner names the newest version.
    const series = history.filter((h) => h.kind === p.kind && h.period === p.period && h.subject === p.subject);
    if (!series.some((h) => h.id === p.id)) await pages.buildPublication(region, village, p, history);
    for (const summary of series) {
      // The stored copy, not `p`: a replayed upload may hand over a version corrected since.
      const version = (await opts.store.getPublication(summary.id)) ?? (summary.id === p.id ? p : null);
      if (version) await pages.buildPublication(region, village, version, history);
    }
    return village;
  };

  /** The whole region, read at most once per rebuild, when a path cannot be read alone. */
  const wholeRegionOnce = () => {
    let region: Promise<Region> | null = null;
    return () => (region ??= pages.loadRegion());
  };

  /** The region pages on these villages' paths, each once, and the home page. */
  const pagesAbove = async (region: Region, villages: readonly string[]): Promise<void> => {
    const above = new Map<string, TreeNode>();
    for (const code of villages) {
      for (const crumb of crumbsTo(region.tree, code).slice(1, -1)) {
        const node = findByHref(region.tree, crumb.href);
        if (node) above.set(node.code, node);
      }
    }
    for (const node of above.values()) await pages.buildRegionPage(region, node);
    await pages.buildHome(region);
  };

  const builder = {
    async buildAll(onProgress?: (done: number, total: number) => void) {
      const started = performance.now();
      const wallStart = new Date().toISOString();
      const staging = stagingFolder(opts.outDir);
      // Every page of a full build is as of its start, in every thread: a build that runs past a
      // minute must not stamp its pages with different 统计截至 lines or judge them on different days.
      const asOf = (opts.clock ?? (() => new Date()))();
      const full = createPageBuilder({ ...opts, outDir: staging, render, direct: true, clock: () => asOf });
      // A province or the country is read county by county (full-build-plan.ts); a smaller region, whole.
      const plan = opts.wholeRegion ? null : await planFullBuild(opts.store, full, opts.config.region);
      const region = plan?.top ?? (await full.loadRegion());
      const villages = plan ? null : region.divisions.filter((d) => d.level === 'village' && d.code.startsWith(region.tree.code));
      const regions = plan?.above ?? regionNodes(region.tree);
      const { rounds } = region;
      // The 小微权力清单: the national default and the newest list of each county or city of the region.
      const power = region.powerLists;
      const total = (plan ? plan.villages + plan.regionPages : villages!.length + regions.length) + rounds.length + 3 + power.reduce((n, c) => n + c.items.length + 1, 0);
      let done = 0;
      let count = 0;
      let workerFiles = 0;
      let workerWithheld: WithheldFile[] = [];
      const progress = (n: number) => onProgress?.((done += n), total);
      const inThreads = opts.workers && opts.workers.count > 1 && !opts.renderer ? opts.workers : null;
      const buildVillages = async (within: Region, list: readonly Division[]) => {
        const published = new Set(villagesWithPublications(within.tree));
        await mapLimit(list, CONCURRENCY, async (village) => {
          const built = await full.buildVillageWithHistory(within, village, published.has(village.code));
          count += built; // after the await: `count += await …` would add to a stale count
          progress(1);
        });
      };

      // Workers start first: their start-up (loading the bundle, the store) overlaps the region pages.
      // Each county's region pages go with its villages: whoever reads a county builds all of it.
      const work = plan ? villagesByCounty(opts.store, plan.counties) : (async function* () { yield { villages: villages!.map((v) => v.code) }; })();
      const parallel = inThreads ? buildInWorkers({ store: inThreads.store, config: opts.config, staging, serverEntry, asOf: asOf.toISOString() }, inThreads.count, work, progress) : null;
      try {
        const home = await full.buildHome(region, true);
        await full.renderPage('/upload/', buildUploadView(region.site));
        await full.renderPage('/404/', buildNotFoundView(region.site), '404.html', 404);
        count += home + 2;
        progress(3);
        for (const list of power) {
          const powerPages = await full.buildPowerList(region, list);
          count += powerPages;
          progress(powerPages);
        }
        for (const node of regions) {
          count += await full.buildRegionPage(region, node, true);
          progress(1);
        }
        for (const county of parallel ? [] : (plan?.counties ?? [])) {
          const within = await full.loadCountyRegion(county);
          if (!within) continue;
          for (const node of countyPages(within, county)) {
            count += await full.buildRegionPage(within, node, true);
            progress(1);
          }
          await buildVillages(within, within.divisions.filter((d) => d.level === 'village' && d.code.startsWith(county)));
        }
        for (const round of rounds) {
          // a round's notice needs its scope's path and the villages of its problems, not the region
          const within = plan ? ((await full.loadVillageRegion(round.scope)) ?? region) : region;
          if (await full.buildRound(within, round.id)) count += 1;
          progress(1);
        }
      } catch (error) {
        await parallel?.catch(() => undefined); // let the workers finish and exit before failing
        throw error;
      }
      if (parallel) {
        const built = await parallel;
        count += built.pages;
        workerFiles = built.files;
        workerWithheld = built.withheld;
      } else if (villages) {
        await buildVillages(region, villages);
      }
      // The new site goes live in one rename; the old build is deleted in the background.
      swapIn(opts.outDir, staging).cleanup.catch((error: unknown) => console.error('[site] removing an old build failed:', error));
      // Pages another builder wrote into the old site while this one read the store are gone with it.
      await opts.outbox?.restaleFinishedSince(wallStart, new Date().toISOString());
      const withheld = [...full.out.takeReport().withheld, ...workerWithheld].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      findings.replace(withheld);
      return { pages: count, files: full.out.files + workerFiles, ms: Math.round(performance.now() - started), withheld: withheld.map((w) => w.file) };
    },

    async rebuildForPublication(p: Publication) {
      const started = performance.now();
      const before = pages.out.files;
      const whole = wholeRegionOnce();
      const village = await villagePages((await pages.loadVillageRegion(p.village)) ?? (await whole()), p);
      await pagesAbove((await pages.loadRegionAbove([village.code])) ?? (await whole()), [village.code]);
      return { files: pages.out.files - before, ms: Math.round(performance.now() - started) };
    },

    async rebuildPublicationPages(p: Publication) {
      const started = performance.now();
      const before = pages.out.files;
      await villagePages((await pages.loadVillageRegion(p.village)) ?? (await pages.loadRegion()), p);
      return { files: pages.out.files - before, ms: Math.round(performance.now() - started) };
    },

    async rebuildVillages(codes: readonly string[]) {
      const started = performance.now();
      const before = pages.out.files;
      const whole = wholeRegionOnce();
      const built: string[] = [];
      // Each village's page from its own path; the pages above all of them once, from theirs.
      await mapLimit([...new Set(codes)], CONCURRENCY, async (code) => {
        const region = (await pages.loadVillageRegion(code)) ?? (await whole());
        const village = region.divisions.find((d) => d.code === code);
        if (!village || village.level !== 'village' || !code.startsWith(region.tree.code)) return;
        await pages.buildVillage(region, village, (findNode(region.tree, code)?.count ?? 0) > 0);
        built.push(code);
      });
      if (built.length > 0) await pagesAbove((await pages.loadRegionAbove(built)) ?? (await whole()), built);
      return { villages: built.length, files: pages.out.files - before, ms: Math.round(performance.now() - started) };
    },

    async rebuildPowerLists() {
      const started = performance.now();
      const before = pages.out.files;
      const region = await pages.loadRegion();
      for (const list of region.powerLists) await pages.buildPowerList(region, list);
      return { files: pages.out.files - before, ms: Math.round(performance.now() - started) };
    },

    async rebuildSummaries(scopes: readonly string[]) {
      const started = performance.now();
      const before = pages.out.files;
      const codes = [...new Set(scopes)];
      // the divisions of these pages and their paths, never the region (issue 14)
      const region = (await pages.loadRegionPages(codes)) ?? (await pages.loadRegion());
      for (const code of codes) {
        const node = findNode(region.tree, code);
        if (!node || node.level === 'village') continue;
        if (code === region.tree.code) await pages.buildHome(region, true);
        else await pages.buildRegionPage(region, node, true);
      }
      return { files: pages.out.files - before, ms: Math.round(performance.now() - started) };
    },

    async rebuildRounds(ids: readonly string[]) {
      const started = performance.now();
      const before = pages.out.files;
      const region = await pages.loadRegion();
      const above = new Map<string, TreeNode>();
      for (const id of new Set(ids)) {
        if (!(await pages.buildRound(region, id))) continue;
        const round = await opts.store.getRound(id);
        for (const crumb of round ? crumbsTo(region.tree, round.scope).slice(1) : []) {
          const node = findByHref(region.tree, crumb.href);
          if (node && node.level !== 'village') above.set(node.code, node);
        }
      }
      for (const node of above.values()) await pages.buildRegionPage(region, node);
      if (above.size > 0) await pages.buildHome(region);
      return { files: pages.out.files - before, ms: Math.round(performance.now() - started) };
    },
  };

  // One build at a time: two overlapping rebuilds could otherwise write a home page from stats
  // read before the other's publication, and the older page could land last.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    buildAll: (onProgress) => serial(() => builder.buildAll(onProgress)),
    rebuildForPublication: (p) => serial(() => live(() => builder.rebuildForPublication(p))),
    rebuildPublicationPages: (p) => serial(() => live(() => builder.rebuildPublicationPages(p))),
    rebuildVillages: (codes) => serial(() => live(() => builder.rebuildVillages(codes))),
    rebuildRounds: (ids) => serial(() => live(() => builder.rebuildRounds(ids))),
    rebuildPowerLists: () => serial(() => live(() => builder.rebuildPowerLists())),
    rebuildSummaries: (scopes) => serial(() => live(() => builder.rebuildSummaries(scopes))),
  };
}

// ——— private helpers ———

/** Villages rendered at once in one thread: enough to overlap store reads and file writes with rendering. */
const CONCURRENCY = 2;
function findByHref(tree: TreeNode, href: string | null): TreeNode | null {
  const code = /^\/r\/(\d+)\/$/.exec(href ?? '')?.[1];
  if (!code) return null;
  let node: TreeNode | undefined = tree;
  while (node && node.code !== code) node = node.children.find((c) => code.startsWith(c.code));
  return node ?? null;
}
