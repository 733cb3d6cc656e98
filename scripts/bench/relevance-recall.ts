import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../../data/config.ts';
import type { PublicationKind } from '../../data/publication.ts';
import { RELEVANCE_CORPUS, RELEVANCE_SET, type Expectation } from '../../data/search/relevance-set.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { MAX_SEARCH_PAGE_SIZE } from '../../data/store/store.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { publicationHref } from '../../site/lib/urls.ts';
import { ensureAstroBundle, SERVER_ENTRY } from '../lib/astro-bundle.ts';
import { publishRelevanceCorpus } from '../lib/relevance-corpus.ts';
import { pagefindIndex, pagefindResults, siteLanguage, type PagefindIndexOptions } from './pagefind-compare.ts';

export interface EngineRecall {
  recalled: number;
  /** cases with at least one expectation not among the engine's first N pages */
  misses: Array<{ query: string; missed: Expectation[]; pages: number }>;
}

/** Recall at the two depths: N = max(top, 10) (the headline) and N = top, the case's own depth. */
export interface DepthRecall {
  wide: EngineRecall;
  strict: EngineRecall;
}

export interface PagefindRecall extends DepthRecall {
  setup: string;
  /** pages Pagefind indexed, and the index's languages as its entry file lists them */
  indexed: number;
  languages: string[];
}

export interface RecallFigures {
  cases: number;
  expectations: number;
  /** publication pages in the built site */
  publicationPages: number;
  /** the `<html lang>` Pagefind's browser JS ran under */
  lang: string;
  ours: DepthRecall;
  /** one per setup, the first being the best one found (the headline figure) */
  pagefind: PagefindRecall[];
  /** expected recall of N publication pages drawn at random: what page granularity gives away */
  chance: { wide: number; strict: number };
  /** expectations no publication page of the site satisfies (would be a flaw in the method) */
  unreachable: Expectation[];
}

/**
 * Recall on data/search/relevance-set.ts, ours and Pagefind's, at the granularity both can
 * answer: pages. The relevance corpus is published into a fresh SQLite file, the site is built
 * from it by the site builder, and Pagefind indexes the built pages. For each case,
 * N = max(top, 10): Pagefind's first N result pages (its own browser JS, under the site's
 * `<html lang>`), and ours — the store's hits by relevance, each mapped to the publication page it
 * links to, de-duplicated in order, the first N pages. An expectation {village, kind, rowContains}
 * is recalled when one of those pages is a publication page of that village and kind whose built
 * HTML text contains rowContains — the same check for both engines, on the same files. The same
 * is measured with N = top, which separates the engines better on a corpus of few pages.
 */
export async function relevanceRecall(dir: string, setups: readonly PagefindSetup[] = PAGEFIND_SETUPS): Promise<RecallFigures> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: relevanceRecall needs a folder of its own`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'relevance.sqlite');
  const siteDir = join(dir, 'site');
  const store = await openSqliteStore(file);
  try {
    await publishRelevanceCorpus(store);
    await buildSite(store, file, dir, siteDir);
    const pages = pageReader(store, siteDir);
    const lang = siteLanguage(siteDir);
    const everyPage = await pages.all();
    const deepest = Math.max(...RELEVANCE_SET.map(wide));

    const chance = { wide: 0, strict: 0 };
    const unreachable: Expectation[] = [];
    for (const c of RELEVANCE_SET) {
      for (const e of c.expect) {
        const satisfying = (await Promise.all(everyPage.map((url) => matches(e, url, pages)))).filter(Boolean).length;
        if (satisfying === 0) unreachable.push(e);
        chance.wide += 1 - drawMisses(everyPage.length, satisfying, wide(c));
        chance.strict += 1 - drawMisses(everyPage.length, satisfying, strict(c));
      }
    }

    const mine = new Map<string, string[]>();
    for (const c of RELEVANCE_SET) mine.set(c.query, await ourPages(store, c.query, deepest));
    const ours = await recallOf(mine, pages);

    const pagefind: PagefindRecall[] = [];
    for (const [i, setup] of setups.entries()) {
      const indexed = await pagefindIndex(siteDir, { ...setup.options, outputPath: join(dir, `pagefind-${i}`) });
      const answers = pagefindResults(indexed.bundle, lang, RELEVANCE_SET.map((c) => c.query), deepest);
      const recall = await recallOf(new Map(answers.map((a) => [a.query, a.urls])), pages);
      pagefind.push({ ...recall, setup: setup.label, indexed: indexed.pages, languages: bundleLanguages(indexed.bundle) });
    }
    return {
      cases: RELEVANCE_SET.length,
      expectations: RELEVANCE_SET.reduce((n, c) => n + c.expect.length, 0),
      publicationPages: everyPage.length,
      lang,
      ours,
      pagefind,
      chance,
      unreachable,
    };
  } finally {
    await store.close();
  }
}

export interface PagefindSetup {
  label: string;
  options: Omit<PagefindIndexOptions, 'outputPath'>;
}

/**
 * Pagefind as a site owner would best set it up for this comparison, then as installed with no
 * configuration. The best: only publication pages are indexed — the pages every expectation is
 * about — so region and village pages, which repeat place names, cannot crowd them out. Both take
 * the language from the pages' own `<html lang="zh-CN">`, which makes the extended binary (the
 * only one the npm package ships for linux-x64) segment Chinese; forcing `zh` or indexing only
 * `<main>` measured the same, forcing `en` (no segmentation when indexing) lower.
 */
export const PAGEFIND_SETUPS: readonly PagefindSetup[] = [
  { label: 'publication pages only', options: { glob: 'v/*/p/*/index.html' } },
  { label: 'every page of the site', options: {} },
];

/** One line per figure, for the bench log and for running this file alone. */
export function describeRecall(r: RecallFigures, log: (label: string, value: string) => void): void {
  const pct = (recalled: number) => `${((100 * recalled) / r.expectations).toFixed(1)}% (${Number.isInteger(recalled) ? recalled : recalled.toFixed(1)}/${r.expectations})`;
  const [best, ...others] = r.pagefind;
  const head = `recall on the relevance set (${r.cases} queries, ${r.expectations} expectations), pages`;
  log(head, `ours ${pct(r.ours.wide.recalled)} · pagefind ${best ? pct(best.wide.recalled) : 'not measured'} (first max(top, 10) pages; ${pct(r.chance.wide)} by chance)`);
  log(`${head}, N = top`, `ours ${pct(r.ours.strict.recalled)} · pagefind ${best ? pct(best.strict.recalled) : 'not measured'} (${pct(r.chance.strict)} by chance)`);
  for (const p of r.pagefind) {
    const languages = p.languages.join(', ') || 'unknown';
    log(`recall: pagefind, ${p.setup}`, `${pct(p.wide.recalled)}, N = top ${pct(p.strict.recalled)}; ${p.indexed} pages indexed (of them ${r.publicationPages} publication pages), index language ${languages}, queried under <html lang="${r.lang}">`);
  }
  log('recall: ours missed', `${missLine(r.ours.wide)}; N = top: ${missLine(r.ours.strict)}`);
  if (best) log(`recall: pagefind (${best.setup}) missed`, `${missLine(best.wide)}; N = top: ${missLine(best.strict)}`);
  for (const p of others) log(`recall: pagefind (${p.setup}) missed`, `${missLine(p.wide)}; N = top: ${p.strict.misses.length} cases`);
  if (r.unreachable.length > 0) log('recall: expectations no built page satisfies (method flaw)', r.unreachable.map(describeExpectation).join(' · '));
}

// ——— private helpers ———

interface PageInfo {
  village: string;
  kind: PublicationKind;
  /** the page's visible text without whitespace */
  text: string;
}

function wide(c: { top?: number }): number {
  return Math.max(c.top ?? 10, 10);
}

function strict(c: { top?: number }): number {
  return c.top ?? 10;
}

async function buildSite(store: SqliteStore, file: string, dataDir: string, siteDir: string): Promise<void> {
  await ensureAstroBundle();
  const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_BASE_URL: 'http://bench.test', PORTAL_REGION: RELEVANCE_CORPUS.region }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  const builder = await createSiteBuilder({ store, config: parsed.config, outDir: siteDir, serverEntry: SERVER_ENTRY, workers: { count: 2, store: { kind: 'sqlite', file } } });
  await builder.buildAll();
}

/** Our hits by relevance, mapped to the publication page each links to, de-duplicated in order. */
async function ourPages(store: SqliteStore, q: string, n: number): Promise<string[]> {
  const pages: string[] = [];
  for (let page = 1; pages.length < n; page++) {
    const result = await store.search({ q, sort: 'relevance', page, pageSize: MAX_SEARCH_PAGE_SIZE });
    for (const h of result.hits) {
      const href = publicationHref(h.village, h.publicationId);
      if (!pages.includes(href)) pages.push(href);
    }
    if (page * MAX_SEARCH_PAGE_SIZE >= result.total || result.hits.length === 0) break;
  }
  return pages;
}

/** Both depths from one ranked list of result pages per query. */
async function recallOf(ranked: Map<string, string[]>, pages: PageReader): Promise<DepthRecall> {
  const out: DepthRecall = { wide: { recalled: 0, misses: [] }, strict: { recalled: 0, misses: [] } };
  for (const c of RELEVANCE_SET) {
    const urls = ranked.get(c.query) ?? [];
    await score(out.wide, c.query, c.expect, urls.slice(0, wide(c)), pages);
    await score(out.strict, c.query, c.expect, urls.slice(0, strict(c)), pages);
  }
  return out;
}

async function score(into: EngineRecall, query: string, expectations: readonly Expectation[], urls: string[], pages: PageReader): Promise<void> {
  const missed: Expectation[] = [];
  for (const e of expectations) {
    if (await anyMatches(e, urls, pages)) into.recalled += 1;
    else missed.push(e);
  }
  if (missed.length > 0) into.misses.push({ query, missed, pages: urls.length });
}

async function anyMatches(e: Expectation, urls: string[], pages: PageReader): Promise<boolean> {
  for (const url of urls) if (await matches(e, url, pages)) return true;
  return false;
}

async function matches(e: Expectation, url: string, pages: PageReader): Promise<boolean> {
  const page = await pages.get(url);
  return page !== null && page.village === e.village && page.kind === e.kind && page.text.includes(squeeze(e.rowContains));
}

/** Probability that n pages drawn without replacement from `total` miss all `good` ones. */
function drawMisses(total: number, good: number, n: number): number {
  let p = 1;
  for (let i = 0; i < Math.min(n, total); i++) p *= Math.max(0, total - good - i) / (total - i);
  return p;
}

type PageReader = ReturnType<typeof pageReader>;

/** A URL → the publication page it is (village, kind from the store; text from the built HTML), or null. */
function pageReader(store: SqliteStore, siteDir: string) {
  const cache = new Map<string, PageInfo | null>();
  const get = async (url: string): Promise<PageInfo | null> => {
    const path = new URL(url, 'http://site.invalid').pathname;
    if (cache.has(path)) return cache.get(path) ?? null;
    const m = /^\/v\/(\d{12})\/p\/([^/]+)\/$/.exec(path);
    let info: PageInfo | null = null;
    if (m) {
      const p = await store.getPublication(decodeURIComponent(m[2]!));
      if (p && p.village === m[1]) info = { village: p.village, kind: p.content.kind, text: squeeze(visibleText(readFileSync(join(siteDir, path, 'index.html'), 'utf8'))) };
    }
    cache.set(path, info);
    return info;
  };
  /** every publication page of the built site */
  const all = async (): Promise<string[]> => {
    const urls: string[] = [];
    for (const v of readdirSync(join(siteDir, 'v'))) {
      const folder = join(siteDir, 'v', v, 'p');
      if (existsSync(folder)) for (const id of readdirSync(folder)) urls.push(`/v/${v}/p/${id}/`);
    }
    return urls;
  };
  return { get, all };
}

function visibleText(html: string): string {
  const text = html
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[lower] ?? ' ';
  });
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

function bundleLanguages(bundle: string): string[] {
  try {
    const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.entries(entry.languages ?? {}).map(([lang, l]) => `${lang} (${l.page_count ?? '?'} pages)`);
  } catch {
    return [];
  }
}

function missLine(r: EngineRecall): string {
  return r.misses.map((m) => `「${m.query}」${m.pages === 0 ? ' (no results)' : ''}: ${m.missed.map(describeExpectation).join(', ')}`).join(' · ') || 'none';
}

function describeExpectation(e: Expectation): string {
  return `${e.village.slice(-6)} ${e.kind} “${e.rowContains}”`;
}

// `npx tsx scripts/bench/relevance-recall.ts [parent folder] [--keep]`: works in a fresh folder
// under the parent (the system temp folder by default), removed afterwards unless --keep.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dir = mkdtempSync(join(args.find((a) => !a.startsWith('--')) ?? tmpdir(), 'cunwu-relevance-recall-'));
  try {
    describeRecall(await relevanceRecall(dir), (label, value) => console.log(`${label}: ${value}`));
  } finally {
    if (args.includes('--keep')) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
