import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultLogOrigin, type Config } from '../../data/config.ts';
import { KANGJIAPING, kangjiapingLedgers } from '../../data/demo/kangjiaping.ts';
import { tellKangjiapingStory } from '../../data/demo/kangjiaping-story.ts';
import { seedDemoSummaries } from './demo-summaries.ts';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { importDecisionRegister } from '../../data/import/decision-register.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import type { SourceFormat } from '../../data/import/import-result.ts';
import { verifierKey, type NoteSigner } from '../../data/log/signed-note.ts';
import type { PublicationContent, PublicationKind } from '../../data/publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import { openStore, type StoreLocator } from '../../data/store/open-store.ts';
import type { StoreDurability } from '../../data/store/durability.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import type { BeneficiaryKey } from '../../data/store/store.ts';
import { readDivisions } from './china-division.ts';
import { DataFolderError, dataFolderError } from './data-folder-error.ts';

/** The embedded store's file in a data folder. */
export function storeFile(config: Config): string {
  return join(config.dataDir, 'portal.sqlite');
}

/** Where the store is: PORTAL_DATABASE_URL's PostgreSQL, else the data folder's SQLite file. */
export function storeLocator(config: Config): StoreLocator {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: storeFile(config) };
}

/** How worker threads of a full build reach the store: one per core, each with its own connection. */
export function buildWorkers(config: Config): { count: number; store: StoreLocator } {
  const store = storeLocator(config);
  return { count: availableParallelism(), store: store.kind === 'postgres' ? { ...store, poolSize: 2 } : store };
}

/** What the portal runs on: every capability, and whether its commits are durable. */
export type RuntimeStore = PortalStore & StoreDurability;

/**
 * The store, opened and checked — the data folder's SQLite file, or PORTAL_DATABASE_URL's
 * PostgreSQL — with the region loaded on first use. A folder or database that cannot be used (junk
 * bytes in portal.sqlite, no permission, a full disk) throws a DataFolderError whose message is the
 * one paragraph the operator reads.
 */
export async function openRuntimeStore(config: Config, log: (line: string) => void = () => {}): Promise<RuntimeStore> {
  let store: RuntimeStore;
  try {
    store = await openStore(storeLocator(config));
  } catch (error) {
    if (config.databaseUrl) throw databaseError(config.databaseUrl, error);
    throw dataFolderError(config.dataDir, error) ?? error;
  }
  try {
    return await checkRuntimeStore(store, config, log);
  } catch (error) {
    await store.close().catch(() => {});
    throw dataFolderError(config.dataDir, error) ?? error;
  }
}

async function checkRuntimeStore(store: RuntimeStore, config: Config, log: (line: string) => void): Promise<RuntimeStore> {
  const durability = await store.durability();
  if (!durability.durable) throw new DataFolderError(`存储不是持久模式 / the store is not durable: ${durability.summary}`);
  await loadRegion(store, config, log);
  return store;
}

/** The configured region's divisions, loaded into an empty store (the first start). */
export async function loadRegion(store: Pick<PortalStore, 'listDivisions' | 'replaceDivisions'>, config: Config, log: (line: string) => void = () => {}): Promise<void> {
  const existing = await store.listDivisions(config.region);
  if (existing.length === 0) {
    log(`载入行政区划 / loading divisions of region ${config.region} …`);
    const divisions = await readDivisions(config.region);
    if (divisions.length === 0) throw new Error(`区划代码 ${config.region} 下没有村 / no divisions found for PORTAL_REGION=${config.region}`);
    await store.replaceDivisions(divisions);
    log(`  ${divisions.filter((d) => d.level === 'village').length} 个村（社区） / villages`);
  }
}

/** A database that cannot be used, in the operator's words, with the URL's password hidden. */
function databaseError(url: string, error: unknown): DataFolderError {
  let shown = url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    shown = parsed.toString();
  } catch {
    shown = 'PORTAL_DATABASE_URL';
  }
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? ` (${(error as { code: string }).code})` : '';
  const reason = error instanceof Error ? error.message : String(error);
  return new DataFolderError(`无法使用数据库 ${shown}：${reason}${code}。请检查 PORTAL_DATABASE_URL 和数据库服务 / cannot use the database ${shown}: ${reason}${code}; check PORTAL_DATABASE_URL and the database server`);
}

/** The transparency log's signing key in a data folder: private, never served. */
export function logKeyFile(config: Config): string {
  return join(config.dataDir, 'log-key.json');
}

/**
 * The log's Ed25519 signing key, made on first use and kept in the data folder (mode 0600) with
 * the log's origin: checkpoints signed today and in ten years carry the same name and key, so
 * a journalist's pinned key keeps working. PORTAL_LOG_ORIGIN is read only when the key is made.
 */
export async function loadLogSigner(config: Config): Promise<NoteSigner> {
  const file = logKeyFile(config);
  const text = await readOrMakeSecret(config, file, () => {
    const origin = config.logOrigin ?? defaultLogOrigin(config.baseUrl);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    return `${JSON.stringify({ origin, privateKey: pem, verifierKey: verifierKey(origin, privateKey), createdAt: new Date().toISOString() }, null, 2)}\n`;
  });
  let stored: { origin?: unknown; privateKey?: unknown };
  try {
    stored = JSON.parse(text) as typeof stored;
    if (typeof stored.origin !== 'string' || typeof stored.privateKey !== 'string') throw new Error('origin and privateKey are strings');
    const key = createPrivateKey(stored.privateKey);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an Ed25519 key, not ${key.asymmetricKeyType}`);
    // verifierKey checks the name is one a note key may have
    verifierKey(stored.origin, key);
    return { name: stored.origin, key };
  } catch (error) {
    throw new Error(`日志密钥文件 ${file} 无法读取 / the log key file is unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The data folder's secret for keyed fingerprints of beneficiaries' ID numbers: private, never served. */
export function beneficiaryKeyFile(config: Config): string {
  return join(config.dataDir, 'beneficiary-key');
}

/**
 * The HMAC key for beneficiaries' ID fingerprints (the duplicate-beneficiary flag), made on first
 * use (32 random bytes, hex, mode 0600). The fingerprints in the store mean nothing without it,
 * and it must stay the same for as long as the store does, or lists published before and after
 * stop matching.
 */
export async function loadBeneficiaryKey(config: Config): Promise<Uint8Array> {
  const file = beneficiaryKeyFile(config);
  const text = await readOrMakeSecret(config, file, () => `${randomBytes(32).toString('hex')}\n`);
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`密钥文件 ${file} 格式不对 / the beneficiary key file is malformed (64 hex digits expected)`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/**
 * A secret file of the data folder: read, or made by `make` on first use (mode 0600). 'wx': when
 * another process made it a moment ago, that one is used rather than overwritten.
 */
async function readOrMakeSecret(config: Config, file: string, make: () => string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = make();
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(file, 'utf8');
  }
}

const FIELD_SAMPLES: ReadonlyArray<{ file: string; village: string; kind: PublicationKind; format: SourceFormat }> = [
  { file: '430802108214-finance-2026Q3.csv', village: '430802108214', kind: 'finance', format: 'csv' },
  { file: '430802108214-subsidy-2026.csv', village: '430802108214', kind: 'subsidy', format: 'csv' },
  { file: '430821211227-project-2026.xlsx', village: '430821211227', kind: 'project', format: 'xlsx' },
  { file: '430821212212-contract-2026.csv', village: KANGJIAPING, kind: 'contract', format: 'csv' },
];

/**
 * 四议两公开 registers of the demo: 龙岗村's from the field (one matter complete, one whose 党员大会
 * lacked a quorum) and 马头溪村's, written for the demo, whose matter skipped the 党员大会.
 */
const DEMO_REGISTERS: ReadonlyArray<{ file: string; village: string; format: 'xlsx' | 'csv' }> = [
  { file: '430821211227-decisions-2026.xlsx', village: '430821211227', format: 'xlsx' },
  { file: '430802108214-decisions-2026.csv', village: '430802108214', format: 'csv' },
];

/**
 * Loads the demo publications into an empty store: four files from the field, run through the
 * real importer, 康家坪村's ledgers (in which one tenant's fees never arrive) and generated ledgers
 * for a few dozen villages; then the rules run over 康家坪村 and its flags and rectification
 * unfold (data/demo/kangjiaping-story.ts). Every one is marked sample.
 */
export async function seedDemo(store: PortalStore, config: Config, clock: () => Date, log: (line: string) => void = () => {}, beneficiaryKey?: Uint8Array): Promise<number> {
  const stats = await store.publicationStats('');
  if (stats.size > 0) return 0;
  const divisions = await store.listDivisions(config.region);
  const now = clock();
  let count = 0;
  const publish = async (village: string, content: PublicationContent, source: { filename: string | null; format: SourceFormat }, beneficiaryKeys?: readonly BeneficiaryKey[]) => {
    await store.publish(newPublication({ village, content, publishedAt: new Date(now.getTime() + count).toISOString(), sample: true, source, beneficiaryKeys }));
    count += 1;
  };
  const demoDir = new URL('../../data/demo/files/', import.meta.url);
  for (const s of FIELD_SAMPLES) {
    if (!divisions.some((d) => d.code === s.village)) continue;
    const bytes = new Uint8Array(await readFile(new URL(s.file, demoDir)));
    const result = await importPublication({ bytes, format: s.format, kind: s.kind, filename: s.file, idMask: config.idMask, publicNumbers: config.publicPhones, beneficiaryKey });
    if (!result.ok) throw new Error(`示例文件 ${s.file} 导入失败 / demo file failed to import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    await publish(s.village, { ...result.content, title: `【示例数据】${result.content.title}` }, { filename: s.file, format: s.format }, result.beneficiaryKeys);
    if (result.content.kind === 'contract' && s.village === KANGJIAPING) {
      for (const ledger of kangjiapingLedgers(result.content, now.toISOString().slice(0, 10))) await publish(KANGJIAPING, ledger, { filename: null, format: 'json' });
    }
  }
  const taken = new Set(FIELD_SAMPLES.map((s) => s.village));
  const generated = samplePublications(divisions.filter((d) => !taken.has(d.code)), {
    count: 36,
    seed: 20260800,
    today: now.toISOString().slice(0, 10),
  });
  for (const g of generated) await publish(g.village, g.content, { filename: null, format: 'json' });
  log(`示例数据 / sample publications: ${count}`);
  let matters = 0;
  for (const r of DEMO_REGISTERS) {
    if (!divisions.some((d) => d.code === r.village)) continue;
    const bytes = new Uint8Array(await readFile(new URL(r.file, demoDir)));
    const result = await importDecisionRegister({ bytes, format: r.format, village: r.village, filename: r.file, idMask: config.idMask, publicNumbers: config.publicPhones });
    if (!result.ok) throw new Error(`示例登记表 ${r.file} 导入失败 / demo register failed to import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    matters += (await store.recordDecisions(result.records, now.toISOString(), { sample: true })).matters.length;
  }
  log(`示例四议两公开事项 / sample 四议两公开 matters: ${matters}`);
  log(`示例汇总表 / sample summary tables: ${await seedDemoSummaries(store, config, divisions, now)}`);
  if (divisions.some((d) => d.code === KANGJIAPING)) {
    const story = await tellKangjiapingStory({ store, region: config.region, now, publicNumbers: config.publicPhones });
    log(`示例核对提示与巡察整改 / sample flags and rectification: 康家坪村 ${story.flags} flags, round ${story.round}`);
  }
  return count;
}
