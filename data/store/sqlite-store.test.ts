import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicationDigest } from '../publication-digest.ts';
import type { FinanceContent } from '../publication.ts';
import { migrate, migrations, userVersion } from './sqlite-migrations.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import { describeStoreContract } from './store-contract.ts';
import type { NewPublication } from './store.ts';

describeStoreContract('sqlite', async (options) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-store-'));
  const store = await openSqliteStore(path.join(dir, 'cunwu.sqlite'), options ?? {});
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store', () => {
  let dir: string;
  let file: string;
  const open: SqliteStore[] = [];
  const openStore = async (options?: Parameters<typeof openSqliteStore>[1]) => {
    const store = await openSqliteStore(file, options);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-sqlite-'));
    file = path.join(dir, 'nested', 'data', 'cunwu.sqlite');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent folder and reports WAL journaling with FULL sync', async () => {
    const store = await openStore();
    expect(fs.existsSync(file)).toBe(true);
    expect(await store.durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
  });

  it('numbers migrations 1..n so user_version tracks them', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('keeps data across a reopen without re-running migrations', async () => {
    const first = await openStore();
    await first.publish(financePublication('pub-1', 'v1'));
    await first.close();

    const raw = new Database(file);
    try {
      expect(userVersion(raw)).toBe(migrations.length);
      expect(migrate(raw)).toEqual([]);
    } finally {
      raw.close();
    }

    const reopened = await openStore();
    expect((await reopened.getPublication('pub-1'))?.content.title).toBe('v1');
    const second = await reopened.publish(financePublication('pub-2', 'v2'));
    expect(second.publication).toMatchObject({ version: 2, supersedes: 'pub-1' });
  });

  it('lets a second connection see a publication written by the first', async () => {
    const writer = await openStore();
    const reader = await openStore();
    expect(await reader.getPublication('pub-1')).toBeNull();
    await writer.publish(financePublication('pub-1', 'v1'));
    expect((await reader.currentPublications('430802108214')).map((p) => p.id)).toEqual(['pub-1']);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });

  it('serialises versions across two connections writing one series', async () => {
    const a = await openStore();
    const b = await openStore();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).publish(financePublication(`pub-${i}`, `v${i}`))),
    );
    expect(outcomes.map((o) => o.publication.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses UPDATE and DELETE of publications at the database level', async () => {
    const store = await openStore();
    await store.publish(financePublication('pub-1', 'v1'));
    await store.close();

    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE publications SET content = '{}' WHERE id = 'pub-1'").run()).toThrow(/append-only/);
      expect(() => raw.prepare("DELETE FROM publications WHERE id = 'pub-1'").run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('records the store clock next to the publication time', async () => {
    const store = await openStore({ clock: () => new Date('2026-07-10T08:00:05.000Z') });
    await store.publish(financePublication('pub-1', 'v1'), { scope: 's', key: 'k', requestHash: 'h' });
    await store.close();

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare("SELECT recorded_at FROM publications WHERE id = 'pub-1'").pluck().get()).toBe('2026-07-10T08:00:05.000Z');
      expect(raw.prepare("SELECT created_at FROM idempotency WHERE key = 'k'").pluck().get()).toBe('2026-07-10T08:00:05.000Z');
    } finally {
      raw.close();
    }
  });

  it('stores content as canonical JSON text', async () => {
    const store = await openStore();
    const input = financePublication('pub-1', 'v1');
    await store.publish(input);
    await store.close();

    const raw = new Database(file, { readonly: true });
    try {
      const text = raw.prepare("SELECT content FROM publications WHERE id = 'pub-1'").pluck().get() as string;
      expect(text.startsWith('{"entries":[')).toBe(true);
      expect(JSON.parse(text)).toEqual(input.content);
    } finally {
      raw.close();
    }
  });

  it('rejects a publication whose series key disagrees with its content', async () => {
    const store = await openStore();
    const input = financePublication('pub-1', 'v1');
    await expect(store.publish({ ...input, period: '2026-Q4' })).rejects.toThrow(/does not match its content/);
    expect(await store.getPublication('pub-1')).toBeNull();
  });

  it('rejects a different photo stored under an existing id, leaving no partial version', async () => {
    const store = await openStore();
    const photo = (fill: number) => ({ id: 'photo0001', large: new Uint8Array(16).fill(fill), small: new Uint8Array(4).fill(fill) });
    await store.publish({ ...financePublication('pub-1', 'v1'), photos: [photo(1)] });
    await expect(store.publish({ ...financePublication('pub-2', 'v2'), photos: [photo(2)] })).rejects.toThrow(/different bytes/);
    expect(await store.getPublication('pub-2')).toBeNull();
    expect(await store.getPhoto('photo0001', 'large')).toEqual(new Uint8Array(16).fill(1));
  });

  it('replaces 50,000 divisions in one transaction', async () => {
    const store = await openStore();
    const divisions = Array.from({ length: 50_000 }, (_, i) => ({
      code: `430802${String(i).padStart(6, '0')}`,
      level: 'village' as const,
      name: `村${i}`,
      officialName: `村${i}村委会`,
      parent: null,
    }));
    await store.replaceDivisions(divisions);
    expect((await store.listDivisions('430802')).length).toBe(50_000);
    expect(await store.getDivision('430802049999')).toEqual(divisions[49_999]);
    await store.replaceDivisions(divisions.slice(0, 10));
    expect((await store.listDivisions('')).length).toBe(10);
  });
});

function financePublication(id: string, title: string): NewPublication {
  const content: FinanceContent = {
    kind: 'finance',
    title,
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 2, date: '2026-07-01', voucher: null, summary: '办公用品', account: null, income: 0, expense: 12_50, balance: null, remark: null }],
    totals: { income: 0, expense: 12_50, closingBalance: null },
    notes: [],
  };
  const series = { village: '430802108214', kind: 'finance' as const, period: '2026-Q3', subject: '' };
  return {
    id,
    ...series,
    publishedAt: '2026-07-10T08:00:00.000Z',
    sample: true,
    source: { filename: null, format: 'json' },
    content,
    photos: [],
    sha256: publicationDigest({ ...series, content }),
  };
}
