import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig, type Config } from '../../data/config.ts';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { Division } from '../../data/region.ts';
import { openPgStore } from '../../data/store/pg/pg-store.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { createOutboxBuilder } from '../../site/build/outbox-builder.ts';
import { loadRenderer } from '../../site/build/page-builder.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { ensureAstroBundle } from '../lib/astro-bundle.ts';
import { NATIONAL_VILLAGES, syntheticNation } from './synthetic-nation.ts';
import { syntheticRegion } from './synthetic-region.ts';

/**
 * Upload to visible (issue 14), on SQLite and PostgreSQL side by side, for a region of 5,000
 * villages and for a country of 620,573: each upload is stored (one transaction with its log
 * leaf, search rows and outbox row) and its village page and series rendered with the real page
 * templates — what the 201 waits for; then the outbox builder builds what the upload made stale
 * above it (township, county, … home page), and the lag from the commit to that page is taken.
 * No full build first: the pages an upload touches are all rendered by it. One process.
 */
export async function uploadLag(options: { dir: string; url: string; sizes: number[]; uploads: number; log: (label: string, value: string) => void }): Promise<void> {
  const { log } = options;
  console.log(`# upload to visible (issue 14) — ${options.uploads} uploads per run, one process`);
  const serverEntry = await ensureAstroBundle();
  const render = await loadRenderer(serverEntry);
  const schema = `bench_lag_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: options.url });
  let pgAvailable = true;
  try {
    await admin.connect();
  } catch (error) {
    pgAvailable = false;
    log('upload lag on PostgreSQL', `not measured: no PostgreSQL at ${options.url} (${(error as Error).message})`);
  }
  for (const size of options.sizes) {
    const national = size >= NATIONAL_VILLAGES;
    const divisions = national ? syntheticNation(size) : syntheticRegion(size);
    const region = national ? '' : '9901';
    for (const backend of ['SQLite', 'PostgreSQL'] as const) {
      if (backend === 'PostgreSQL' && !pgAvailable) continue;
      const dir = join(options.dir, `upload-lag-${size}-${backend}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      let store: PortalStore;
      if (backend === 'SQLite') store = await openSqliteStore(join(dir, 'lag.sqlite'));
      else {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
        store = await openPgStore(poolClient(options.url, { schema }));
      }
      try {
        await measure({ name: `${backend}, ${size.toLocaleString('en')} villages`, store, divisions, region, dir, render, uploads: options.uploads, log });
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  if (pgAvailable) {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function measure(o: {
  name: string;
  store: PortalStore;
  divisions: Division[];
  region: string;
  dir: string;
  render: Awaited<ReturnType<typeof loadRenderer>>;
  uploads: number;
  log: (label: string, value: string) => void;
}): Promise<void> {
  const { store, log } = o;
  let started = performance.now();
  await store.replaceDivisions(o.divisions);
  const villages = o.divisions.filter((d) => d.level === 'village');
  log(`${o.name}: divisions loaded`, `${((performance.now() - started) / 1000).toFixed(1)} s for ${o.divisions.length.toLocaleString('en')} divisions`);
  const parsed = parseConfig({ PORTAL_DATA_DIR: o.dir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test', PORTAL_REGION: o.region || '43' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  // The national root is not a PORTAL_REGION value yet: the bench gives the builder the root itself.
  const config: Config = { ...parsed.config, region: o.region };
  const builder = await createSiteBuilder({ store, config, outDir: join(o.dir, 'site'), renderer: o.render, log: () => {} });
  const lags: number[] = [];
  const outbox = createOutboxBuilder({
    outbox: store,
    builder,
    getPublication: (id) => store.getPublication(id),
    onBuilt: ({ pages, finishedAt }) => pages.forEach((p) => lags.push(finishedAt.getTime() - Date.parse(p.staleSince))),
  });
  const chosen = Array.from({ length: o.uploads }, (_, i) => villages[Math.floor(((i * 7919 + 13) * 104_729) % villages.length)]!);
  const generated = samplePublications(chosen, { count: o.uploads, seed: 11, today: '2026-11-25' });
  const visible: number[] = [];
  for (const [i, g] of generated.entries()) {
    started = performance.now();
    const outcome = await store.publish(newPublication({ village: g.village, content: g.content, publishedAt: new Date(Date.parse('2026-11-01T08:00:00Z') + i * 60_000).toISOString(), sample: true, source: { filename: null, format: 'json' } }));
    await builder.rebuildPublicationPages(outcome.publication);
    visible.push(performance.now() - started);
    // the builder's batch for this upload: the pages above the village, up to the home page
    await outbox.flush();
  }
  await outbox.close();
  const rss = process.memoryUsage().rss;
  log(`${o.name}: upload to visible (stored + village page, before the 201)`, spread(visible));
  log(`${o.name}: lag of the pages above (commit → township … home page built)`, `${spread(lags)}; RSS ${(rss / 2 ** 30).toFixed(2)} GiB`);
}

function spread(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return `p50 ${at(50).toFixed(0)} ms, p95 ${at(95).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

// `npx tsx scripts/bench/upload-lag.ts [--sizes 5000,620573] [--uploads 30] [--pg-url …]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { tmpdir } = await import('node:os');
  const args = parseArgs({ options: { sizes: { type: 'string', default: `5000,${NATIONAL_VILLAGES}` }, uploads: { type: 'string', default: '30' }, 'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' } } });
  await uploadLag({
    dir: join(tmpdir(), 'cunwu-upload-lag'),
    url: args.values['pg-url'],
    sizes: args.values.sizes.split(',').map(Number),
    uploads: Number(args.values.uploads),
    log: (label, value) => console.log(`${label.padEnd(80)} ${value}`),
  });
}
