import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { newPublication } from '../new-publication.ts';
import type { FinanceContent } from '../publication.ts';
import { migrations, userVersion } from '../store/sqlite-migrations.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';

describe('SQLite search index (migrations 2 and 3)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-search-'));
    file = path.join(dir, 'cunwu.sqlite');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the current publications of a database created before search existed, not superseded ones', async () => {
    const raw = new Database(file);
    raw.exec(migrations[0]!.sql);
    raw.pragma('user_version = 1');
    insertRaw(raw, 'old-1', 1, null, ledger('初版台账', '收到土地流转租金'));
    insertRaw(raw, 'old-2', 2, 'old-1', ledger('更正台账', '收到土地流转租金'));
    raw.close();

    const store = await openSqliteStore(file);
    try {
      const page = await store.search({ q: '土地流转', sort: 'relevance', page: 1, pageSize: 10 });
      expect(page.hits.map((h) => [h.publicationId, h.row])).toEqual([['old-2', 3]]);
      expect((await store.search({ q: '初版', sort: 'relevance', page: 1, pageSize: 10 })).total).toBe(0);
    } finally {
      await store.close();
    }
    const check = new Database(file);
    expect(userVersion(check)).toBe(migrations.at(-1)!.version);
    check.close();
  });

  it('stores each bigram as one FTS5 token, so a three-character word does not match as one token', async () => {
    const store = await openSqliteStore(file);
    await store.publish(newPublication({ village: '430802108214', content: ledger('台账', '收到土地流转租金'), publishedAt: '2026-10-10T00:00:00.000Z', sample: false, source: { filename: null, format: 'json' }, id: 'p1' }));
    await store.close();
    const raw = new Database(file);
    try {
      const count = (match: string) => (raw.prepare('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?').get(match) as { n: number }).n;
      expect(count('"流转"')).toBe(1);
      expect(count('"土地流"')).toBe(0);
      expect(count('"386.5"')).toBe(1);
      expect(count('"386"')).toBe(0);
    } finally {
      raw.close();
    }
  });
});

function ledger(title: string, summary: string): FinanceContent {
  return {
    kind: 'finance',
    title,
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 3, date: '2026-07-03', voucher: null, summary, account: null, income: 386_50, expense: 0, balance: null, remark: null }],
    totals: { income: 386_50, expense: 0, closingBalance: null },
    notes: [],
  };
}

function insertRaw(db: Database.Database, id: string, version: number, supersedes: string | null, content: FinanceContent): void {
  db.prepare(
    `INSERT INTO publications (id, village, kind, period, subject, version, supersedes, published_at, recorded_at, sha256, sample,
       source_filename, source_format, content)
     VALUES (?, '430802108214', 'finance', '2026-Q3', '', ?, ?, '2026-10-10T00:00:00.000Z', '2026-10-10T00:00:00.000Z', ?, 0, NULL, 'json', ?)`,
  ).run(id, version, supersedes, 'a'.repeat(64), canonicalJson(content));
}
