import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicationContent } from '../publication.ts';
import { FIXTURE_VILLAGE, fixtureVersion } from './contract-fixtures.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import type { SearchQuery } from './store.ts';

// Issue 10, point 6: a long version is indexed in steps between which the event loop runs, so a
// 99,000-row ledger does not hold the portal for seconds. What must hold anyway: when publish()
// resolves every row is searchable and the predecessor's rows are gone; at no moment is the
// series missing from search; work cut off by a stop is finished when the store opens again.

const STEP = 4;
const dirs: string[] = [];
const open: SqliteStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function storeOnFile(file?: string): Promise<{ store: SqliteStore; file: string }> {
  if (!file) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-search-queue-'));
    dirs.push(dir);
    file = path.join(dir, 'cunwu.sqlite');
  }
  const store = await openSqliteStore(file, { searchStepRows: STEP });
  open.push(store);
  return { store, file };
}

/** A ledger of `lines` rows whose summaries all carry `word` (a word no other version has). */
function ledger(word: string, lines: number): PublicationContent {
  const entries = Array.from({ length: lines }, (_, i) => ({
    row: i + 2,
    date: '2026-07-01',
    voucher: null,
    summary: `${word}第${i + 1}笔`,
    account: null,
    income: 0,
    expense: 100,
    balance: null,
    remark: null,
  }));
  return { kind: 'finance', title: '2026年第三季度财务公开', period: '2026-Q3', openingBalance: null, entries, totals: { income: 0, expense: 100 * lines, closingBalance: null }, notes: [] };
}

const query = (q: string): SearchQuery => ({ q, sort: 'date', page: 1, pageSize: 100, village: FIXTURE_VILLAGE });
const found = async (store: SqliteStore, word: string) => (await store.search(query(word))).total;

/** Calls `probe` on every turn of the event loop until `work` settles. */
async function whileRunning<T>(work: Promise<T>, probe: () => Promise<void>): Promise<T> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  while (!settled) {
    await probe();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return done;
}

describe('indexing a long version in steps', () => {
  it('lets other work run between steps, never leaves the series unsearchable, and is complete when publish resolves', async () => {
    const { store } = await storeOnFile();
    await store.publish(fixtureVersion('pub-1', ledger('旧账', 10)));
    expect(await found(store, '旧账')).toBe(10);

    const seen: Array<[number, number]> = [];
    const outcome = await whileRunning(store.publish(fixtureVersion('pub-2', ledger('新账', 30))), async () => {
      seen.push([await found(store, '新账'), await found(store, '旧账')]);
    });
    expect(outcome.kind).toBe('published');
    // The probe ran between steps and saw the new version arrive while the old one was still there.
    expect(seen.some(([added, old]) => added > 0 && added < 31 && old === 10)).toBe(true);
    expect(seen.every(([added, old]) => added + old > 0)).toBe(true);
    expect(await found(store, '新账')).toBe(30);
    expect(await found(store, '旧账')).toBe(0);
  });

  it('indexes a version of one step inside its own transaction, with no turn of the loop before it is searchable', async () => {
    const { store } = await storeOnFile();
    // search rows: the title's and one per line
    await store.publish(fixtureVersion('pub-1', ledger('旧账', STEP - 1)));
    let turned = false;
    setImmediate(() => (turned = true));
    await store.publish(fixtureVersion('pub-2', ledger('新账', STEP - 1)));
    expect(turned).toBe(false);
    expect(await found(store, '新账')).toBe(STEP - 1);
    expect(await found(store, '旧账')).toBe(0);
  });

  it('finishes work cut off by a stop when the store is opened again', async () => {
    const { store, file } = await storeOnFile();
    await store.publish(fixtureVersion('pub-1', ledger('旧账', 10)));
    const publishing = store.publish(fixtureVersion('pub-2', ledger('新账', 40)));
    await new Promise<void>((resolve) => setImmediate(resolve));
    await store.close();
    await publishing;
    // only the first steps had run (read without opening a store, which would finish them)
    const raw = new Database(file, { readonly: true });
    const indexed = raw.prepare("SELECT count(*) FROM search_rows WHERE publication_id = 'pub-2'").pluck().get() as number;
    raw.close();
    expect(indexed).toBeGreaterThan(0);
    expect(indexed).toBeLessThan(41);

    const reopened = (await storeOnFile(file)).store;
    expect(await found(reopened, '新账')).toBe(40);
    expect(await found(reopened, '旧账')).toBe(0);
  });

  it('stops adding the rows of a version taken down while it was indexed, and still takes its predecessor out', async () => {
    const { store } = await storeOnFile();
    await store.publish(fixtureVersion('pub-1', ledger('旧账', 10)));
    const publishing = store.publish(fixtureVersion('pub-2', ledger('新账', 40)));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect((await store.tombstone('pub-2', '误公开了个人信息', '2026-07-11T08:00:00.000Z')).kind).toBe('taken-down');
    await publishing;
    expect(await found(store, '新账')).toBe(0);
    expect(await found(store, '旧账')).toBe(0);
  });

  it('leaves only the newest version searchable when a third is stored while the second is indexed', async () => {
    const { store } = await storeOnFile();
    await store.publish(fixtureVersion('pub-1', ledger('甲账', 10)));
    const second = store.publish(fixtureVersion('pub-2', ledger('乙账', 40)));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const third = store.publish(fixtureVersion('pub-3', ledger('丙账', 20)));
    await Promise.all([second, third]);
    expect([await found(store, '甲账'), await found(store, '乙账'), await found(store, '丙账')]).toEqual([0, 0, 20]);
  });
});
