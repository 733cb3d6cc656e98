import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { parseConfig } from '../data/config.ts';
import { createFlagRunner } from '../data/flags/flag-runner.ts';
import { openSqliteStore } from '../data/store/sqlite-store.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { createPortalApp } from '../ingest/portal-app.ts';
import { listen } from '../ingest/server.ts';
import { createSiteBuilder } from '../site/build/site-builder.ts';
import { plainAstroBuild } from './bench/astro-static.ts';
import { complaintBench } from './bench/complaint-bench.ts';
import { crashBench } from './bench/crash-bench.ts';
import { consoleBench } from './bench/console-bench.ts';
import { flagBench } from './bench/flag-bench.ts';
import { posterBench } from './bench/poster-bench.ts';
import { searchBench } from './bench/search-bench.ts';
import { seedSynthetic } from './bench/seed-synthetic.ts';
import { slowLinkBench } from './bench/slow-link-bench.ts';
import { stallBench } from './bench/stall-bench.ts';
import { storeCompare } from './bench/store-compare.ts';
import { uploadLag } from './bench/upload-lag.ts';
import { nationalBuild } from './bench/national-build.ts';
import { dashboardCounts } from './bench/dashboard-counts.ts';
import { classifyBench } from './bench/classify-bench.ts';
import { similarityBench } from './bench/similarity-bench.ts';
import { ensureAstroBundle, SERVER_ENTRY } from './lib/astro-bundle.ts';

/**
 * `npm run bench`: the publishing pipeline's figures on a synthetic region of 5,000 villages.
 * Goals (issue 2): upload-to-visible p95 ≤ 2 s; full build ≥ 2× the pages/s of a plain
 * `astro build` of the same pages; full-build peak RSS ≤ 1 GB; village page ≤ 14 KB gzipped.
 * Then search (issue 3) at `--search-rows` sizes (default 10000,100000,1000000; `--skip-search` skips it),
 * the QR posters (issue 4) on the real 4308 region (`--skip-posters` skips them), and complaint
 * filing (issue 5) at ≥ 1,000/s with p99 ≤ 50 ms (`--skip-complaints` skips it), and the crash
 * test (issue 6): 5,000 uploads with 20 SIGKILLs of the server (`--skip-crash` skips it), and the
 * red-flag rules (issue 12) over a county of `--flag-villages` villages (default 300; `--skip-flags`
 * skips it), and the officials' console (issue 13): importing the city's 1,272 accounts and a
 * county account's 待办 over 300 villages (`--skip-console` skips it), and the store itself on SQLite
 * and PostgreSQL side by side (issue 14; `--pg-url`, `--compare-villages`, `--skip-store-compare`), upload to visible
 * at 5,000 villages and at the size of the country on both (`--lag-sizes`, `--lag-uploads`, `--skip-upload-lag`), and
 * complaint intake on PostgreSQL with one and two processes (in the complaints step), and the full build of a
 * synthetic country of 620,573 villages (`--national-published`, `--skip-national-build`), the
 * dashboards' counts of the pages above over many matters, late villages and complaints (`--dashboard-matters`,
 * `--dashboard-late`, `--dashboard-complaints`, `--skip-dashboard-counts`). Uploads run the rules for
 * their village before the 201, as the server does. Then
 * /healthz and a village page while a maximum-size file is uploaded (issue 10; `--skip-stall`
 * skips it), and last 马头溪村's page in Chromium through a throttling proxy of 400 ms round trip and
 * 400 kbit/s, JavaScript on and off: bytes of the first view and the largest paint (issue 16;
 * `--skip-slow-link` skips it). Then complaints from every channel (issue 17): the default
 * classification rules' precision and recall per category on a labelled set of 150 complaints, and
 * the similar-complaint search in a village with 1,000 open complaints (`--skip-intake` skips both).
 */
const args = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string' },
    runs: { type: 'string' },
    'search-rows': { type: 'string', default: '10000,100000,1000000' },
    'skip-search': { type: 'boolean', default: false },
    'skip-posters': { type: 'boolean', default: false },
    'skip-complaints': { type: 'boolean', default: false },
    'skip-crash': { type: 'boolean', default: false },
    'skip-flags': { type: 'boolean', default: false },
    'skip-console': { type: 'boolean', default: false },
    'skip-store-compare': { type: 'boolean', default: false },
    'compare-villages': { type: 'string', default: '2000' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'flag-villages': { type: 'string', default: '300' },
    'skip-stall': { type: 'boolean', default: false },
    'skip-slow-link': { type: 'boolean', default: false },
    'skip-upload-lag': { type: 'boolean', default: false },
    'lag-sizes': { type: 'string', default: '5000,620573' },
    'lag-uploads': { type: 'string', default: '20' },
    'skip-national-build': { type: 'boolean', default: false },
    'dashboard-matters': { type: 'string', default: '100000' },
    'dashboard-late': { type: 'string', default: '10000' },
    'dashboard-complaints': { type: 'string', default: '100000' },
    'skip-dashboard-counts': { type: 'boolean', default: false },
    'national-published': { type: 'string', default: '20000' },
    'skip-intake': { type: 'boolean', default: false },
  },
});
const VILLAGES = Number(args.positionals[0] ?? 5000);
const RUNS = Number(args.values.runs ?? 3);
const UPLOADS = 100;
// Each run writes to its own folder and nothing is deleted until the end: on this machine's disk,
// deleting tens of thousands of files slows the writes that follow for a while.
const work = mkdtempSync(join(args.values.dir ?? tmpdir(), 'cunwu-bench-'));
const storeFile = join(work, 'portal.sqlite');
const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);

await ensureAstroBundle((l) => console.log(l));
console.log(`# publishing pipeline — synthetic region of ${VILLAGES} villages, output in ${work}`);
{
  const store = await openSqliteStore(storeFile);
  const t0 = performance.now();
  const seeded = await seedSynthetic(store, VILLAGES);
  line('seed publications', `${seeded.publications} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await store.close();
}

// 1. Full builds, each in a child process (its own peak RSS); the median run is reported.
const builds: Array<{ pages: number; files: number; ms: number; maxRssKb: number }> = [];
for (let i = 0; i < RUNS; i++) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/build-child.ts', storeFile, join(work, `site-${i}`)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`build child failed: ${child.stderr}`);
  builds.push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}'));
}
const build = median(builds, (b) => b.ms);
const siteDir = join(work, 'site-0');
const ourRate = build.pages / (build.ms / 1000);
line('full build: pages', `${build.pages} pages, ${build.files} files`);
line(`full build: time, median of ${RUNS}`, `${(build.ms / 1000).toFixed(2)} s = ${ourRate.toFixed(0)} pages/s (runs: ${builds.map((b) => (b.ms / 1000).toFixed(1)).join(', ')} s)`);
line('full build: peak RSS (goal ≤ 1024 MB)', `${(Math.max(...builds.map((b) => b.maxRssKb)) / 1024).toFixed(0)} MB`);

// 2. Plain `astro build` (static output) of the same pages, as many runs.
const plains: Array<{ pages: number; ms: number }> = [];
for (let i = 0; i < RUNS; i++) plains.push(await plainAstroBuild(storeFile, join(work, `astro-static-${i}`)));
const plain = median(plains, (p) => p.ms);
const plainRate = plain.pages / (plain.ms / 1000);
line(`plain astro build: time, median of ${RUNS}`, `${(plain.ms / 1000).toFixed(2)} s for ${plain.pages} pages = ${plainRate.toFixed(0)} pages/s (runs: ${plains.map((p) => (p.ms / 1000).toFixed(1)).join(', ')} s)`);
line('ratio (goal ≥ 2×)', `${(ourRate / plainRate).toFixed(1)}×`);

// 3. Village page weight: HTML with its inline CSS, gzipped.
const weights = readdirSync(join(siteDir, 'v'))
  .map((code) => gzipSync(readFileSync(join(siteDir, 'v', code, 'index.html')), { level: 9 }).length)
  .sort((a, b) => a - b);
line('village page gzipped: median / max (goal ≤ 14 KB)', `${kb(pct(weights, 50))} / ${kb(weights[weights.length - 1] ?? 0)}`);

// 4. Upload-to-visible latency over real HTTP on loopback.
{
  const parsed = parseConfig({ PORTAL_DATA_DIR: work, PORTAL_BASE_URL: 'http://bench.test', PORTAL_REGION: '9901' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  const store = await openSqliteStore(storeFile);
  const builder = await createSiteBuilder({ store, config: parsed.config, outDir: siteDir, serverEntry: SERVER_ENTRY });
  const clock = () => new Date();
  // as the server runs: the rules for the village, then its pages, before the 201
  const flagRunner = createFlagRunner({ store, clock, region: parsed.config.region });
  const app = createPortalApp({ store, clock, config: parsed.config, siteDir, flagRunner, afterPublish: async (p) => void (await builder.rebuildForPublication(p)) });
  const server = await listen(app, 0, '127.0.0.1');
  const token = generateToken();
  await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: '9901', name: 'bench', createdAt: new Date().toISOString() });
  const villages = (await store.listDivisions('9901')).filter((d) => d.level === 'village');
  const [title, ...rest] = iconv.decode(readFileSync(new URL('../data/demo/files/430802108214-finance-2026Q3.csv', import.meta.url)), 'gbk').split('\r\n');
  const latencies: number[] = [];
  for (let i = 0; i < UPLOADS; i++) {
    const village = villages[(i * 37) % villages.length]!.code;
    // a title of its own: a village uploaded to again gets a new version, not "unchanged"
    const ledger = new Uint8Array(iconv.encode([`${title}（第${i + 1}次上传）`, ...rest].join('\r\n'), 'gbk'));
    const start = performance.now();
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/villages/${village}/publications?kind=finance&period=2026-Q3`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      body: ledger,
    });
    const body = (await res.json()) as { ok: boolean; publication?: { id: string } };
    if (res.status !== 201 || !body.publication) throw new Error(`upload ${i} failed: ${res.status} ${JSON.stringify(body)}`);
    for (;;) {
      const page = await fetch(`http://127.0.0.1:${server.port}/v/${village}/`);
      if ((await page.text()).includes(body.publication.id)) break;
      if (performance.now() - start > 30_000) throw new Error(`publication ${body.publication.id} not visible after 30 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  line(`upload → visible over ${UPLOADS} uploads, rules included (goal p95 ≤ 2 s)`, `p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms`);
  await server.close();
  await store.close();
}

// 4b. Red-flag rules (issue 12) over a county; see scripts/bench/flag-bench.ts.
if (!args.values['skip-flags']) {
  await flagBench({ villages: Number(args.values['flag-villages']), log: line });
}

// 4c. The officials' console (issue 13): importing the account list, and a county's 待办; see scripts/bench/console-bench.ts.
if (!args.values['skip-store-compare']) {
  await storeCompare({ dir: work, url: args.values['pg-url'], villages: Number(args.values['compare-villages']), log: line });
}
// Upload to visible at 5,000 villages and at the size of the country, SQLite and PostgreSQL (issue 14).
if (!args.values['skip-upload-lag']) {
  await uploadLag({ dir: work, url: args.values['pg-url'], sizes: args.values['lag-sizes'].split(',').map(Number), uploads: Number(args.values['lag-uploads']), log: line });
}
// The whole country's full build, time and peak RSS (issue 14; about 10 minutes here).
if (!args.values['skip-dashboard-counts']) {
  await dashboardCounts({ dir: work, url: args.values['pg-url'], matters: Number(args.values['dashboard-matters']), late: Number(args.values['dashboard-late']), complaints: Number(args.values['dashboard-complaints']), log: line });
}

if (!args.values['skip-national-build']) {
  await nationalBuild({ dir: work, published: Number(args.values['national-published']), minutes: 60, log: line });
}
if (!args.values['skip-console']) {
  await consoleBench({ log: line });
}

// 5. Server-side search (issue 3) at each --search-rows size; see scripts/bench/search-bench.ts.
if (!args.values['skip-search']) {
  await searchBench({ dir: work, rows: args.values['search-rows'].split(',').map((n) => Number(n.trim())), pgUrl: args.values['pg-url'], log: line });
}

// 6. QR posters (issue 4) on the real Zhangjiajie villages; see scripts/bench/poster-bench.ts.
if (!args.values['skip-posters']) {
  await posterBench({ log: line });
}

// 7. Complaint filing (issue 5) over loopback against a child-process server; see scripts/bench/complaint-bench.ts.
if (!args.values['skip-complaints']) {
  await complaintBench({ log: line });
  // the same on PostgreSQL, with one portal process and with two sharing it (issue 14)
  for (const processes of [1, 2]) await complaintBench({ log: line, databaseUrl: args.values['pg-url'], processes });
}

// 8. Durability (issue 6): uploads while the server is killed and restarted; see scripts/bench/crash-bench.ts.
if (!args.values['skip-crash']) {
  await crashBench({ log: line });
}

// 9. A maximum-size upload (issue 10): /healthz and a village page meanwhile; see scripts/bench/stall-bench.ts.
if (!args.values['skip-stall']) {
  await stallBench({ log: line });
}

// 10. The village page over a slow link (issue 16), in Chromium; see scripts/bench/slow-link-bench.ts.
if (!args.values['skip-slow-link']) {
  await slowLinkBench({ log: line });
}

// Complaints from every channel (issue 17): scripts/bench/classify-bench.ts and similarity-bench.ts.
if (!args.values['skip-intake']) {
  await classifyBench({ log: line });
  await similarityBench({ log: line });
}

rmSync(work, { recursive: true, force: true });

function median<T>(runs: T[], key: (run: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)]!;
}
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
