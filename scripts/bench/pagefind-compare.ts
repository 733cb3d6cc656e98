import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import type { PagefindServiceConfig } from 'pagefind';
import { ensureAstroBundle } from '../lib/astro-bundle.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

export interface PagefindFigures {
  pages: number;
  indexMs: number;
  bundle: { files: number; bytes: number };
  /** per query, cold cache: what the browser fetches to show the first `fragments` results */
  perQuery: Array<{ query: string; bytes: number; requests: number; results: number }>;
}

/**
 * Pagefind over our own static site, for the comparison issue 3 asks for. The site is built from
 * `storeFile` exactly as a full build does (scripts/bench/build-child.ts), Pagefind indexes every
 * HTML file with its Node API, and each query is run through Pagefind's own browser JS
 * (pagefind/pagefind.js) inside Node, under the site's `<html lang>`, each query in its own
 * process (a cold browser cache), with every byte it fetches counted (see pagefind-query-child.ts).
 */
export async function pagefindCompare(storeFile: string, siteDir: string, queries: readonly string[], fragments = 5): Promise<PagefindFigures> {
  await ensureAstroBundle();
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/bench/build-child.ts'), storeFile, siteDir], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (built.status !== 0) throw new Error(`site build failed: ${built.stderr}`);

  const indexed = await pagefindIndex(siteDir);
  const lang = siteLanguage(siteDir);
  const perQuery: PagefindFigures['perQuery'] = [];
  for (const query of queries) perQuery.push({ query, ...coldQuery(indexed.bundle, lang, query, fragments) });
  return { pages: indexed.pages, indexMs: indexed.ms, bundle: folderSize(indexed.bundle), perQuery };
}

export interface PagefindIndexOptions {
  /** Pagefind's service options (forceLanguage, rootSelector, …); none by default */
  config?: PagefindServiceConfig;
  /** which HTML files under the site folder to index; every one by default */
  glob?: string;
  /** the bundle folder; `<siteDir>/pagefind` by default */
  outputPath?: string;
}

/** Pagefind's Node API over the HTML files of a built site: the bundle a browser would fetch. */
export async function pagefindIndex(siteDir: string, options: PagefindIndexOptions = {}): Promise<{ bundle: string; pages: number; ms: number }> {
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex(options.config ?? {});
  if (!index) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  const added = await index.addDirectory(options.glob ? { path: siteDir, glob: options.glob } : { path: siteDir });
  if (added.errors.length > 0) throw new Error(`pagefind addDirectory: ${added.errors.join('; ')}`);
  const outputPath = options.outputPath ?? join(siteDir, 'pagefind');
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`pagefind writeFiles: ${written.errors.join('; ')}`);
  await pagefind.close();
  return { bundle: outputPath, pages: added.page_count, ms: performance.now() - t0 };
}

/**
 * Every query through Pagefind's browser JS in one child process, with the URLs of its first `n`
 * results in Pagefind's order (see pagefind-query-child.ts, `--results`).
 */
export function pagefindResults(bundle: string, lang: string, queries: readonly string[], n: number): Array<{ query: string; total: number; urls: string[] }> {
  const args = ['--import', 'tsx', join(repo, 'scripts/bench/pagefind-query-child.ts'), bundle, lang, '--results', JSON.stringify(queries), String(n)];
  const child = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`pagefind queries failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '[]');
}

/** The `<html lang>` of the site's home page: the page a visitor would search from. */
export function siteLanguage(siteDir: string): string {
  return /<html[^>]*\slang="([^"]+)"/i.exec(readFileSync(join(siteDir, 'index.html'), 'utf8'))?.[1] ?? 'unknown';
}

// ——— private helpers ———

function coldQuery(bundle: string, lang: string, query: string, fragments: number): { bytes: number; requests: number; results: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/bench/pagefind-query-child.ts'), bundle, lang, query, String(fragments)], { cwd: repo, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`pagefind query ${query} failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}');
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = folderSize(path);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files += 1;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}
