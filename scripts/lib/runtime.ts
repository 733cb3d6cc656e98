import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultLogOrigin, type Config } from '../../data/config.ts';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import type { SourceFormat } from '../../data/import/import-result.ts';
import { verifierKey, type NoteSigner } from '../../data/log/signed-note.ts';
import type { PublicationContent, PublicationKind } from '../../data/publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { StoreLocator } from '../../data/store/open-store.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { readDivisions } from './china-division.ts';

/** The embedded store's file in a data folder. */
export function storeFile(config: Config): string {
  return join(config.dataDir, 'portal.sqlite');
}

/** How worker threads of a full build reach the store: one per core, each with its own connection. */
export function buildWorkers(config: Config): { count: number; store: StoreLocator } {
  return { count: availableParallelism(), store: { kind: 'sqlite', file: storeFile(config) } };
}

/** The embedded store of a data folder, opened and checked; the region loaded on first use. */
export async function openRuntimeStore(config: Config, log: (line: string) => void = () => {}): Promise<SqliteStore> {
  const store = await openSqliteStore(storeFile(config));
  const durability = await store.durability();
  if (durability.journalMode !== 'wal' || durability.synchronous !== 'full') {
    await store.close();
    throw new Error(`存储不是持久模式 / the store is not durable: journal_mode=${durability.journalMode}, synchronous=${durability.synchronous}`);
  }
  const existing = await store.listDivisions(config.region);
  if (existing.length === 0) {
    log(`载入行政区划 / loading divisions of region ${config.region} …`);
    const divisions = await readDivisions(config.region);
    if (divisions.length === 0) throw new Error(`区划代码 ${config.region} 下没有村 / no divisions found for PORTAL_REGION=${config.region}`);
    await store.replaceDivisions(divisions);
    log(`  ${divisions.filter((d) => d.level === 'village').length} 个村（社区） / villages`);
  }
  return store;
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const origin = config.logOrigin ?? defaultLogOrigin(config.baseUrl);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    text = `${JSON.stringify({ origin, privateKey: pem, verifierKey: verifierKey(origin, privateKey), createdAt: new Date().toISOString() }, null, 2)}\n`;
    await mkdir(config.dataDir, { recursive: true });
    // 'wx': if another process made the key a moment ago, use that one rather than overwrite it
    await writeFile(file, text, { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      text = await readFile(file, 'utf8');
    });
  }
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

const FIELD_SAMPLES: ReadonlyArray<{ file: string; village: string; kind: PublicationKind; format: SourceFormat }> = [
  { file: '430802108214-finance-2026Q3.csv', village: '430802108214', kind: 'finance', format: 'csv' },
  { file: '430802108214-subsidy-2026.csv', village: '430802108214', kind: 'subsidy', format: 'csv' },
  { file: '430821211227-project-2026.xlsx', village: '430821211227', kind: 'project', format: 'xlsx' },
];

/**
 * Loads the demo publications into an empty store: three files from the field, run through the
 * real importer, and generated ledgers for a few dozen villages. Every one is marked sample.
 */
export async function seedDemo(store: SqliteStore, config: Config, clock: () => Date, log: (line: string) => void = () => {}): Promise<number> {
  const stats = await store.publicationStats('');
  if (stats.size > 0) return 0;
  const divisions = await store.listDivisions(config.region);
  const now = clock();
  let count = 0;
  const publish = async (village: string, content: PublicationContent, source: { filename: string | null; format: SourceFormat }) => {
    await store.publish(newPublication({ village, content, publishedAt: new Date(now.getTime() + count).toISOString(), sample: true, source }));
    count += 1;
  };
  const demoDir = new URL('../../data/demo/files/', import.meta.url);
  for (const s of FIELD_SAMPLES) {
    if (!divisions.some((d) => d.code === s.village)) continue;
    const bytes = new Uint8Array(await readFile(new URL(s.file, demoDir)));
    const result = await importPublication({ bytes, format: s.format, kind: s.kind, filename: s.file, idMask: config.idMask });
    if (!result.ok) throw new Error(`示例文件 ${s.file} 导入失败 / demo file failed to import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    await publish(s.village, { ...result.content, title: `【示例数据】${result.content.title}` }, { filename: s.file, format: s.format });
  }
  const taken = new Set(FIELD_SAMPLES.map((s) => s.village));
  const generated = samplePublications(divisions.filter((d) => !taken.has(d.code)), {
    count: 36,
    seed: 20260800,
    today: now.toISOString().slice(0, 10),
  });
  for (const g of generated) await publish(g.village, g.content, { filename: null, format: 'json' });
  log(`示例数据 / sample publications: ${count}`);
  return count;
}
