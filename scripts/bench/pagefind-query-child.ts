import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * One Pagefind query in a fresh process, i.e. a cold browser cache: Pagefind's own browser JS
 * (pagefind.js) with `fetch` answered from the bundle folder, every byte counted as served —
 * .pf_* and wasm files are already compressed and count as stored; .js and .json count gzipped.
 * argv: <bundle dir> <query> <fragments to load>. Prints one JSON line.
 */
const [bundle, query, fragments] = process.argv.slice(2) as [string, string, string];
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

const entry = join(bundle, 'pagefind.js');
served(entry);
const pf = (await import(pathToFileURL(entry).href)) as {
  options(o: { basePath: string }): Promise<void>;
  search(q: string): Promise<{ results: Array<{ data(): Promise<unknown> }> }>;
};
await pf.options({ basePath: `${pathToFileURL(bundle).href}/` });
const found = await pf.search(query);
await Promise.all(found.results.slice(0, Number(fragments)).map((r) => r.data()));
console.log(JSON.stringify({ bytes, requests, results: found.results.length }));
