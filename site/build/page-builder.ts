import { existsSync } from 'node:fs';
import type { PageViewStore } from '../../data/store/page-views.ts';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../../data/config.ts';
import { rootFingerprint } from '../../data/log/checkpoint.ts';
import type { IsoDate, Publication, PublicationSummary } from '../../data/publication.ts';
import type { PowerCatalogue } from '../../data/power/power-catalogue.ts';
import type { Division } from '../../data/region.ts';
import type { DivisionCountStore } from '../../data/store/division-counts.ts';
import type { FlagSettingsStore, FlagStore } from '../../data/store/flag-store.ts';
import type { LateVillageStore } from '../../data/store/late-villages.ts';
import type { ComplaintFigureStore } from '../../data/store/complaint-figures.ts';
import type { MatterCountStore } from '../../data/store/matter-counts.ts';
import type { MatterCutoffs } from '../../data/decisions/owed-cutoffs.ts';
import type { DecisionCheckSettings } from '../../data/decisions/checks/run-decision-checks.ts';
import type { DecisionStore } from '../../data/store/decision-store.ts';
import type { RectificationStore } from '../../data/store/rectification-store.ts';
import type { Store, Takedown } from '../../data/store/store.ts';
import type { RoundRecord } from '../../data/rectification/rectification.ts';
import { foldRound, type RoundState } from '../../data/rectification/round-fold.ts';
import { chinaDate } from '../../data/working-days.ts';
import { buildRectificationView } from '../lib/rectification-view.ts';
import type { ComplaintStatsIndex } from '../lib/complaint-stats-index.ts';
import { judgeVillageDecisions } from '../../data/decisions/village-decisions.ts';
import { catalogueFor } from '../../data/power/catalogue-for.ts';
import type { CatalogueStore } from '../../data/store/catalogue-store.ts';
import type { StoredSummary, SummaryStore } from '../../data/store/summary-store.ts';
import { buildSummaryPageView, summaryListItems } from '../lib/summary-page-view.ts';
import { buildDecisionPageView } from '../lib/decision-page-view.ts';
import type { LogStamp, PageModel, SiteInfo, TreeNode } from '../lib/page-model.ts';
import { buildPowerIndexView, buildPowerItemView } from '../lib/power-page-view.ts';
import { buildPublicationView, logStamp } from '../lib/publication-view.ts';
import { crumbsTo } from '../lib/region-tree.ts';
import { buildHomeView, buildRegionView } from '../lib/region-view.ts';
import { buildDashboard } from '../lib/dashboard-view.ts';
import { chartCsv } from '../lib/charts/chart-csv.ts';
import type { ChartView } from '../lib/charts/chart-model.ts';
import type { DashboardView } from '../lib/page-model.ts';
import { CHART_NAMES_FILE, CHARTS_FOLDER, decisionHref, photoHref, powerIndexPath, powerItemPath, publicationHref, regionHref, regionPageHref, roundHref, summaryHref, villageHref } from '../lib/urls.ts';
import { INDEX_FILE, buildVillageIndex } from '../lib/village-index.ts';
import { buildVillageView } from '../lib/village-view.ts';
import { buildWithheldView } from '../lib/withheld-view.ts';
import { OutputWriter } from './output-writer.ts';
import { createRegionLoaders } from './region-loaders.ts';
import { fitNotice, withheldNotice } from './withheld-notice.ts';

/**
 * Renders single pages into the output folder (their data twins are served from the store:
 * ingest/data-twins.ts). The site builder decides
 * which pages to build; this knows how to build each one. It runs in the main thread for
 * incremental rebuilds and in each worker thread of a full build.
 */
export type RenderFn = (url: string, locals: { page: PageModel }) => Promise<Response>;

export interface Region {
  divisions: Division[];
  tree: TreeNode;
  site: SiteInfo;
  /** the complaint figures, read per county the first time a page under it needs them */
  complaints: ComplaintStatsIndex;
  /** every round of rectification in the region, read once: there are few, and every page asks */
  rounds: RoundRecord[];
  /**
   * The villages with a public flag, read once; null when there are more flags than one list
   * holds, and each village page then asks for its own.
   */
  flagged: ReadonlySet<string> | null;
  /** the national 小微权力清单 and the newest list of each county or city that published one, read once */
  powerLists: PowerCatalogue[];
  /** the 四议两公开 checks' thresholds a village is judged by (its county's settings document), read once */
  checkSettings: (village: string) => DecisionCheckSettings;
  /** the same thresholds as the cutoff days the store counts matters by on a day (MatterCountStore) */
  matterCutoffs: (today: IsoDate) => MatterCutoffs;
}

/** What the pages read: publications and the log, flags, rounds of rectification, 四议两公开 matters. */
export type SiteStore = Store & DivisionCountStore & Pick<FlagStore, 'listFlags' | 'flagCounts'> & LateVillageStore & Pick<RectificationStore, 'listRounds' | 'getRound'> & Pick<DecisionStore, 'listDecisionMatters'> & Pick<CatalogueStore, 'listCatalogues'> & Pick<SummaryStore, 'listSummaries'> & Pick<FlagSettingsStore, 'getFlagSettings' | 'flagSettingsCodes'> & MatterCountStore & ComplaintFigureStore & Pick<PageViewStore, 'pageViewTotals'>;

export interface PageBuilderOptions {
  store: SiteStore;
  config: Config;
  outDir: string;
  render: RenderFn;
  /** write without temp files: for a staging folder nobody serves yet */
  direct?: boolean;
  /** the build clock: which complaints are overdue, and the 统计截至 line; the system clock by default */
  clock?: () => Date;
}

export type PageBuilder = ReturnType<typeof createPageBuilder>;

export function createPageBuilder(opts: PageBuilderOptions) {
  const { store, config, render } = opts;
  const clock = opts.clock ?? (() => new Date());
  // Numbers configured as public (supervision phones and public hotlines) are published on purpose: the guard lets them be.
  const allow = config.publicPhones;
  // The notice page is rendered once per site name, the first time a page is withheld.
  let site: SiteInfo = { name: SITE_NAME, regionName: '', baseUrl: config.baseUrl };
  let notice: { site: SiteInfo; page: Promise<Uint8Array> } | null = null;
  const noticePage = (): Promise<Uint8Array> => {
    if (notice?.site !== site) {
      const page = render('http://cunwu.invalid/withheld/', { page: buildWithheldView(site) })
        .then(async (res) => fitNotice({ status: res.status, html: new Uint8Array(await res.arrayBuffer()) }, allow))
        .catch(() => fitNotice(null, allow));
      notice = { site, page };
    }
    return notice.page;
  };
  // The loaders name the region; the notice page follows the name.
  const loaders = createRegionLoaders({
    store,
    config,
    clock,
    siteNamed: (regionName) => {
      if (site.regionName !== regionName) site = { name: SITE_NAME, regionName, baseUrl: config.baseUrl };
      return site;
    },
  });
  const out = new OutputWriter(opts.outDir, { direct: opts.direct ?? false, allow, notice: (file) => withheldNotice(file, noticePage) });

  const renderPage = async (path: string, page: PageModel, file = join(path, 'index.html'), status = 200): Promise<void> => {
    // The origin only serves route matching; links in pages are root-relative.
    const response = await render(`http://cunwu.invalid${path}`, { page });
    // Bytes straight from the renderer to the file: no decode to a string and encode back.
    const html = new Uint8Array(await response.arrayBuffer());
    if (response.status !== status) {
      throw new Error(`页面渲染失败 / rendering ${path} answered ${response.status}: ${new TextDecoder().decode(html.subarray(0, 300))}`);
    }
    await out.write(file, html);
  };

  const writePhotos = async (p: Publication): Promise<void> => {
    if (p.content.kind !== 'project') return;
    for (const item of p.content.projects) {
      for (const photo of item.photos) {
        for (const [variant, width] of [['large', 1200], ['small', 320]] as const) {
          const file = join('media', `${photo.id}-${width}.webp`);
          // Photo ids are content hashes and photos are append-only: an existing file is current.
          if (out.exists(file)) continue;
          const bytes = await store.getPhoto(photo.id, variant);
          if (bytes) await out.write(file, bytes);
        }
      }
    }
  };

  /**
   * A taken-down project's photos leave the site too, unless another version of the series that
   * was not taken down shows the same photo (photo ids are content hashes, shared by corrections).
   */
  const removePhotos = async (p: Publication, history: readonly PublicationSummary[]): Promise<void> => {
    if (p.content.kind !== 'project') return;
    const kept = new Set<string>();
    for (const h of history) {
      if (h.id === p.id || h.kind !== p.kind || h.period !== p.period || h.subject !== p.subject) continue;
      if (await store.getTakedown(h.id)) continue;
      const other = await store.getPublication(h.id);
      if (other?.content.kind === 'project') for (const item of other.content.projects) for (const photo of item.photos) kept.add(photo.id);
    }
    for (const item of p.content.projects) {
      for (const photo of item.photos) {
        if (kept.has(photo.id)) continue;
        for (const size of ['large', 'small'] as const) await rm(join(opts.outDir, photoHref(photo.id, size)), { force: true });
      }
    }
  };

  // The log as each page is built: its size is read per page (one indexed lookup) and its root
  // only when the size changed, so a page names a tree that holds everything the page shows.
  let stamp: LogStamp | null = null;
  const logNow = async (): Promise<LogStamp> => {
    const size = await store.logSize();
    if (stamp?.size === size) return stamp;
    const root = await store.logRoot(size);
    if (root.kind !== 'root') throw new Error(`log: no root for size ${size}: ${root.kind}`);
    stamp = logStamp(size, rootFingerprint(root.root));
    return stamp;
  };

  const buildPublication = async (region: Region, village: Division, p: Publication, history: readonly PublicationSummary[]): Promise<void> => {
    const path = publicationHref(village.code, p.id);
    const crumbs = crumbsTo(region.tree, village.code);
    // Read right before rendering, so a takedown made during a build is not missed for long.
    const takedown = await store.getTakedown(p.id);
    const index = await store.logIndexOfPublication(p.id);
    const log = index === null ? null : { index, stamp: await logNow() };
    await renderPage(path, buildPublicationView({ site: region.site, publication: p, village, crumbs, history, log, takedown }));
    if (takedown) await removePhotos(p, history);
    else await writePhotos(p);
  };

  /** The village page and its 四议两公开 matters' pages; returns what it loaded so publication pages can reuse it. */
  const buildVillage = async (region: Region, village: Division, hasPublications: boolean) => {
    const code = village.code;
    const [current, history] = hasPublications
      ? await Promise.all([store.currentPublications(code), store.listPublications(code)])
      : [[] as Publication[], [] as PublicationSummary[]];
    const takedowns = new Map<string, Takedown>(hasPublications ? (await store.listTakedowns()).map((t) => [t.publicationId, t]) : []);
    // After the publications: the tree read now holds every one of them.
    const log = await logNow();
    const crumbs = crumbsTo(region.tree, code);
    const path = villageHref(code);
    const complaints = await region.complaints.viewOf(code);
    const now = clock().toISOString();
    // Flags come with the build: a flag turns public at a time, and the nightly run rebuilds then.
    const flags = region.flagged === null || region.flagged.has(code) ? await store.listFlags({ scope: code, publicAt: now }) : [];
    // Judged against the ledgers the page shows, as of the build day: a deadline passing needs a rebuild, like flags.
    const matters = await store.listDecisionMatters(code);
    const catalogue = catalogueFor(code, region.powerLists);
    const decisions = judgeVillageDecisions({ matters, publications: current.filter((p) => !takedowns.has(p.id)), today: chinaDate(now), catalogue, settings: region.checkSettings(code) });
    // The village's charts' CSV files are served from the store (ingest/data-twins.ts), like its other twins.
    await renderPage(path, buildVillageView({ site: region.site, village, crumbs, current, history, complaints, takedowns, log, flags, rounds: roundsOn(region, code, now), decisions, powerScope: catalogue.scope, now }));
    // The in-browser search fetches this only when the search box is used; no publications, no file.
    const searchable = current.filter((p) => !takedowns.has(p.id));
    if (searchable.length > 0) await out.write(join(path, INDEX_FILE), JSON.stringify(buildVillageIndex(searchable)));
    else if (current.length > 0) await out.remove(join(path, INDEX_FILE));
    for (const { matter, judged } of decisions.matters) {
      await renderPage(decisionHref(code, matter.id), buildDecisionPageView({ site: region.site, village, crumbs, matter, judged, catalogue }));
    }
    return { current, history, decisionPages: decisions.matters.length };
  };

  /**
   * Each chart's numbers as CSV at the address the page links to (the privacy guard reads them
   * too); a chart the page no longer has loses its file, so no figure outlives what it was built
   * from (a version taken down, say).
   */
  const writeCharts = async (pageHref: string, charts: readonly ChartView[]): Promise<void> => {
    const dir = join(opts.outDir, pageHref, CHARTS_FOLDER);
    const kept = new Set<string>();
    // the Chinese file name each download is given (ingest/static-site.ts reads it)
    const names: Record<string, string> = {};
    for (const chart of charts) {
      if (!chart.csvHref) continue;
      const file = chart.csvHref.slice(chart.csvHref.lastIndexOf('/') + 1);
      kept.add(file);
      names[file] = `${chart.title}.csv`;
      await out.write(chart.csvHref.replace(/^\//, ''), chartCsv(chart));
    }
    if (Object.keys(names).length > 0) {
      kept.add(CHART_NAMES_FILE);
      await out.write(join(pageHref, CHARTS_FOLDER, CHART_NAMES_FILE).replace(/^\//, ''), JSON.stringify(names));
    }
    const present = existsSync(dir) ? await readdir(dir) : [];
    for (const file of present) if (!kept.has(file)) await out.remove(join(pageHref, CHARTS_FOLDER, file));
  };

  /** The dashboard of a county, township or the region: public flags, rounds, trends. */
  const dashboardOf = async (region: Region, node: TreeNode): Promise<DashboardView> => {
    const now = clock().toISOString();
    // the disclosure calendar of the node and of each part its chart shows, counted in the store
    const parts = [node.code, ...node.children.filter((c) => c.level !== 'village').map((c) => c.code)];
    const [flags, late, complaintTrend, decisions, pageViews] = await Promise.all([
      store.flagCounts(node.code, now),
      store.lateVillageCounts(parts, now),
      region.complaints.trendOf(node.code),
      store.matterCounts(node.code, region.matterCutoffs(chinaDate(now))),
      store.pageViewTotals(node.code, chinaDate(now)),
    ]);
    const rounds = roundsOn(region, node.code, now);
    const pageHref = node.code === region.tree.code ? '/' : regionHref(node.code);
    const view = buildDashboard({ node, pageHref, complaintTrend, flags, late, rounds, decisions, pageViews, now });
    await writeCharts(pageHref, view.charts);
    return view;
  };

  /** Rounds of inspection on the code's path (as RectificationStore.listRounds), folded as of the build day. */
  const roundsOn = (region: Region, code: string, now: string): RoundState[] =>
    region.rounds.filter((r) => r.scope.startsWith(code) || code.startsWith(r.scope)).map((r) => foldRound(r, chinaDate(now)));

  /** Every version of the summary tables the node published, each its own page (its page lists them). */
  const buildSummaryPages = async (region: Region, node: TreeNode, all: readonly StoredSummary[]): Promise<number> => {
    const crumbs = crumbsTo(region.tree, node.code).slice(0, -1);
    const at = { name: node.name, href: regionPageHref(node.code, region.tree.code) };
    for (const summary of all) await renderPage(summaryHref(node.code, summary.seq), buildSummaryPageView({ site: region.site, region: at, crumbs, all, summary }));
    return all.length;
  };

  return {
    out,
    renderPage,
    buildPublication,
    buildVillage,

    /** The 小微权力清单: its index and one page per item; returns the number of pages written. */
    async buildPowerList(region: Region, catalogue: PowerCatalogue): Promise<number> {
      await renderPage(powerIndexPath(catalogue.scope), buildPowerIndexView(region.site, catalogue));
      for (const item of catalogue.items) await renderPage(powerItemPath(item.code, catalogue.scope), buildPowerItemView(region.site, catalogue, item));
      return catalogue.items.length + 1;
    },

    /** The public notice of a round; nothing when it does not exist or lies outside the region. */
    async buildRound(region: Region, id: string): Promise<boolean> {
      const record = await store.getRound(id);
      if (!record || !record.scope.startsWith(region.tree.code)) return false;
      const state = foldRound(record, chinaDate(clock()));
      const villages = new Map(region.divisions.filter((d) => d.level === 'village').map((d) => [d.code, d]));
      // a region read along the round's path only (a full build's) lacks its problems' villages
      for (const code of new Set(state.problems.map((p) => p.village))) {
        if (code === null || villages.has(code) || !code.startsWith(region.tree.code)) continue;
        const village = await store.getDivision(code);
        if (village) villages.set(code, village);
      }
      await renderPage(roundHref(id), buildRectificationView({ site: region.site, state, crumbs: crumbsTo(region.tree, record.scope), villages }));
      return true;
    },

    ...loaders,

    /**
     * A county's or township's page, listing its own summary tables; with `summaryPages`, each of
     * those tables' pages too (a full build, or the table's own rebuild). Returns the pages written.
     */
    async buildRegionPage(region: Region, node: TreeNode, summaryPages = false): Promise<number> {
      if (node.level === 'village' || node.code === region.tree.code) return 0;
      const summaries = await store.listSummaries(node.code);
      const view = buildRegionView(region.site, region.tree, node.code, await region.complaints.viewOf(node.code), await dashboardOf(region, node), summaryListItems(summaries));
      if (!view) return 0;
      await renderPage(regionHref(node.code), view);
      return 1 + (summaryPages ? await buildSummaryPages(region, node, summaries) : 0);
    },

    /** The home page, with the whole region's complaint figures and dashboard and its summary tables (their pages too with `summaryPages`). */
    async buildHome(region: Region, summaryPages = false): Promise<number> {
      const summaries = await store.listSummaries(region.tree.code);
      await renderPage('/', buildHomeView(region.site, region.tree, await region.complaints.viewOf(region.tree.code), await dashboardOf(region, region.tree), summaryListItems(summaries)));
      return 1 + (summaryPages ? await buildSummaryPages(region, region.tree, summaries) : 0);
    },

    /** A village with its 四议两公开 matters and every version it ever published; returns the number of pages written. */
    async buildVillageWithHistory(region: Region, village: Division, hasPublications: boolean): Promise<number> {
      const { current, history, decisionPages } = await buildVillage(region, village, hasPublications);
      let pages = 1 + decisionPages;
      const loaded = new Map(current.map((p) => [p.id, p]));
      for (const summary of history) {
        // Current versions came with the village; corrected ones are read one at a time.
        const p = loaded.get(summary.id) ?? (await store.getPublication(summary.id));
        if (!p) continue;
        await buildPublication(region, village, p, history);
        pages += 1;
      }
      return pages;
    },
  };
}

/** The page renderer exported by the Astro SSR bundle (site/adapter/server-entry.mjs). */
export async function loadRenderer(entry: string): Promise<RenderFn> {
  if (!existsSync(entry)) {
    throw new Error(`找不到页面模板 ${entry}，请先运行 npx astro build / SSR bundle missing: run \`npx astro build\` first`);
  }
  const mod = (await import(pathToFileURL(entry).href)) as { render?: unknown };
  if (typeof mod.render !== 'function') {
    throw new Error(`${entry} 没有导出 render，请重新运行 npx astro build / the bundle does not export render(); rebuild it`);
  }
  return mod.render as RenderFn;
}

/** The configured region's divisions; a store loaded with another region still builds (all of it). */
export async function regionDivisions(store: Pick<Store, 'listDivisions'>, region: string): Promise<Division[]> {
  const divisions = await store.listDivisions(region);
  return divisions.length > 0 ? divisions : store.listDivisions('');
}

export function villagesWithPublications(tree: TreeNode): string[] {
  const out: string[] = [];
  const walk = (n: TreeNode) => {
    if (n.level === 'village') {
      if (n.count > 0) out.push(n.code);
      return;
    }
    n.children.forEach(walk);
  };
  walk(tree);
  return out;
}

export const SITE_NAME = '阳光村务';
