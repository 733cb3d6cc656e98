import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { newPublication } from '../../data/new-publication.ts';
import { rowSearchText } from '../../data/search/tokenize.ts';
import pg from 'pg';
import type { SamplePublication } from '../../data/demo/sample-publications.ts';
import type { Division } from '../../data/region.ts';
import { openPgStore } from '../../data/store/pg/pg-store.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import type { SearchQuery } from '../../data/store/store.ts';
import { searchQueries } from './search-queries.ts';
import { syntheticRegion } from './synthetic-region.ts';
import { pagefindCompare } from './pagefind-compare.ts';
import { describeRecall, relevanceRecall } from './relevance-recall.ts';
import { villageIndexSize, villageIndexSizes } from './village-index-size.ts';

/**
 * Server-side search (issue 3) at several sizes, on SQLite and on PostgreSQL (issue 14). For each
 * size N: a synthetic region with as many villages as it takes to reach ~N indexed rows, the demo
 * generator's publications for them, published one by one through `store.publish` into a fresh
 * SQLite file (one IMMEDIATE transaction with synchronous=FULL per publication, indexing
 * included), then into a fresh schema on the server at `pgUrl` when one answers; the index's
 * size, and ~200 fixed queries run sequentially through `store.search` on each. Goal: portal
 * search p95 ≤ 50 ms at 1,000,000 rows on this machine, on both.
 */
export async function searchBench(options: { dir: string; rows: number[]; pgUrl?: string; log: (label: string, value: string) => void }): Promise<void> {
  const { log } = options;
  console.log('# search (issue 3, 14) — goal: portal search p95 ≤ 50 ms at 1,000,000 rows on this 2-core machine, SQLite and PostgreSQL');
  const perVillage = rowsPerVillage();
  let smallest: { file: string; rows: number; queries: SearchQuery[] } | null = null;
  const pg = options.pgUrl ? await pgSchemas(options.pgUrl) : null;
  if (options.pgUrl && !pg) log('search on PostgreSQL', `not measured: no PostgreSQL at ${options.pgUrl}`);
  if (pg) log('search on PostgreSQL: the server', await pg.settings());
  try {
    for (const target of options.rows) {
      const dir = join(options.dir, `search-${target}`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'search.sqlite');
      const villages = Math.max(1, Math.ceil(target / perVillage));
      const divisions = syntheticRegion(villages);
      const generated = samplePublications(divisions, { count: villages, seed: 7, today: '2026-11-25' });
      const rows = generated.reduce((n, g) => n + rowSearchText(g).length, 0);
      const queries = searchQueries(divisions, generated);
      const tag = `search ${target.toLocaleString('en')}:`;
      log(`${tag} corpus`, `${rows.toLocaleString('en')} rows in ${generated.length.toLocaleString('en')} publications of ${villages.toLocaleString('en')} villages`);

      await measureStore(`${tag} SQLite`, await openSqliteStore(file), divisions, generated, rows, queries, log);
      const size = sizeOnDisk(file);
      log(`${tag} SQLite file`, `${mb(size.file)} (search tables ${mb(size.search)}, without them ${mb(size.file - size.search)}; ${size.method})`);
      if (size.detail) log(`${tag} search tables by name`, size.detail);
      if (pg) {
        const schema = await pg.create();
        try {
          await measureStore(`${tag} PostgreSQL`, await openPgStore(poolClient(pg.url, { schema })), divisions, generated, rows, queries, log, () => pg.vacuum(schema));
          log(`${tag} PostgreSQL search tables`, await pg.searchSize(schema));
        } finally {
          await pg.drop(schema);
        }
      }
      if (!smallest || rows < smallest.rows) smallest = { file, rows, queries };
    }
  } finally {
    await pg?.end();
  }

  const browser = await villageIndexSize(2000);
  if (browser.kind === 'measured') log('in-browser village index, 2,000 rows, gzipped (goal ≤ 50 KB)', `${kb(browser.gzipped)} (${browser.rows} rows, ${kb(browser.raw)} raw)`);
  else log('in-browser village index', `not measured: ${browser.reason}`);

  if (smallest) await compareWithPagefind(smallest, options.dir, log);
}

/**
 * Pagefind on the same village pages (the smallest corpus, built as a site), next to our
 * in-browser index of those villages: the bytes a browser downloads for one query. Then recall on
 * the relevance set, ours and Pagefind's, on a site built from the relevance corpus
 * (relevance-recall.ts).
 */
async function compareWithPagefind(corpus: { file: string; queries: SearchQuery[] }, dir: string, log: (label: string, value: string) => void): Promise<void> {
  const queries = [...new Set(corpus.queries.map((q) => q.q))].slice(0, 20);
  const pf = await pagefindCompare(corpus.file, join(dir, 'pagefind-site'), queries);
  const bytes = pf.perQuery.map((q) => q.bytes).sort((a, b) => a - b);
  log('pagefind: index', `${pf.pages} pages in ${(pf.indexMs / 1000).toFixed(1)} s, bundle ${pf.bundle.files} files, ${kb(pf.bundle.bytes)}`);
  log(`pagefind: bytes for one query, cold, ${queries.length} queries`, `median ${kb(pct(bytes, 50))}, max ${kb(bytes[bytes.length - 1] ?? 0)} (entry JS + wasm + meta + index chunks + first 5 fragments)`);
  log('pagefind: per query', pf.perQuery.map((q) => `${q.query} ${kb(q.bytes)}/${q.requests} req/${q.results} hits`).join(' · '));
  const ours = await villageIndexSizes(corpus.file);
  log(`ours: village index, gzipped, ${ours.length} villages`, `median ${kb(pct(ours, 50))}, max ${kb(ours[ours.length - 1] ?? 0)} (one fetch per village page, then every query is local)`);
  describeRecall(await relevanceRecall(join(dir, 'relevance-recall')), log);
}

// ——— private helpers ———

/**
 * Publishes `generated` one by one into `store` (the production path: one transaction per
 * publication, indexing included), then runs the queries once untimed — a running portal has
 * its caches and prepared statements warm — and once timed, in order.
 */
async function measureStore(tag: string, store: PortalStore, divisions: Division[], generated: readonly SamplePublication[], rows: number, queries: readonly SearchQuery[], log: (label: string, value: string) => void, afterLoad?: () => Promise<void>): Promise<void> {
  try {
    await store.replaceDivisions(divisions);
    const base = Date.parse('2026-10-10T08:00:00Z');
    const t0 = performance.now();
    for (let i = 0; i < generated.length; i++) {
      const g = generated[i]!;
      const publishedAt = new Date(base + i * 1000).toISOString();
      await store.publish(newPublication({ village: g.village, content: g.content, publishedAt, sample: true, source: { filename: null, format: 'json' } }));
    }
    const publishMs = performance.now() - t0;
    log(`${tag} publish + index, one by one`, `${(publishMs / 1000).toFixed(1)} s = ${(rows / (publishMs / 1000)).toFixed(0)} rows/s, ${(publishMs / generated.length).toFixed(2)} ms/publication`);
    await afterLoad?.();
    for (const q of queries) await store.search(q);
    const all: number[] = [];
    const slowest: Array<{ q: SearchQuery; ms: number }> = [];
    const filtered: number[] = [];
    let empty = 0;
    let fallback = 0;
    for (const q of queries) {
      const start = performance.now();
      const page = await store.search(q);
      const ms = performance.now() - start;
      all.push(ms);
      slowest.push({ q, ms });
      if (q.county || q.kind || q.from || q.min !== undefined) filtered.push(ms);
      if (page.total === 0) empty += 1;
      if (page.fallback) fallback += 1;
    }
    all.sort((a, b) => a - b);
    filtered.sort((a, b) => a - b);
    log(`${tag} ${queries.length} queries, page 1 of 20`, `p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms, max ${(all[all.length - 1] ?? 0).toFixed(1)} ms (${empty} with no hit, ${fallback} partial-match)`);
    log(`${tag} of which ${filtered.length} with a county, kind, date or amount filter`, `p50 ${pct(filtered, 50).toFixed(1)} ms, p95 ${pct(filtered, 95).toFixed(1)} ms`);
    log(`${tag} slowest`, slowest.sort((a, b) => b.ms - a.ms).slice(0, 5).map((s) => `${describe(s.q)} ${s.ms.toFixed(0)} ms`).join(' · '));
  } finally {
    await store.close();
  }
}

/**
 * Fresh schemas on the server at `url`, one per size, dropped after it is measured; null when no
 * server answers. After the load, VACUUM ANALYZE does what autovacuum does to a running portal's
 * tables (visibility map, statistics) before the queries run.
 */
async function pgSchemas(url: string) {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  return {
    url,
    async create(): Promise<string> {
      const schema = `search_bench_${Date.now().toString(36)}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      return schema;
    },
    vacuum: async (schema: string) => void (await admin.query(`VACUUM ANALYZE ${schema}.search_rows`)),
    /** What decides whether a broad search reads its rows from memory: the figures depend on it (docs/postgresql.md). */
    async settings(): Promise<string> {
      const rows = (await admin.query("SELECT name, setting, unit FROM pg_settings WHERE name IN ('server_version', 'shared_buffers', 'effective_cache_size') ORDER BY name")).rows as Array<{ name: string; setting: string; unit: string | null }>;
      const size = (r: { setting: string; unit: string | null }) => (r.unit === '8kB' ? mb(Number(r.setting) * 8192) : `${r.setting}${r.unit ?? ''}`);
      return rows.map((r) => `${r.name} ${r.name === 'server_version' ? r.setting : size(r)}`).join(', ');
    },
    async searchSize(schema: string): Promise<string> {
      const [row] = (await admin.query(`SELECT pg_total_relation_size('${schema}.search_rows') AS total, pg_relation_size('${schema}.search_rows_match') AS gin`)).rows as Array<{ total: string; gin: string }>;
      return `search_rows with its indexes ${mb(Number(row?.total ?? 0))} (GIN ${mb(Number(row?.gin ?? 0))})`;
    },
    drop: async (schema: string) => void (await admin.query(`DROP SCHEMA ${schema} CASCADE`)),
    end: () => admin.end(),
  };
}

/** Indexed rows per village of the demo generator, from a pilot of 200 villages. */
function rowsPerVillage(): number {
  const pilot = samplePublications(syntheticRegion(200), { count: 200, seed: 7, today: '2026-11-25' });
  return pilot.reduce((n, g) => n + rowSearchText(g).length, 0) / 200;
}

/**
 * The file after the store's close (which checkpoints the WAL), and the pages of the search
 * tables — FTS5's shadow tables, search_rows and its indexes — from the dbstat virtual table.
 */
function sizeOnDisk(file: string): { file: number; search: number; method: string; detail?: string } {
  const bytes = statSync(file).size + walSize(file);
  const db = new Database(file, { readonly: true });
  try {
    const objects = db.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'search_fts%' OR tbl_name = 'search_rows'`).all() as { name: string }[];
    const names = new Set(objects.map((o) => o.name));
    const pages = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
    const mine = pages.filter((p) => names.has(p.name)).sort((a, b) => b.bytes - a.bytes);
    const search = mine.reduce((n, p) => n + p.bytes, 0);
    return { file: bytes, search, method: 'dbstat page sizes', detail: mine.map((p) => `${p.name} ${mb(p.bytes)}`).join(', ') };
  } catch (error) {
    return { file: bytes, search: 0, method: `dbstat unavailable (${(error as Error).message}), search share not measured` };
  } finally {
    db.close();
  }
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function describe(q: SearchQuery): string {
  const filter = q.county ? ` [county ${q.county}]` : q.kind ? ` [${q.kind}]` : q.from ? ` [${q.from}…${q.to}]` : q.min !== undefined ? ` [≥ ${q.min / 100} 元]` : '';
  return `「${q.q}」${filter}${q.sort === 'date' ? ' by date' : ''}`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
