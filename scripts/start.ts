import { join } from 'node:path';
import { config } from '../data/config.ts';
import { createPortalApp } from '../ingest/portal-app.ts';
import { listen } from '../ingest/server.ts';
import { createComplaintRefresher } from '../site/build/complaint-refresh.ts';
import { loadRenderer } from '../site/build/page-builder.ts';
import { createSiteBuilder } from '../site/build/site-builder.ts';
import { ensureAstroBundle } from './lib/astro-bundle.ts';
import { progressBar } from './lib/progress.ts';
import { buildWorkers, loadLogSigner, openRuntimeStore, seedDemo } from './lib/runtime.ts';

/** `npm start`: the demo portal, site and API on one port. */
const cfg = config();
const log = (line: string) => console.log(line);
const clock = () => new Date();

log(`阳光村务 Cunwu — 数据目录 / data: ${cfg.dataDir}`);
const serverEntry = await ensureAstroBundle(log);
const store = await openRuntimeStore(cfg, log);
if (cfg.demo) await seedDemo(store, cfg, clock, log);

const siteDir = join(cfg.dataDir, 'site');
const builder = await createSiteBuilder({ store, config: cfg, outDir: siteDir, serverEntry, workers: buildWorkers(cfg) });
const built = await builder.buildAll(progressBar('生成页面 / building pages'));
log(`  ${built.pages} 个页面，${built.files} 个文件，用时 ${(built.ms / 1000).toFixed(1)} 秒 / pages, files, seconds`);

// Complaint figures on the pages follow filings and staff actions, in batches (a burst of filings
// rebuilds each affected village once).
const refresher = createComplaintRefresher({ rebuild: (villages) => builder.rebuildVillages(villages) });
const app = createPortalApp({
  store,
  clock,
  config: cfg,
  siteDir,
  afterPublish: async (p) => {
    await builder.rebuildForPublication(p);
  },
  afterComplaint: (village) => refresher.touch(village),
  render: await loadRenderer(serverEntry),
  logSigner: await loadLogSigner(cfg),
});
const server = await listen(app, cfg.port, cfg.host);
log('');
log(`门户已启动 / portal running: ${cfg.baseUrl}/`);
log(`上传页面 / upload page: ${cfg.baseUrl}/upload/`);
log('创建上传令牌 / create an upload token (village, township or county code):');
log('  npm run portal -- token create --scope 430802108214 --name 马头溪村会计');
log(`投诉 / complaints: ${cfg.baseUrl}/v/430802108214/complaint/ · 查询 / tracking: ${cfg.baseUrl}/track/`);

const stop = async () => {
  await server.close();
  await refresher.close();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
