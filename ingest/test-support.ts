import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../data/complaints/deadlines.ts';
import type { Config } from '../data/config.ts';
import type { Publication } from '../data/publication.ts';
import type { Division } from '../data/region.ts';
import { createPgStore } from '../data/store/pg/pg-store.ts';
import type { PortalStore } from '../data/store/portal-store.ts';
import { openSqliteStore } from '../data/store/sqlite-store.ts';
import { apiTestStore } from '../test/support/environment.ts';
import { pgliteBackend, pgServerBackend } from '../test/support/pg-backends.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { createFlagRunner } from '../data/flags/flag-runner.ts';
import { createApp } from './app.ts';

/**
 * Shared set-up for the ingest tests: a real store and a few tokens — SQLite in a temp folder, or
 * (the `api-pglite` and `api-postgres` projects of vitest.config.ts, issue 14) PostgreSQL
 * in-process through PGlite or the server at PORTAL_TEST_DATABASE_URL, one migrated schema per
 * file emptied for each test.
 */

export const MATOUXI = '430802108214';
export const WANGJIAPING_VILLAGE = '430802108201';
export const LONGGANG = '430821211227';
export const KANGJIAPING = '430821212212';
export const SHUANGXING = '430821212207';
export const GAOFENG = '430821212';

export const DIVISIONS: Division[] = [
  { code: '43', level: 'province', name: '湖南省', officialName: '湖南省', parent: null },
  { code: '4308', level: 'prefecture', name: '张家界市', officialName: '张家界市', parent: '43' },
  { code: '430802', level: 'county', name: '永定区', officialName: '永定区', parent: '4308' },
  { code: '430802108', level: 'township', name: '王家坪镇', officialName: '王家坪镇', parent: '430802' },
  { code: MATOUXI, level: 'village', name: '马头溪村', officialName: '马头溪村委会', parent: '430802108' },
  { code: WANGJIAPING_VILLAGE, level: 'village', name: '王家坪村', officialName: '王家坪村委会', parent: '430802108' },
  { code: '430821', level: 'county', name: '慈利县', officialName: '慈利县', parent: '4308' },
  { code: '430821211', level: 'township', name: '三官寺土家族乡', officialName: '三官寺土家族乡', parent: '430821' },
  { code: LONGGANG, level: 'village', name: '龙岗村', officialName: '龙岗村委会', parent: '430821211' },
  { code: GAOFENG, level: 'township', name: '高峰土家族乡', officialName: '高峰土家族乡', parent: '430821' },
  { code: SHUANGXING, level: 'village', name: '双星村', officialName: '双星村委会', parent: GAOFENG },
  { code: KANGJIAPING, level: 'village', name: '康家坪村', officialName: '康家坪村', parent: GAOFENG },
];

export const FIXTURES = {
  finance: fixture('430802108214-马头溪村-2026Q3-财务收支明细.csv'),
  subsidy: fixture('430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv'),
  project: fixture('430821211227-龙岗村-2026年工程项目公示.xlsx'),
  contract: fixture('430821212212-康家坪村-集体资产资源合同台账.csv'),
};
export const FIXTURE_NAMES = {
  finance: '430802108214-马头溪村-2026Q3-财务收支明细.csv',
  subsidy: '430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv',
  project: '430821211227-龙岗村-2026年工程项目公示.xlsx',
  contract: '430821212212-康家坪村-集体资产资源合同台账.csv',
};

/** The beneficiary-fingerprint key of the test apps that make fingerprints. */
export const TEST_BENEFICIARY_KEY = new Uint8Array(32).fill(7);
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface TestApp {
  app: Hono;
  store: PortalStore;
  config: Config;
  /** bearer tokens in clear text, by scope */
  tokens: { matouxi: string; longgang: string; township: string; county: string; region: string };
  published: Publication[];
  /** what afterFlags was told, call by call (with `flags: true`) */
  flagChanges: string[][];
  /** villages whose 四议两公开 entries were recorded, one per call of afterDecisions */
  decisionChanges: string[];
  /** codes whose settings were saved, one per call of afterSettings */
  settingsChanges: string[];
  /** scopes whose power list was published, one per call of afterCatalogue */
  catalogueChanges: string[];
  /** scopes that published a summary table, one per call of afterSummary */
  summaryChanges: string[];
  /** what afterRectification was told: the round and its villages */
  roundChanges: Array<{ round: string; villages: string[] }>;
  /** a token for any scope, made on demand */
  token: (scope: string) => Promise<string>;
  /** another connection to the same store, as a second portal process has (closed by cleanup) */
  connect: () => Promise<PortalStore>;
  /** makes every later call of the store fail, as a database gone away does */
  breakStore: () => Promise<void>;
  /**
   * Everything the store keeps, to scan for what must never be stored: SQLite's files as they are
   * on disk after close (free pages too); on PostgreSQL every row of every table as text. The app
   * is closed after it.
   */
  everythingStored: () => Promise<Buffer>;
  cleanup: () => Promise<void>;
}

export interface TestAppOptions {
  afterPublish?: (p: Publication) => Promise<void>;
  /** run the red-flag rules after each publication, with fingerprints of beneficiaries (TEST_BENEFICIARY_KEY) */
  flags?: boolean;
  /** the app's clock; one second later on each call from 2026-10-12 08:00 UTC by default */
  clock?: () => Date;
}

const pgBackend = apiTestStore === 'pglite' ? pgliteBackend() : apiTestStore === 'postgres' ? pgServerBackend() : null;

export async function testApp(overrides: Partial<Config> & TestAppOptions = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'cunwu-ingest-'));
  const pg = pgBackend ? await pgBackend.open() : null;
  const real: PortalStore = pg ? createPgStore(pg.client) : await openSqliteStore(join(dir, 'portal.sqlite'));
  // A closed SQLite store fails every call; a store on a shared PGlite is not closed with it, so
  // there breakStore turns this switch instead.
  let broken = false;
  const store = !pg
    ? real
    : new Proxy(real, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (!broken || typeof value !== 'function') return value;
          return () => Promise.reject(new Error('store unavailable'));
        },
      });
  await store.replaceDivisions(DIVISIONS);
  const { afterPublish, flags, clock: givenClock, ...configOverrides } = overrides;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    databaseUrl: null,
    region: '4308',
    baseUrl: 'https://cunwu.example.cn',
    idMask: { keepStart: 6, keepEnd: 4 },
    bodyLimitBytes: 1024 * 1024,
    maxPhotoPixels: 40_000_000,
    demo: false,
    supervisionPhones: [{ label: '纪检监察举报电话', number: '12388' }],
    publicPhones: ['12388'],
    complaints: {
      categories: [...DEFAULT_COMPLAINT_CATEGORIES],
      deadlines: { ...DEFAULT_DEADLINES },
      perHour: 1_000,
      lookupsPerMinute: 1_000,
    },
    trustedProxies: [],
    ...configOverrides,
  };
  const token = async (scope: string) => {
    const clear = generateToken();
    await store.createToken({ id: newTokenId(), hash: hashToken(clear), scope, name: `test ${scope}`, createdAt: '2026-10-01T00:00:00.000Z' });
    return clear;
  };
  const tokens = {
    matouxi: await token(MATOUXI),
    longgang: await token(LONGGANG),
    township: await token('430802108'),
    county: await token('430821'),
    region: await token('4308'),
  };
  const published: Publication[] = [];
  const flagChanges: string[][] = [];
  const decisionChanges: string[] = [];
  const settingsChanges: string[] = [];
  const catalogueChanges: string[] = [];
  const summaryChanges: string[] = [];
  const roundChanges: Array<{ round: string; villages: string[] }> = [];
  const others: PortalStore[] = [];
  let tick = 0;
  // Each call one second later, so "newest first" has a real order to check.
  const clock = givenClock ?? (() => new Date(Date.UTC(2026, 9, 12, 8, 0, tick++)));
  const app = createApp({
    store,
    config,
    clock,
    afterPublish: async (p) => {
      published.push(p);
      await afterPublish?.(p);
    },
    ...(flags ? { flagRunner: createFlagRunner({ store, clock, region: config.region }), beneficiaryKey: TEST_BENEFICIARY_KEY } : {}),
    afterFlags: (villages) => flagChanges.push(villages),
    afterDecisions: (village) => decisionChanges.push(village),
    afterSettings: (code) => settingsChanges.push(code),
    afterCatalogue: (scope) => catalogueChanges.push(scope),
    afterSummary: (scope) => summaryChanges.push(scope),
    afterRectification: (round, villages) => roundChanges.push({ round, villages }),
  });
  return {
    app,
    store,
    config,
    tokens,
    published,
    flagChanges,
    decisionChanges,
    settingsChanges,
    catalogueChanges,
    summaryChanges,
    roundChanges,
    token,
    connect: async () => {
      const other = pg ? createPgStore(await pg.connect()) : await openSqliteStore(join(dir, 'portal.sqlite'));
      others.push(other);
      return other;
    },
    breakStore: async () => {
      if (pg) broken = true;
      else await real.close();
    },
    everythingStored: async () => {
      if (pg) {
        const tables = await pg.client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
        const parts: string[] = [];
        for (const { tablename } of tables) {
          const [row] = await pg.client.query<{ rows: string | null }>(`SELECT string_agg(t::text, E'\\n') AS rows FROM "${tablename}" t`);
          parts.push(row?.rows ?? '');
        }
        await real.close();
        return Buffer.from(parts.join('\n'));
      }
      await real.close(); // everything on disk, nothing only in memory
      const files = ['portal.sqlite', 'portal.sqlite-wal', 'portal.sqlite-shm'].map((f) => join(dir, f)).filter(existsSync);
      return Buffer.concat(files.map((f) => readFileSync(f)));
    },
    cleanup: async () => {
      for (const other of others.splice(0)) await other.close();
      await real.close();
      await pg?.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A raw upload: the file is the body, parameters in the query. */
export function postRaw(t: TestApp, village: string, query: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string>): Promise<Response> {
  return Promise.resolve(t.app.request(`/api/v1/villages/${village}/publications?${query}`, { method: 'POST', body, headers }));
}

/** A multipart upload: `file` plus form fields and any extra file fields (photos). */
export function postForm(
  t: TestApp,
  village: string,
  fields: Record<string, string>,
  file: { bytes: Uint8Array; name: string; type: string } | null,
  headers: Record<string, string>,
  extraFiles: { field: string; bytes: Uint8Array; name: string; type: string }[] = [],
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  for (const f of extraFiles) form.append(f.field, new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type }));
  return Promise.resolve(t.app.request(`/api/v1/villages/${village}/publications`, { method: 'POST', body: form, headers }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper reading arbitrary JSON
export async function json(res: Response): Promise<any> {
  const text = await res.text();
  return JSON.parse(text);
}

function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url)));
}
