import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { newComplaint } from '../../data/complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { newPublication } from '../../data/new-publication.ts';
import { rowSearchText } from '../../data/search/tokenize.ts';
import { openPgStore } from '../../data/store/pg/pg-store.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { searchQueries } from './search-queries.ts';
import { syntheticRegion } from './synthetic-region.ts';

/**
 * The same work through the store on both backends (issue 14), side by side: publishing the demo
 * generator's publications one by one for a synthetic region (each a transaction with its log leaf
 * and search rows), ~200 fixed searches, 2,000 complaints filed at once and one at a time, and
 * inclusion proofs. SQLite: a fresh file (WAL, synchronous=FULL). PostgreSQL: a fresh schema on
 * the server `url` (10 pooled connections), dropped afterwards. One process each; the figures say
 * what a single portal process gets from each store, not what several processes get.
 */
export async function storeCompare(options: { dir: string; url: string; villages: number; log: (label: string, value: string) => void }): Promise<void> {
  const { log } = options;
  console.log(`# SQLite and PostgreSQL side by side (issue 14) — ${options.villages.toLocaleString('en')} villages, one process`);
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: options.url });
  try {
    await admin.connect();
  } catch (error) {
    log('store compare', `not measured: no PostgreSQL at ${options.url} (${(error as Error).message})`);
    return;
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const dir = join(options.dir, 'store-compare');
    mkdirSync(dir, { recursive: true });
    const sqlite = await openSqliteStore(join(dir, 'compare.sqlite'));
    const postgres = await openPgStore(poolClient(options.url, { schema }));
    for (const [name, store] of [['SQLite', sqlite], ['PostgreSQL', postgres]] as const) {
      try {
        await measure(name, store, options.villages, log);
      } finally {
        await store.close();
      }
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

async function measure(name: string, store: PortalStore, villages: number, log: (label: string, value: string) => void): Promise<void> {
  const divisions = syntheticRegion(villages);
  await store.replaceDivisions(divisions);
  const generated = samplePublications(divisions, { count: villages, seed: 7, today: '2026-11-25' });
  const rows = generated.reduce((n, g) => n + rowSearchText(g).length, 0);
  const base = Date.parse('2026-10-10T08:00:00Z');
  const publish: number[] = [];
  for (const [i, g] of generated.entries()) {
    const started = performance.now();
    await store.publish(newPublication({ village: g.village, content: g.content, publishedAt: new Date(base + i * 1000).toISOString(), sample: true, source: { filename: null, format: 'json' } }));
    publish.push(performance.now() - started);
  }
  log(`${name}: publish one by one (${generated.length.toLocaleString('en')} publications, ${rows.toLocaleString('en')} rows)`, spread(publish));

  const queries = searchQueries(divisions, generated);
  for (const q of queries) await store.search(q); // warm, as a running portal is
  const search: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await store.search(q);
    search.push(performance.now() - started);
  }
  log(`${name}: ${queries.length} searches over ${rows.toLocaleString('en')} rows`, spread(search));

  const village = divisions.find((d) => d.level === 'village')!.code;
  let n = 0;
  const complaint = () => {
    n += 1;
    const code = trackingCodeFrom(Uint8Array.from([n >> 16, n >> 8, n, 7, 7, 7, 0]));
    return newComplaint({ village, category: '惠农补贴', text: '耕地补贴有几户没有发到户。', anonymous: true, contact: null } as never, code, new Date().toISOString());
  };
  const burst = 2_000;
  const started = performance.now();
  await Promise.all(Array.from({ length: burst }, () => store.fileComplaint(complaint())));
  const burstMs = performance.now() - started;
  log(`${name}: ${burst.toLocaleString('en')} complaints filed at once`, `${Math.round(burst / (burstMs / 1000)).toLocaleString('en')} /s`);
  const one: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await store.fileComplaint(complaint());
    one.push(performance.now() - t);
  }
  log(`${name}: a complaint filed alone (200 in turn)`, spread(one));

  const size = await store.logSize();
  const proofs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await store.inclusionProof(Math.floor((i * 7919) % size), size);
    proofs.push(performance.now() - t);
  }
  log(`${name}: inclusion proofs in a log of ${size.toLocaleString('en')} leaves`, spread(proofs));
}

function spread(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
}
