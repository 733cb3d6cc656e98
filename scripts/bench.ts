import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseConfig } from '../data/config.ts';
import { openSqliteStore } from '../data/store/sqlite-store.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { createPortalApp } from '../ingest/portal-app.ts';
import { listen } from '../ingest/server.ts';
import { createSiteBuilder } from '../site/build/site-builder.ts';
import { plainAstroBuild } from './bench/astro-static.ts';
import { seedSynthetic } from './bench/seed-synthetic.ts';
import { ensureAstroBundle, SERVER_ENTRY } from './lib/astro-bundle.ts';

/**
 * `npm run bench`: the publishing pipeline's figures on a synthetic region of 5,000 villages.
 * Goals (issue 2): upload-to-visible p95 ≤ 2 s; full build ≥ 2× the pages/s of a plain
 * `astro build` of the same pages; full-build peak RSS ≤ 1 GB; village page ≤ 14 KB gzipped.
 */
const VILLAGES = Number(process.argv[2] ?? 5000);
const UPLOADS = 100;
const work = mkdtempSync(join(tmpdir(), 'cunwu-bench-'));
const storeFile = join(work, 'portal.sqlite');
const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);

await ensureAstroBundle((l) => console.log(l));
console.log(`# publishing pipeline — synthetic region of ${VILLAGES} villages (${work})`);
{
  const store = await openSqliteStore(storeFile);
  const t0 = performance.now();
  const seeded = await seedSynthetic(store, VILLAGES);
  line('seed publications', `${seeded.publications} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await store.close();
}

// 1. Full build in a child process (its own peak RSS).
const siteDir = join(work, 'site');
const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/build-child.ts', storeFile, siteDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (child.status !== 0) throw new Error(`build child failed: ${child.stderr}`);
const build = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { pages: number; files: number; ms: number; maxRssKb: number };
const ourRate = build.pages / (build.ms / 1000);
line('full build: pages', `${build.pages} pages, ${build.files} files`);
line('full build: time', `${(build.ms / 1000).toFixed(2)} s = ${ourRate.toFixed(0)} pages/s`);
line('full build: peak RSS (goal ≤ 1024 MB)', `${(build.maxRssKb / 1024).toFixed(0)} MB`);

// 2. Plain `astro build` (static output) of the same pages.
const plain = await plainAstroBuild(storeFile, join(work, 'astro-static'));
const plainRate = plain.pages / (plain.ms / 1000);
line('plain astro build: time', `${(plain.ms / 1000).toFixed(2)} s for ${plain.pages} pages = ${plainRate.toFixed(0)} pages/s`);
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
  const app = createPortalApp({ store, clock: () => new Date(), config: parsed.config, siteDir, afterPublish: async (p) => void (await builder.rebuildForPublication(p)) });
  const server = await listen(app, 0, '127.0.0.1');
  const token = generateToken();
  await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: '9901', name: 'bench', createdAt: new Date().toISOString() });
  const villages = (await store.listDivisions('9901')).filter((d) => d.level === 'village');
  const ledger = readFileSync(new URL('../data/demo/files/430802108214-finance-2026Q3.csv', import.meta.url));
  const latencies: number[] = [];
  for (let i = 0; i < UPLOADS; i++) {
    const village = villages[(i * 37) % villages.length]!.code;
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
  line(`upload → visible over ${UPLOADS} uploads (goal p95 ≤ 2 s)`, `p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms`);
  await server.close();
  await store.close();
}

rmSync(work, { recursive: true, force: true });

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
