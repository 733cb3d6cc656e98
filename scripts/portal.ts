import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../data/config.ts';
import { levelOf } from '../data/region.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { createSiteBuilder } from '../site/build/site-builder.ts';
import { ensureAstroBundle } from './lib/astro-bundle.ts';
import { progressBar } from './lib/progress.ts';
import { buildWorkers, openRuntimeStore, seedDemo } from './lib/runtime.ts';

/** `npm run portal -- <command>`: the operator's command line. */
const USAGE = `用法 / usage:
  npm run portal -- token create --scope <village, township or county code> [--name <label>]
  npm run portal -- build`;

const [command, ...rest] = process.argv.slice(2);
const cfg = config();

switch (command) {
  case 'token':
    await tokenCommand(rest);
    break;
  case 'build':
    await buildCommand();
    break;
  default:
    console.error(USAGE);
    process.exit(command === undefined || command === 'help' ? 0 : 64);
}

async function tokenCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { scope: { type: 'string' }, name: { type: 'string' } }, allowPositionals: true });
  if (positionals[0] !== 'create' || !values.scope) fail(USAGE);
  const scope = values.scope;
  const level = levelOf(scope);
  if (level !== 'village' && level !== 'township' && level !== 'county') {
    fail(`--scope 应为村（12 位）、乡镇（9 位）或县（6 位）代码 / --scope must be a 12-digit village, 9-digit township or 6-digit county code: ${scope}`);
  }
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
  console.log(token);
}

async function buildCommand(): Promise<void> {
  const serverEntry = await ensureAstroBundle((l) => console.log(l));
  const store = await openRuntimeStore(cfg, (l) => console.log(l));
  if (cfg.demo) await seedDemo(store, cfg, () => new Date(), (l) => console.log(l));
  const builder = await createSiteBuilder({ store, config: cfg, outDir: join(cfg.dataDir, 'site'), serverEntry, workers: buildWorkers(cfg) });
  const result = await builder.buildAll(progressBar('生成页面 / building pages'));
  console.log(`${result.pages} pages, ${result.files} files, ${(result.ms / 1000).toFixed(1)} s → ${join(cfg.dataDir, 'site')}`);
  await store.close();
}

function fail(message: string): never {
  console.error(message);
  process.exit(64);
}
