import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../data/config.ts';
import type { PosterFailure } from '../data/poster/poster-failure.ts';
import { parsePosterOptions } from '../data/poster/poster-options.ts';
import { levelOf } from '../data/region.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { createSiteBuilder } from '../site/build/site-builder.ts';
import { createPosterService } from '../site/poster/poster-service.ts';
import { ACCOUNT_USAGE, accountCommand } from './lib/account-commands.ts';
import { ensureAstroBundle } from './lib/astro-bundle.ts';
import { explainStartFailure } from './lib/data-folder-error.ts';
import { takeDataLock, type DataLock } from './lib/data-lock.ts';
import { LOG_USAGE, takedownCommand, verifyCommand } from './lib/log-commands.ts';
import { migrateStore } from './lib/migrate-store.ts';
import { poolClient } from '../data/store/pg/pool-client.ts';
import { runPrivacyAudit } from './lib/privacy-audit.ts';
import { progressBar } from './lib/progress.ts';
import { createFlagRunner } from '../data/flags/flag-runner.ts';
import { createNightlyFlags } from './lib/nightly-flags.ts';
import { buildWorkers, loadBeneficiaryKey, openRuntimeStore, seedDemo } from './lib/runtime.ts';

/**
 * `npm run portal -- <command>`: the operator's command line. The commands that write to the data
 * folder (build, flags run, a publication's takedown) hold its lock (lib/data-lock.ts) while
 * they run, so they refuse, with exit code 75, while the portal or another writing command holds
 * it. Posters, audit and verify only read; a token and a complaint step's takedown write only one
 * row of the store (lib/log-commands.ts says why): they run beside the portal. A damaged database or an unusable
 * data folder stops any of them with one paragraph and exit code 2.
 */
const USAGE = `用法 / usage:
  npm run portal -- token create --scope <village, township or county code> [--name <label>]
${ACCOUNT_USAGE}
  npm run portal -- build   (先停止门户；门户启动时会自行重建全部页面 / with the portal stopped; the portal rebuilds every page when it starts)
  npm run portal -- posters --scope <township or county code> --out <file.pdf> [--size a4|a3] [--mono]
  npm run portal -- audit
  npm run portal -- flags run [--scope <county, township or village code>]   (先停止门户；门户运行时请用 POST /api/v1/flags/run / with the portal stopped; while it runs use POST /api/v1/flags/run)
${LOG_USAGE}
  npm run portal -- migrate-store --from <portal.sqlite> --to <postgres://…>   (先停止门户 / with the portal stopped; docs/postgresql.md)
标注“先停止门户”的命令在门户运行时拒绝执行（退出码 75） / the commands marked "with the portal stopped" refuse while it runs (exit code 75)`;

const [command, ...rest] = process.argv.slice(2);
const cfg = config();

try {
  switch (command) {
    case 'token':
      await tokenCommand(rest);
      break;
    case 'account': {
      const store = await openRuntimeStore(cfg);
      try {
        process.exitCode = await accountCommand(rest, cfg, store, new Date(), (l) => console.log(l), (l) => console.error(l));
      } finally {
        await store.close();
      }
      break;
    }
    case 'build':
      await buildCommand();
      break;
    case 'posters':
      await postersCommand(rest);
      break;
    case 'flags':
      await flagsCommand(rest);
      break;
    case 'audit':
      // unmasked ID, mobile and bank-card numbers in the built site and the API (docs/guarantees.md)
      process.exit(await runPrivacyAudit(cfg, (l) => console.log(l), (l) => console.error(l)));
    case 'takedown':
      process.exit(await takedownCommand(rest, cfg, (l) => console.log(l), (l) => console.error(l)));
    case 'verify':
      process.exit(await verifyCommand(rest, cfg, (l) => console.log(l), (l) => console.error(l)));
    case 'migrate-store':
      await migrateStoreCommand(rest);
      break;
    default:
      console.error(USAGE);
      process.exit(command === undefined || command === 'help' ? 0 : 64);
  }
} catch (error) {
  // A damaged database or an unusable data folder: one paragraph, not a stack trace.
  const explained = explainStartFailure(cfg.dataDir, error);
  if (!explained) throw error;
  console.error(explained);
  process.exit(2);
}

async function tokenCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { scope: { type: 'string' }, name: { type: 'string' } }, allowPositionals: true });
  if (positionals[0] !== 'create' || !values.scope) fail(USAGE);
  const scope = values.scope;
  const level = levelOf(scope);
  if (level !== 'village' && level !== 'township' && level !== 'county') {
    fail(`--scope 应为村（12 位）、乡镇（9 位）或县（6 位）代码 / --scope must be a 12-digit village, 9-digit township or 6-digit county code: ${scope}`);
  }
  // One row in the store, serialised by SQLite with the server's writes; it touches no file of the
  // site, so it runs beside the portal (README's first step after npm start).
  const store = await openRuntimeStore(cfg);
  const division = await store.getDivision(scope);
  if (!division) {
    await store.close();
    fail(`本门户区域内没有代码 ${scope} / no division ${scope} in this portal's region (${cfg.region})`);
  }
  const token = generateToken();
  const name = values.name ?? division.name;
  await store.createToken({ id: newTokenId(), hash: hashToken(token), scope, name, createdAt: new Date().toISOString() });
  await store.close();
  console.log(`已为 ${division.name}（${scope}）创建令牌“${name}”。令牌只显示这一次，请妥善保存。`);
  console.log(`Token "${name}" created for ${scope}. It is shown only once; only its hash is stored.`);
  // the store the server reads the token from, found as the server finds it (config.ts): a token
  // written to another data folder would be refused with 401 and nothing to say why
  console.log(`存放于 / stored in: ${storeLocation(cfg)}`);
  console.log(token);
}

/** The data folder or, on PostgreSQL, the database (its password left out). */
function storeLocation(c: { dataDir: string; databaseUrl: string | null }): string {
  if (!c.databaseUrl) return `${c.dataDir}（数据目录 / data folder）`;
  const url = new URL(c.databaseUrl);
  if (url.password) url.password = '***';
  return `${url.toString()}（PostgreSQL）`;
}

/**
 * Runs the red-flag rules now: for every village under --scope, or, without it, for every village
 * the nightly run checks. Pages follow at the next rebuild (a running server's own nightly run,
 * POST /api/v1/flags/run, or `npm run portal -- build`).
 */
async function flagsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { scope: { type: 'string' } }, allowPositionals: true });
  if (positionals[0] !== 'run') fail(USAGE);
  holdLock('flags run');
  const store = await openRuntimeStore(cfg);
  const clock = () => new Date();
  const runner = createFlagRunner({ store, clock, region: cfg.region });
  try {
    if (values.scope) {
      const villages = (await store.listDivisions(values.scope)).filter((d) => d.level === 'village');
      if (villages.length === 0) fail(`本门户区域内 ${values.scope} 下没有村 / no villages under ${values.scope} in this portal's region`);
      let raised = 0;
      let changed = 0;
      for (const v of villages) {
        const run = await runner.runVillage(v.code, 'manual');
        raised += run?.result.raised.length ?? 0;
        changed += run?.result.changed.length ?? 0;
      }
      console.log(`${villages.length} 个村，新发现 ${raised} 条提示，${changed} 条有变化 / ${villages.length} villages, ${raised} flags raised, ${changed} changed`);
    } else {
      const nightly = createNightlyFlags({ runner, store, clock, region: cfg.region, onChanged: () => {} });
      nightly.close();
      const s = await nightly.runNow();
      console.log(`${s.villages} 个村，新发现 ${s.raised} 条提示，${s.changed} 条有变化，用时 ${s.ms} 毫秒 / ${s.villages} villages, ${s.raised} raised, ${s.changed} changed, ${s.ms} ms`);
    }
    console.log('页面将在下次重建时更新 / pages follow at the next rebuild');
  } finally {
    await store.close();
  }
}

async function buildCommand(): Promise<void> {
  holdLock('build');
  const serverEntry = await ensureAstroBundle((l) => console.log(l));
  const store = await openRuntimeStore(cfg, (l) => console.log(l));
  if (cfg.demo) await seedDemo(store, cfg, () => new Date(), (l) => console.log(l), await loadBeneficiaryKey(cfg));
  const builder = await createSiteBuilder({ store, config: cfg, outDir: join(cfg.dataDir, 'site'), serverEntry, workers: buildWorkers(cfg) });
  const result = await builder.buildAll(progressBar('生成页面 / building pages'));
  console.log(`${result.pages} pages, ${result.files} files, ${(result.ms / 1000).toFixed(1)} s → ${join(cfg.dataDir, 'site')}`);
  await store.close();
}

/** Moves the store from a SQLite file into an empty PostgreSQL database (lib/migrate-store.ts). */
async function migrateStoreCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to || !/^postgres(ql)?:\/\//.test(values.to)) fail(USAGE);
  holdLock('migrate-store');
  if (!existsSync(values.from)) fail(`找不到 ${values.from} / no such file: ${values.from}`);
  const target = poolClient(values.to, { max: 2 });
  try {
    console.log(`迁移 / migrating ${values.from} → PostgreSQL …`);
    const report = await migrateStore(values.from, target, (l) => console.log(l));
    console.log(`完成：日志 ${report.logSize} 条记录，根 ${report.logRoot.slice(0, 16)}… 与原库一致；${report.searchable} 份当前公开记录可搜索`);
    console.log(`Done: log of ${report.logSize} leaves, root ${report.logRoot.slice(0, 16)}… as in the SQLite file; ${report.searchable} current publications searchable.`);
    console.log('下一步：设置 PORTAL_DATABASE_URL 启动门户，再运行 verify / next: start the portal with PORTAL_DATABASE_URL set, then run verify');
  } finally {
    await target.close();
  }
}

/** A PDF of QR posters for the notice boards of a township or county, one page per village. */
async function postersCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { scope: { type: 'string' }, out: { type: 'string' }, size: { type: 'string' }, mono: { type: 'boolean', default: false } } });
  if (!values.scope || !values.out) fail(USAGE);
  const parsed = parsePosterOptions((name) => (name === 'size' ? values.size : values.mono ? '1' : undefined));
  if (!parsed.ok) posterFailure({ kind: 'bad-options', error: parsed });
  const store = await openRuntimeStore(cfg, (l) => console.log(l));
  // Rendered once and written to a file: nothing to keep in memory.
  const posters = createPosterService({ store, config: cfg, clock: () => new Date(), cacheBytes: 0 });
  const started = performance.now();
  const result = await posters.batch(values.scope, parsed.options, progressBar('生成海报 / rendering posters'));
  await store.close();
  if (!result.ok) posterFailure(result.failure);
  const out = resolve(values.out);
  await writeFile(out, result.value.bytes);
  const pages = result.value.pages;
  console.log(`${pages} 页（每村一页）/ ${pages} pages, ${(result.value.bytes.byteLength / 1024).toFixed(0)} KB, ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}`);
}

/** What went wrong, in the operator's terms; exit code 2 for a request that cannot be printed. */
function posterFailure(failure: PosterFailure): never {
  switch (failure.kind) {
    case 'scope-not-found':
      console.error(
        levelOf(failure.code) === 'township' || levelOf(failure.code) === 'county'
          ? `本门户区域内没有乡镇或县 ${failure.code} / no township or county ${failure.code} in this portal's region (${cfg.region})`
          : `--scope 应为乡镇（9 位）或县（6 位）代码，单个村的海报请访问 /v/<村代码>/poster.pdf / --scope must be a 9-digit township or 6-digit county code (for one village use /v/<code>/poster.pdf): ${failure.code}`,
      );
      break;
    case 'village-not-found':
      console.error(`找不到村 ${failure.code} / no village ${failure.code}`);
      break;
    case 'bad-options':
      console.error(`--${failure.error.field}：${failure.error.message} / ${failure.error.messageEn}`);
      break;
  }
  process.exit(2);
}

/**
 * The data folder's lock for the rest of this command (released when the process exits); when the
 * portal or another command holds it, says who and exits 75 (EX_TEMPFAIL: try again later).
 */
function holdLock(what: string): DataLock {
  const taken = takeDataLock(cfg.dataDir, what);
  if (taken.ok) return taken.lock;
  console.error(taken.message);
  process.exit(taken.reason === 'held' ? 75 : 2);
}

function fail(message: string): never {
  console.error(message);
  process.exit(64);
}
