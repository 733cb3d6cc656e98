import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config } from '../../data/config.ts';
import { generateToken, hashToken, newTokenId } from '../../data/token.ts';
import { SERVER_ENTRY } from '../../scripts/lib/astro-bundle.ts';
import { composePortal, type Portal } from '../../scripts/lib/compose-portal.ts';
import { buildWorkers, loadBeneficiaryKey, loadLogSigner, loadRegion, openRuntimeStore, seedDemo, type RuntimeStore } from '../../scripts/lib/runtime.ts';
import { openTestDatabase } from './test-database.ts';
import { loadRenderer } from '../../site/build/page-builder.ts';
import type { SiteBuilder } from '../../site/build/site-builder.ts';
import type { OutboxBuilder } from '../../site/build/outbox-builder.ts';
import { nextLedger } from './ledger-versions.ts';
import type { Hono } from 'hono';

export interface PortalFixture {
  config: Config;
  store: RuntimeStore;
  builder: SiteBuilder;
  app: Hono;
  siteDir: string;
  token(scope: string): Promise<string>;
  /** rebuilds the pages the store's outbox names stale (after uploads, complaints, flags, rounds) */
  pages: OutboxBuilder;
  /** the red-flag runner and the nightly job, as the server wires them (not scheduled in tests) */
  portal: Portal;
  /** uploads the 马头溪村 ledger from the field through the API, as its accountant would; returns the 201 body */
  publishLedger(): Promise<{ publication: { id: string } }>;
  cleanup(): Promise<void>;
}

/**
 * A whole portal on a temporary data folder: the real Zhangjiajie divisions, the SQLite store,
 * the Astro bundle built by the global setup, the full site built, and the portal app (API + static site).
 */
export interface PortalFixtureOptions {
  /** the least time between two batches of the outbox builder (site/build/outbox-builder.ts); its default when not given */
  pagesIntervalMs?: number;
  /** the portal's clock; the system clock by default */
  clock?: () => Date;
  /** load the demo's sample data as `npm start` does (康家坪村's flags and round included) */
  demo?: boolean;
  /** rebuild in the page thread after start-up, as `npm start` does (it reads the system clock) */
  pageThread?: boolean;
  /**
   * The store: the data folder's SQLite file (default); PostgreSQL in-process (PGlite; no page
   * thread: it cannot be reached from another thread); or the server of PORTAL_TEST_DATABASE_URL
   * in a schema of its own, opened as `npm start` opens PORTAL_DATABASE_URL.
   */
  database?: 'sqlite' | 'pglite' | 'postgres';
  /** false: no full build at start (the caller builds once after its own uploads); true by default */
  buildFirst?: boolean;
}

export async function openPortalFixture(env: Record<string, string> = {}, options: PortalFixtureOptions = {}): Promise<PortalFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunwu-e2e-'));
  const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test', ...env }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  let config = parsed.config;
  const database = await openTestDatabase(options.database ?? 'sqlite');
  if (database.url) config = { ...config, databaseUrl: database.url };
  const store: RuntimeStore = database.store ?? (await openRuntimeStore(config));
  if (database.store) await loadRegion(store, config);
  const clock = options.clock ?? (() => new Date());
  const beneficiaryKey = await loadBeneficiaryKey(config);
  if (options.demo) await seedDemo(store, config, clock, () => {}, beneficiaryKey);
  const siteDir = join(dataDir, 'site');
  const portal = await composePortal({
    store,
    config,
    clock,
    siteDir,
    serverEntry: SERVER_ENTRY,
    render: await loadRenderer(SERVER_ENTRY),
    logSigner: await loadLogSigner(config),
    beneficiaryKey,
    refreshMs: options.pagesIntervalMs,
    scheduleNightly: false,
    pageThread: options.pageThread ? buildWorkers(config).store : undefined,
  });
  const { builder, outbox: pages } = portal;
  if (options.buildFirst !== false) await builder.buildAll(); // as `npm start` does: the site exists before the server answers
  const app = portal.app;
  const token = async (scope: string) => {
    const clear = generateToken();
    await store.createToken({ id: newTokenId(), hash: hashToken(clear), scope, name: `test ${scope}`, createdAt: new Date().toISOString() });
    return clear;
  };
  return {
    config,
    store,
    builder,
    app,
    siteDir,
    token,
    pages,
    portal,
    async publishLedger() {
      const res = await app.request('/api/v1/villages/430802108214/publications?kind=finance', {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token('430802108214')}`, 'Content-Type': 'text/csv' },
        body: nextLedger(store),
      });
      if (res.status !== 201) throw new Error(`publishing the ledger failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { publication: { id: string } };
    },
    async cleanup() {
      await portal.close();
      await store.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
