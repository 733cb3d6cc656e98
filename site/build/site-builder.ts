import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../../data/config.ts';
import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import type { Store } from '../../data/store/store.ts';
import { publicationCsv, villageCsv } from '../lib/csv-export.ts';
import { publicationJson, villageJson } from '../lib/json-export.ts';
import type { PageModel, SiteInfo, TreeNode } from '../lib/page-model.ts';
import { buildPublicationView } from '../lib/publication-view.ts';
import { buildRegionTree, crumbsTo, regionNodes, treeRootCode } from '../lib/region-tree.ts';
import { buildHomeView, buildNotFoundView, buildRegionView, buildUploadView } from '../lib/region-view.ts';
import { publicationHref, regionHref, villageHref } from '../lib/urls.ts';
import { buildVillageView } from '../lib/village-view.ts';
import { mapLimit, OutputWriter } from './output-writer.ts';

/**
 * The static site builder. `astro build` produces an SSR bundle once; this renders each page
 * in-process through its `render(url, locals)` export and writes it to a file. A full build
 * renders everything; a new publication re-renders only the pages it touches.
 */
export interface SiteBuilder {
  buildAll(onProgress?: (done: number, total: number) => void): Promise<{ pages: number; files: number; ms: number }>;
  rebuildForPublication(p: Publication): Promise<{ files: number; ms: number }>;
}

export interface SiteBuilderOptions {
  store: Store;
  config: Config;
  outDir: string;
  /** the SSR bundle; defaults to dist/server/entry.mjs of this repository */
  serverEntry?: string;
}

export const DEFAULT_SERVER_ENTRY = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));

export async function createSiteBuilder(opts: SiteBuilderOptions): Promise<SiteBuilder> {
  const render = await loadRenderer(opts.serverEntry ?? DEFAULT_SERVER_ENTRY);
  const { store, config } = opts;
  const out = new OutputWriter(opts.outDir);

  const renderPage = async (path: string, page: PageModel, file = join(path, 'index.html'), status = 200): Promise<void> => {
    // The origin only serves route matching; links in pages are root-relative.
    const response = await render(`http://cunwu.invalid${path}`, { page });
    const html = await response.text();
    if (response.status !== status) throw new Error(`页面渲染失败 / rendering ${path} answered ${response.status}: ${html.slice(0, 300)}`);
    await out.write(file, html);
  };

  /** The divisions, the stats and the tree: one division query and one stats query. */
  const loadRegion = async (): Promise<Region> => {
    let divisions = await store.listDivisions(config.region);
    if (divisions.length === 0) divisions = await store.listDivisions('');
    const root = treeRootCode(divisions, config.region);
    const stats = await store.publicationStats(root);
    const tree = buildRegionTree(divisions, stats, root);
    const site: SiteInfo = { name: SITE_NAME, regionName: tree.name, baseUrl: config.baseUrl };
    return { divisions, tree, site };
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

  const buildPublication = async (region: Region, village: Division, p: Publication, history: readonly PublicationSummary[]): Promise<void> => {
    const path = publicationHref(village.code, p.id);
    const crumbs = crumbsTo(region.tree, village.code);
    await renderPage(path, buildPublicationView({ site: region.site, publication: p, village, crumbs, history }));
    await out.write(join(path, 'index.json'), publicationJson(p));
    await out.write(join(path, 'index.csv'), publicationCsv(p));
    await writePhotos(p);
  };

  /** The village page and its twins; returns what it loaded so publication pages can reuse it. */
  const buildVillage = async (region: Region, village: Division, hasPublications: boolean) => {
    const code = village.code;
    const [current, history] = hasPublications
      ? await Promise.all([store.currentPublications(code), store.listPublications(code)])
      : [[] as Publication[], [] as PublicationSummary[]];
    const crumbs = crumbsTo(region.tree, code);
    const path = villageHref(code);
    await renderPage(path, buildVillageView({ site: region.site, village, crumbs, current, history }));
    await out.write(join(path, 'index.json'), villageJson(village, crumbs, current, history));
    await out.write(join(path, 'index.csv'), villageCsv(code, history, config.baseUrl));
    return { current, history };
  };

  const buildRegionPage = async (region: Region, node: TreeNode): Promise<void> => {
    const view = buildRegionView(region.site, region.tree, node.code);
    if (view) await renderPage(regionHref(node.code), view);
  };

  // One build at a time: two overlapping rebuilds could otherwise write a home page from stats
  // read before the other's publication, and the older page could land last.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const builder: SiteBuilder = {
    async buildAll(onProgress) {
      const started = performance.now();
      const before = out.files;
      const region = await loadRegion();
      const villages = region.divisions.filter((d) => d.level === 'village' && d.code.startsWith(region.tree.code));
      const regions = regionNodes(region.tree);
      const total = villages.length + regions.length + 3;
      let done = 0;
      let pages = 0;
      const tick = () => onProgress?.(++done, total);

      await renderPage('/', buildHomeView(region.site, region.tree));
      await renderPage('/upload/', buildUploadView(region.site));
      await renderPage('/404/', buildNotFoundView(region.site), '404.html', 404);
      pages += 3;
      done += 3;
      onProgress?.(done, total);
      for (const node of regions) {
        await buildRegionPage(region, node);
        pages += 1;
        tick();
      }
      const published = new Set(villagesWithPublications(region.tree));
      await mapLimit(villages, CONCURRENCY, async (village) => {
        const { current, history } = await buildVillage(region, village, published.has(village.code));
        pages += 1;
        const loaded = new Map(current.map((p) => [p.id, p]));
        for (const summary of history) {
          // Current versions came with the village; corrected ones are read one at a time.
          const p = loaded.get(summary.id) ?? (await store.getPublication(summary.id));
          if (!p) continue;
          await buildPublication(region, village, p, history);
          pages += 1;
        }
        tick();
      });
      return { pages, files: out.files - before, ms: Math.round(performance.now() - started) };
    },

    async rebuildForPublication(p) {
      const started = performance.now();
      const before = out.files;
      const region = await loadRegion();
      const village = region.divisions.find((d) => d.code === p.village) ?? (await store.getDivision(p.village));
      if (!village) throw new Error(`村代码 ${p.village} 不在本地区 / village ${p.village} is not in the region`);
      const { history } = await buildVillage(region, village, true);
      // Every version of the series: each one's banner names the newest version.
      const series = history.filter((h) => h.kind === p.kind && h.period === p.period && h.subject === p.subject);
      if (!series.some((h) => h.id === p.id)) await buildPublication(region, village, p, history);
      for (const summary of series) {
        // The stored copy, not `p`: a replayed upload may hand over a version corrected since.
        const version = (await store.getPublication(summary.id)) ?? (summary.id === p.id ? p : null);
        if (version) await buildPublication(region, village, version, history);
      }
      for (const crumb of crumbsTo(region.tree, village.code).slice(1, -1)) {
        const node = findByHref(region.tree, crumb.href);
        if (node) await buildRegionPage(region, node);
      }
      await renderPage('/', buildHomeView(region.site, region.tree));
      return { files: out.files - before, ms: Math.round(performance.now() - started) };
    },
  };
  return {
    buildAll: (onProgress) => serial(() => builder.buildAll(onProgress)),
    rebuildForPublication: (p) => serial(() => builder.rebuildForPublication(p)),
  };
}

// ——— private helpers ———

const SITE_NAME = '阳光村务';
/** Villages rendered at once: enough to overlap store reads and file writes with rendering. */
const CONCURRENCY = 8;

interface Region {
  divisions: Division[];
  tree: TreeNode;
  site: SiteInfo;
}

type RenderFn = (url: string, locals: object) => Promise<Response>;

async function loadRenderer(entry: string): Promise<RenderFn> {
  if (!existsSync(entry)) {
    throw new Error(`找不到页面模板 ${entry}，请先运行 npx astro build / SSR bundle missing: run \`npx astro build\` first`);
  }
  const mod = (await import(pathToFileURL(entry).href)) as { render?: unknown };
  if (typeof mod.render !== 'function') {
    throw new Error(`${entry} 没有导出 render，请重新运行 npx astro build / the bundle does not export render(); rebuild it`);
  }
  return mod.render as RenderFn;
}

function villagesWithPublications(tree: TreeNode): string[] {
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

function findByHref(tree: TreeNode, href: string | null): TreeNode | null {
  const code = /^\/r\/(\d+)\/$/.exec(href ?? '')?.[1];
  if (!code) return null;
  let node: TreeNode | undefined = tree;
  while (node && node.code !== code) node = node.children.find((c) => code.startsWith(c.code));
  return node ?? null;
}
