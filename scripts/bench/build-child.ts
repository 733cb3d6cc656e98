import { availableParallelism } from 'node:os';
import { parseConfig } from '../../data/config.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { SERVER_ENTRY } from '../lib/astro-bundle.ts';

/**
 * A full build in its own process, so that its peak RSS is the build's alone.
 * argv: <store file> <out dir> [workers] [region, 9901 by default; 000000 the country]. Prints one
 * JSON line; on stderr a progress line every 10,000 pages (done, total, ms, max RSS in KB).
 */
const [storeFile, outDir] = process.argv.slice(2) as [string, string];
const parsed = parseConfig({ PORTAL_DATA_DIR: outDir, PORTAL_BASE_URL: 'http://bench.test', PORTAL_REGION: process.argv[5] ?? '9901' }, process.cwd());
if (!parsed.ok) throw new Error(parsed.message);
const store = await openSqliteStore(storeFile);
const builder = await createSiteBuilder({
  store,
  config: parsed.config,
  outDir,
  serverEntry: SERVER_ENTRY,
  workers: { count: Number(process.argv[4] ?? availableParallelism()), store: { kind: 'sqlite', file: storeFile } },
});
const started = performance.now();
let reported = 0;
const result = await builder.buildAll((done, total) => {
  if (done - reported < 10_000 && done !== total) return;
  reported = done;
  console.error(JSON.stringify({ done, total, ms: Math.round(performance.now() - started), maxRssKb: process.resourceUsage().maxRSS }));
});
await store.close();
console.log(JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS }));
