import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../data/config.ts';
import { openSqliteStore, type SqliteStore } from '../data/store/sqlite-store.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { bigLedgerCsv } from '../scripts/bench/big-ledger.ts';
import { createApp } from './app.ts';
import { createImportPool, type ImportPool } from './import-pool.ts';
import { createPortalApp } from './portal-app.ts';
import { listen } from './server.ts';
import { DIVISIONS, FIXTURES, MATOUXI } from './test-support.ts';

// Issue 10, point 6: a maximum-size upload must not stall the portal. The file is read in a
// worker thread; while it is, /healthz and a village page answer from the event loop. Its 99,000
// rows then enter search in steps (data/store/sqlite-search-queue.ts), answering between them.
// (Its pages are built in the page thread: site/build/live-build-thread.test.ts.)

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a maximum-size upload', () => {
  it('leaves /healthz and the village page answering while it is parsed and while it is stored', async () => {
    const { store, config, token, siteDir, file } = await dataFolder();
    const pool = createImportPool({ workers: 1 });
    cleanups.push(() => pool.close());
    const app = createPortalApp({ store, clock: () => new Date(), config, siteDir, afterPublish: async () => {}, importPool: pool });
    const server = await listen(app, 0, '127.0.0.1');
    cleanups.push(() => server.close());
    const base = `http://127.0.0.1:${server.port}`;

    // As large as the body limit lets through: the importer reads every one of its rows.
    const ledger = bigLedgerCsv(config.bodyLimitBytes - 64 * 1024);
    expect(ledger.byteLength).toBeGreaterThan(config.bodyLimitBytes * 0.9);
    let settled = false;
    const upload = fetch(`${base}/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      body: ledger,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { publication?: { id: string } } }));
    void upload.finally(() => (settled = true));

    // (an import on the event loop would be over before this could see it: then nothing below counts)
    await until(() => pool.stats().parsing === 1 || settled);
    // Each answer counts only if the worker was still reading the file when it arrived.
    const whileParsing = { healthz: 0, page: 0 };
    while (!settled && (whileParsing.healthz === 0 || whileParsing.page === 0)) {
      const health = await fetch(`${base}/healthz`);
      const status = ((await health.json()) as { status?: string }).status;
      if (health.status === 200 && status === 'ok' && pool.stats().parsing === 1) whileParsing.healthz += 1;
      const page = await fetch(`${base}/v/${MATOUXI}/`);
      const html = await page.text();
      if (page.status === 200 && html.includes('马头溪村公开栏') && pool.stats().parsing === 1) whileParsing.page += 1;
    }
    expect(whileParsing.healthz).toBeGreaterThan(0);
    expect(whileParsing.page).toBeGreaterThan(0);

    // Each answer counts only if search indexing was still under way when it came back.
    const raw = new Database(file, { readonly: true });
    cleanups.push(async () => void raw.close());
    const indexing = () => (raw.prepare('SELECT count(*) FROM search_queue').pluck().get() as number) > 0;
    let whileIndexing = 0;
    while (!settled && whileIndexing < 3) {
      const health = await fetch(`${base}/healthz`);
      await health.arrayBuffer();
      if (health.status === 200 && indexing()) whileIndexing += 1;
    }
    expect(whileIndexing).toBe(3);

    // Every row is stored before indexing starts. Closing the store stops the indexing after its
    // current step (the next open finishes it: sqlite-search-queue.test.ts), so the test does not
    // wait the seconds the rest of the index takes; the upload is then answered.
    const [summary] = await store.listPublications(MATOUXI);
    const stored = await store.getPublication(summary!.id);
    expect(stored?.content.kind === 'finance' && stored.content.entries.length).toBe(99_000);
    await store.close();
    const done = await upload;
    expect(done.status).toBe(201);
    expect(done.body.publication?.id).toBe(summary!.id);
  }, 120_000);
});

describe('an upload when every import worker is busy', () => {
  it('is answered 503 with Retry-After — a publish, a dry run and a replay alike — and nothing is stored', async () => {
    const { store, config, token } = await dataFolder();
    const real = createImportPool({ workers: 1 });
    cleanups.push(() => real.close());
    let busy = false;
    const pool: ImportPool = { ...real, run: (input) => (busy ? Promise.resolve({ kind: 'busy', retryAfterSeconds: 9 }) : real.run(input)) };
    const app = createApp({ store, clock: () => new Date(), config, importPool: pool });
    const post = (query: string, key?: string) =>
      app.request(`/api/v1/villages/${MATOUXI}/publications?${query}`, {
        method: 'POST',
        body: FIXTURES.finance,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...(key ? { 'idempotency-key': key } : {}) },
      });

    const first = await post('kind=finance', 'key-1');
    expect(first.status).toBe(201);
    const id = ((await first.json()) as { publication: { id: string } }).publication.id;

    busy = true;
    for (const res of [await post('kind=finance'), await post('kind=finance&dryRun=1'), await post('kind=finance', 'key-1')]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('9');
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'imports-busy' } });
      expect(body.error.message).toBe('服务器正在处理其他上传，请 9 秒后重新上传，文件尚未发布 / The server is busy reading other uploads; nothing was published. Upload again in 9 s');
    }
    expect((await store.listPublications(MATOUXI)).map((p) => p.id)).toEqual([id]);

    busy = false;
    const replay = await post('kind=finance', 'key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});

// ——— helpers ———

async function dataFolder(): Promise<{ store: SqliteStore; config: Config; token: string; siteDir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cunwu-stall-'));
  const file = join(dir, 'portal.sqlite');
  const store = await openSqliteStore(file);
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await store.replaceDivisions(DIVISIONS);
  const token = generateToken();
  await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: MATOUXI, name: 'stall test', createdAt: '2026-10-01T00:00:00.000Z' });
  // The village page as the site builder leaves it on disk; the static handler serves it.
  const siteDir = join(dir, 'site');
  mkdirSync(join(siteDir, 'v', MATOUXI), { recursive: true });
  writeFileSync(join(siteDir, 'v', MATOUXI, 'index.html'), '<!doctype html><meta charset="utf-8"><title>马头溪村公开栏</title><h1>马头溪村公开栏</h1>');
  // the production defaults: a 20 MB body limit (PORTAL_BODY_LIMIT_MB)
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://127.0.0.1', PORTAL_REGION: '4308', PORTAL_DEMO: '0' }, '/');
  if (!parsed.ok) throw new Error(parsed.message);
  const config = parsed.config;
  expect(config.bodyLimitBytes).toBe(20 * 1024 * 1024);
  return { store, config, token, siteDir, file };
}

/** Waits for a condition, checking on every turn of the event loop (the test's timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
