import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Pagefind's own browser JS (pagefind.js) in a fresh process, with `fetch` answered from the
 * bundle folder, on a page whose `<html lang>` is `<lang>` (the site's own, e.g. zh-CN: Pagefind
 * reads it to choose the index and, for Chinese, to segment the query into words with
 * Intl.Segmenter; without it, in Node, the query is not segmented at all). Two modes, each
 * printing one JSON line:
 *
 * - `<bundle dir> <lang> <query> <fragments>`: one query, i.e. a cold browser cache, every byte counted
 *   as served — .pf_* and wasm files are already compressed and count as stored; .js and .json
 *   count gzipped. Prints `{ bytes, requests, results }`.
 * - `<bundle dir> <lang> --results <queries as a JSON array> <n>`: every query in turn (the cache warms,
 *   which changes bytes, not results), each with the URL of its first `n` results in Pagefind's
 *   order. Prints `[{ query, total, urls }]`. For recall (relevance-recall.ts).
 */
const [bundle, lang, ...rest] = process.argv.slice(2) as [string, string, ...string[]];
let bytes = 0;
let requests = 0;
const served = (path: string): number => {
  const raw = readFileSync(path);
  requests += 1;
  bytes += /\.(js|json)$/.test(path) ? gzipSync(raw, { level: 9 }).length : raw.length;
  return raw.length;
};
globalThis.fetch = (async (input: string | URL | Request) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const path = fileURLToPath(new URL(url.pathname, 'file://'));
  served(path);
  return new Response(readFileSync(path));
}) as typeof fetch;

// All pagefind.js asks of the page is `document.querySelector('html').getAttribute('lang')`
// (and `document.currentScript`, null in a module).
const html = { getAttribute: (name: string) => (name === 'lang' ? lang : null) };
Object.assign(globalThis, { document: { currentScript: null, querySelector: (selector: string) => (selector === 'html' ? html : null) } });

const entry = join(bundle, 'pagefind.js');
served(entry);
const pf = (await import(pathToFileURL(entry).href)) as {
  options(o: { basePath?: string; baseUrl?: string }): Promise<void>;
  search(q: string): Promise<{ results: Array<{ data(): Promise<{ url: string }> }> }>;
};
await pf.options({ basePath: `${pathToFileURL(bundle).href}/` });

if (rest[0] === '--results') {
  // Result URLs as the site serves them: without this, Pagefind prefixes them with the bundle's parent folder.
  await pf.options({ baseUrl: '/' });
  const queries = JSON.parse(rest[1] ?? '[]') as string[];
  const n = Number(rest[2] ?? 10);
  const out: Array<{ query: string; total: number; urls: string[] }> = [];
  for (const query of queries) {
    const found = await pf.search(query);
    const first = await Promise.all(found.results.slice(0, n).map((r) => r.data()));
    out.push({ query, total: found.results.length, urls: first.map((d) => d.url) });
  }
  console.log(JSON.stringify(out));
} else {
  const [query, fragments] = rest as [string, string];
  const found = await pf.search(query);
  await Promise.all(found.results.slice(0, Number(fragments)).map((r) => r.data()));
  console.log(JSON.stringify({ bytes, requests, results: found.results.length }));
}
