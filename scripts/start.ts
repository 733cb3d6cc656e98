import { join } from 'node:path';
import { config } from '../data/config.ts';
import { listen } from '../ingest/server.ts';
import { loadRenderer } from '../site/build/page-builder.ts';
import { ensureAstroBundle } from './lib/astro-bundle.ts';
import { explainStartFailure } from './lib/data-folder-error.ts';
import { takeDataLock } from './lib/data-lock.ts';
import { postgresRateLimiters } from '../ingest/shared-rate-limit.ts';
import { progressBar } from './lib/progress.ts';
import { composePortal } from './lib/compose-portal.ts';
import { buildWorkers, loadBeneficiaryKey, loadLogSigner, openRuntimeStore, seedDemo } from './lib/runtime.ts';

/**
 * `npm start`: the demo portal, site and API on one port. On SQLite it holds the data folder's
 * lock (lib/data-lock.ts) from before it opens the store until it exits: a second server, or a
 * writing `npm run portal` command, on the same PORTAL_DATA_DIR is refused instead of racing this
 * one. On PostgreSQL several processes may share the data folder and the database (issue 14): the
 * database keeps them apart (the outbox's claims, the log's head lock, the daily runs, the rate
 * limits' counters), so no folder lock is taken.
 */
const cfg = config();
const log = (line: string) => console.log(line);
const clock = () => new Date();

log(`阳光村务 Cunwu — 数据目录 / data: ${cfg.dataDir}`);
const lock = cfg.databaseUrl ? ({ ok: true } as const) : takeDataLock(cfg.dataDir, 'npm start');
if (!lock.ok) {
  console.error(`无法启动 / cannot start: ${lock.message}`);
  process.exit(1);
}
try {
  await main();
} catch (error) {
  // A damaged database or an unusable data folder: one paragraph, not a stack trace.
  const explained = explainStartFailure(cfg.dataDir, error);
  if (!explained) throw error;
  console.error(`无法启动 / cannot start: ${explained}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const serverEntry = await ensureAstroBundle(log);
  const store = await openRuntimeStore(cfg, log);
  const beneficiaryKey = await loadBeneficiaryKey(cfg);
  if (cfg.demo) await seedDemo(store, cfg, clock, log, beneficiaryKey);

  const siteDir = join(cfg.dataDir, 'site');
  const workers = buildWorkers(cfg);
  const limits = cfg.databaseUrl ? postgresRateLimiters(cfg.databaseUrl) : null;
  const portal = await composePortal({
    store,
    rateLimiters: limits?.make,
    config: cfg,
    clock,
    siteDir,
    serverEntry,
    render: await loadRenderer(serverEntry),
    logSigner: await loadLogSigner(cfg),
    beneficiaryKey,
    workers,
    pageThread: workers.store,
    log,
  });
  const built = await portal.builder.buildAll(progressBar('生成页面 / building pages'));
  log(`  ${built.pages} 个页面，${built.files} 个文件，用时 ${(built.ms / 1000).toFixed(1)} 秒 / pages, files, seconds`);
  if (built.withheld.length > 0) {
    // Each finding is already in the log above; the portal starts anyway, with a notice on those pages.
    console.error(`  ${built.withheld.length} 个文件含未打码的个人号码，已改为“内容待核查” / ${built.withheld.length} files withheld for unmasked personal numbers`);
    console.error('  清单 / list: GET /api/v1/privacy/findings（乡镇、县级令牌 / township or county token）· npm run portal -- audit');
  }
  const app = portal.app;
  const server = await listen(app, cfg.port, cfg.host);
  log('');
  log(`门户已启动 / portal running: ${cfg.baseUrl}/`);
  log(`上传页面 / upload page: ${cfg.baseUrl}/upload/`);
  log('创建上传令牌（村、乡镇或县代码）/ create an upload token (village, township or county code):');
  log('  npm run portal -- token create --scope 430802108214 --name 马头溪村会计');
  log(`投诉 / complaints: ${cfg.baseUrl}/v/430802108214/complaint/ · 查询 / tracking: ${cfg.baseUrl}/track/`);
  log(`数据核对提示 / red flags: ${cfg.baseUrl}/api/v1/flags · 每晚 / nightly at ${portal.nightly.next ?? '—'}`);

  const stop = async () => {
    await server.close();
    await portal.close();
    await limits?.close();
    await store.close();
    // the lock goes with the process (its exit hook)
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
