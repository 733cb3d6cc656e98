import { config } from '../data/config.ts';
import { Hono } from 'hono';
import { createApp } from '../ingest/app.ts';
import { securityHeaders } from '../ingest/content-security.ts';
import { listen } from '../ingest/server.ts';
import { postgresRateLimiters } from '../ingest/shared-rate-limit.ts';
import { explainStartFailure } from './lib/data-folder-error.ts';
import { takeDataLock } from './lib/data-lock.ts';
import { openRuntimeStore } from './lib/runtime.ts';

/**
 * `tsx scripts/serve.ts`: the ingest API alone (uploads, reads, search, complaints), without the
 * site: no page build at start and no rebuild after an upload, so it is up within a second or two.
 * The store is opened exactly as `npm start` opens it (openRuntimeStore), so it refuses a store
 * that is not durable (WAL + synchronous=FULL) in the same way, and on SQLite it holds the data
 * folder's lock as `npm start` does (lib/data-lock.ts): a second server on the folder refuses to
 * start. On PostgreSQL, as `npm start`, it takes no folder lock and counts rate limits in the
 * database, so several of these may serve one database (docs/postgresql.md, Several processes).
 * The crash test (scripts/lib/crash-run.ts) kills and restarts this process (the killed one's
 * lock is stale and taken over); an operator can run it behind a static server that serves pages
 * built by `npm run build`.
 *
 * Once the port is open it prints one JSON line on stdout, `{"listening":port,"pid":…,"durability":…}`.
 * If it cannot start it prints why on stderr (one paragraph, no stack trace, when the data folder
 * or its database is the problem) and exits with status 1.
 */
const cfg = config();
const log = (line: string) => console.error(line);

const lock = cfg.databaseUrl ? ({ ok: true } as const) : takeDataLock(cfg.dataDir, 'serve');
if (!lock.ok) {
  console.error(`无法启动 / cannot start: ${lock.message}`);
  process.exit(1);
}
try {
  const store = await openRuntimeStore(cfg, log);
  const limits = cfg.databaseUrl ? postgresRateLimiters(cfg.databaseUrl) : null;
  const durability = await store.durability();
  // The same headers as the portal's, so this entry is safe to deploy as the API on its own.
  const app = new Hono();
  app.use('*', securityHeaders({ baseUrl: cfg.baseUrl }));
  app.route('/', createApp({ store, clock: () => new Date(), config: cfg, rateLimiters: limits?.make }));
  const server = await listen(app, cfg.port, cfg.host);
  console.log(JSON.stringify({ listening: server.port, pid: process.pid, durability: durability.summary }));

  const stop = async () => {
    await server.close();
    await limits?.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by a harness with an IPC channel (scripts/lib/serve-process.ts): stop when it goes away.
  if (process.channel) process.once('disconnect', stop);
} catch (error) {
  const explained = explainStartFailure(cfg.dataDir, error);
  console.error(`无法启动 / cannot start: ${explained ?? (error instanceof Error ? error.message : String(error))}`);
  process.exit(1);
}
