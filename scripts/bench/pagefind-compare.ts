import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
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
 * (pagefind/pagefind.js) inside Node, each query in its own process (a cold browser cache), with
 * every byte it fetches counted (see pagefind-query-child.ts).
 */
export async function pagefindCompare(storeFile: string, siteDir: string, queries: readonly string[], fragments = 5): Promise<PagefindFigures> {
  await ensureAstroBundle();
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/bench/build-child.ts'), storeFile, siteDir], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (built.status !== 0) throw new Error(`site build failed: ${built.stderr}`);

  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: siteDir });
  if (added.errors.length > 0) throw new Error(`pagefind addDirectory: ${added.errors.join('; ')}`);
  const outputPath = join(siteDir, 'pagefind');
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`pagefind writeFiles: ${written.errors.join('; ')}`);
  await pagefind.close();
  const indexMs = performance.now() - t0;

  const perQuery: PagefindFigures['perQuery'] = [];
  for (const query of queries) perQuery.push({ query, ...coldQuery(outputPath, query, fragments) });
  return { pages: added.page_count, indexMs, bundle: folderSize(outputPath), perQuery };
}

// ——— private helpers ———

function coldQuery(bundle: string, query: string, fragments: number): { bytes: number; requests: number; results: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/bench/pagefind-query-child.ts'), bundle, query, String(fragments)], { cwd: repo, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`pagefind query ${query} failed: ${child.stderr}`);
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
