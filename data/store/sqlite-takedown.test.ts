import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPublication } from '../new-publication.ts';
import type { PublicationContent } from '../publication.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import type { SearchQuery } from './store.ts';

// A takedown (personal data published by mistake) takes the version's rows out of search in the
// same transaction that records it: never a moment with the takedown recorded and the rows findable.

const VILLAGE = '430802108214';
const AT = '2026-08-01T02:00:00.000Z';
let dir: string;
let file: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-takedown-'));
  file = path.join(dir, 'cunwu.sqlite');
  store = await openSqliteStore(file);
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const query = (q: string): SearchQuery => ({ q, sort: 'relevance', page: 1, pageSize: 20 });
const found = async (q: string) => (await store.search(query(q))).hits.map((h) => h.publicationId);

describe('sqlite takedown and search', () => {
  it('takes the version out of search, and leaves other publications findable', async () => {
    await store.publish(version('pub-sub', subsidy('张三丰')));
    await store.publish(version('pub-fin', finance('办公用品采购')));
    expect(await found('张三丰')).toEqual(['pub-sub']);

    const outcome = await store.tombstone('pub-sub', '误公开了完整身份证号', AT);
    expect(outcome.kind).toBe('taken-down');
    expect(await found('张三丰')).toEqual([]);
    expect(await found('办公用品')).toEqual(['pub-fin']);
  });

  it('leaves search as it was when the takedown is refused', async () => {
    await store.publish(version('pub-sub', subsidy('张三丰')));
    await expect(store.tombstone('pub-sub', '  ', AT)).rejects.toThrow(/reason/);
    expect(await store.tombstone('pub-none', '不存在', AT)).toEqual({ kind: 'not-found', publicationId: 'pub-none' });
    expect(await found('张三丰')).toEqual(['pub-sub']);
    expect(await store.getTakedown('pub-sub')).toBeNull();
  });

  it('rolls the rows back into search when the takedown cannot be written', async () => {
    await store.publish(version('pub-sub', subsidy('张三丰')));
    // Another connection makes the takedown's insert fail inside the store's transaction.
    const raw = new Database(file);
    raw.exec("CREATE TRIGGER no_takedowns BEFORE INSERT ON takedowns BEGIN SELECT RAISE(ABORT, 'takedowns refused'); END;");
    raw.close();
    await expect(store.tombstone('pub-sub', '误公开', AT)).rejects.toThrow(/takedowns refused/);
    expect(await found('张三丰')).toEqual(['pub-sub']);
    expect(await store.logSize()).toBe(1);
  });
});

// ——— fixtures ———

function version(id: string, content: PublicationContent) {
  return newPublication({ id, village: VILLAGE, content, publishedAt: '2026-07-10T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
}

function subsidy(name: string): PublicationContent {
  const row = { row: 4, seq: '1', name, idNumber: '430802********7238', phone: null, bankCard: null, quantity: '3.70', unit: '亩', rate: null, rateText: null, amount: 39_072, datePaid: null, channel: null, remark: null };
  return { kind: 'subsidy', title: '2026年耕地地力保护补贴发放花名册', programme: '耕地地力保护补贴', period: '2026', rows: [row], totals: { amount: 39_072, quantity: '3.70', count: 1 }, notes: [] };
}

function finance(summary: string): PublicationContent {
  return {
    kind: 'finance',
    title: '2026年第三季度财务收支',
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 2, date: '2026-07-01', voucher: null, summary, account: null, income: 0, expense: 100_00, balance: null, remark: null }],
    totals: { income: 0, expense: 100_00, closingBalance: null },
    notes: [],
  };
}
