import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgBackends, type PgTestDatabase } from '../../../test/support/pg-backends.ts';
import { readDivisions } from '../../../scripts/lib/china-division.ts';
import { samplePublications } from '../../demo/sample-publications.ts';
import { importPublication } from '../../import/import-publication.ts';
import { newPublication } from '../../new-publication.ts';
import type { FinanceContent, PublicationContent } from '../../publication.ts';
import type { Division } from '../../region.ts';
import { RELEVANCE_SET } from '../../search/relevance-set.ts';
import { fixtureFinance, fixtureVersion } from '../contract-fixtures.ts';
import { openSqliteOnFile } from '../sqlite-on-file.ts';
import { openSqliteStore, type SqliteStore } from '../sqlite-store.ts';
import type { NewPublication, SearchPage, SearchQuery } from '../store.ts';
import type { PgClient } from './client.ts';
import { migratePg } from './migrations.ts';
import { createPgRegions } from './regions.ts';
import { createPgSearch } from './search.ts';
import type { PgSearch } from './search-port.ts';

// Search on PostgreSQL must answer as the SQLite index does. The same divisions and publications
// — the demo generator's over the real divisions of 张家界市, the field samples of test/fixtures
// through the importer, corrections and a takedown — go into a SQLite store and into PostgreSQL,
// and every query below must give the same page (hits, order, scores, totals, facets) from both.

const WINDOW = 5;

const 马头溪村 = '430802108214';
const 龙岗村 = '430821211227';
const 木纳里村 = '430802006211';
const RENAMED_TOWNSHIP = '430821209'; // 岔溪村's township

/** What a case is for: it must find rows, find none, or be a partial-match fallback. */
type Expect = 'hits' | 'none' | 'fallback';
type Case = [name: string, query: SearchQuery, expect: Expect];

const q = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ q: text, sort: 'relevance', page: 1, pageSize: 20, ...extra });

const CASES: Case[] = [
  ['a ledger word', q('转移支付'), 'hits'],
  ['a broad token', q('2026'), 'hits'],
  ['a broad token, page 3 of 7', q('2026', { page: 3, pageSize: 7 }), 'hits'],
  ['a broad token past its last page', q('2026', { page: 400, pageSize: 100 }), 'hits'],
  ['by date', q('2026', { sort: 'date' }), 'hits'],
  ['by date, page 2', q('补贴', { sort: 'date', page: 2, pageSize: 10 }), 'hits'],
  ['a county', q('2026', { county: '430821' }), 'hits'],
  ['a township', q('2026', { township: '430802108' }), 'hits'],
  ['a village and kind', q('2026', { village: 马头溪村, kind: 'subsidy' }), 'hits'],
  ['contracts', q('2026', { kind: 'contract' }), 'hits'],
  ['works', q('工程', { kind: 'project', sort: 'date' }), 'hits'],
  ['whole months', q('补贴', { from: '2026-06-01', to: '2026-09-30' }), 'hits'],
  ['days', q('2026', { from: '2026-07-15', to: '2026-08-10' }), 'hits'],
  ['from only', q('2026', { from: '2026-08-01' }), 'hits'],
  ['to only', q('2026', { to: '2026-06-30', sort: 'date' }), 'hits'],
  ['days that are no month', q('2026', { from: '2026-09-02', to: '2026-09-03' }), 'hits'],
  ['a minimum amount', q('2026', { min: 1_000_000 }), 'hits'],
  ['an amount range', q('2026', { min: 10_000, max: 100_000, sort: 'date' }), 'hits'],
  ['every filter', q('2026', { county: '430802', kind: 'finance', from: '2026-07-01', to: '2026-09-30', min: 1 }), 'hits'],
  ['an amount as typed', q('20,150.00'), 'hits'],
  ['the same amount typed otherwise', q('￥20150元'), 'hits'],
  ['one character at the end of words', q('费'), 'hits'],
  ['one character, everywhere', q('村', { pageSize: 50 }), 'hits'],
  ['a place name', q('马头溪村'), 'hits'],
  ['a county name and a word', q('永定区 补贴'), 'hits'],
  ['a contract number', q('KJP-2019-001'), 'hits'],
  ['a mistyped character', q('上级转移支附'), 'fallback'],
  ['a missing character', q('上级转支付'), 'fallback'],
  ['tokens no row has together', q('张三 2026 转移'), 'fallback'],
  ['a fallback, page 2', q('耕地 补贴 龙岗 合同 挖掘机', { page: 2, pageSize: 3 }), 'fallback'],
  ['a fallback sorted by date (relevance wins)', q('上级转移支附', { sort: 'date' }), 'fallback'],
  ['a fallback in a county', q('王家坪 办公用品 挖掘机', { county: '430802' }), 'fallback'],
  // the partial-match ladder's alternatives (every word but one, any word) with filters and the
  // ranked rows' rest on a later page: PostgreSQL ORs them as separate conditions (WordMatch)
  ['every word but one, in a kind', q('转移支付 办公用品 挖掘机 马头溪', { kind: 'finance' }), 'fallback'],
  ['any word, page 2', q('挖掘机 张三 办公用品 龙岗 第二版', { page: 2, pageSize: 5 }), 'fallback'],
  ['any word, in a half year', q('挖掘机 办公用品 耕地 张三', { from: '2026-01-01', to: '2026-06-30' }), 'fallback'],
  ['any word, by amount', q('挖掘机 办公用品 耕地 张三', { min: 100000 }), 'fallback'],
  ['nothing like it', q('鑫鑫鑫'), 'none'],
  ['several tokens, none present', q('zzqx 鑫鑫'), 'none'],
  ['no words: browsing, newest first', q(' ，。 '), 'hits'],
  ['browsing a county', q('', { county: '430821', pageSize: 50 }), 'hits'],
  ['browsing a village and kind by amount', q('', { village: 马头溪村, kind: 'finance', sort: 'amount' }), 'hits'],
  ['browsing months and amounts', q('', { from: '2026-07-01', to: '2026-09-30', min: 100_000 }), 'hits'],
  ['browsing a filter that leaves nothing', q('', { village: '430802108215' }), 'none'],
  ['by amount', q('补贴', { sort: 'amount' }), 'hits'],
  ['by amount, page 2', q('2026', { sort: 'amount', page: 2, pageSize: 3 }), 'hits'],
  ['a filter that leaves nothing', q('2026', { village: '430802108215' }), 'none'],
  ["the superseded versions' titles", q('初版'), 'none'],
  ["the superseded versions' titles, mistyped", q('第二版 初版 标题'), 'fallback'],
  ["the correction's title", q('更正标题'), 'hits'],
  ['the taken-down list', q('下架'), 'none'],
  ...RELEVANCE_SET.map((c): Case => [`relevance set: ${c.query}`, q(c.query, { pageSize: Math.max(c.top ?? 10, 10) }), c.fallback ? 'fallback' : 'hits']),
];

const EXPORTS: Array<[name: string, query: Omit<SearchQuery, 'page' | 'pageSize'>, limit: number]> = [
  ['everything by relevance, in batches', { q: '2026', sort: 'relevance' }, 5000],
  ['everything by date', { q: '2026', sort: 'date' }, 1500],
  ['the first three', { q: '2026', sort: 'relevance' }, 3],
  ['a fallback', { q: '张三 2026 转移', sort: 'relevance' }, 100],
  ['filtered', { q: '补贴', sort: 'date', county: '430822', from: '2026-01-01' }, 100],
  ['by amount', { q: '补贴', sort: 'amount' }, 100],
  ['browsing a county', { q: '', sort: 'relevance', county: '430821' }, 200],
];

/** Queries run on stores whose rank window is WINDOW, pages of 2. */
const WINDOWED: Case[] = (['relevance', 'date', 'amount'] as const).flatMap((sort) => [1, 2, 3, 40].map((page): Case => [`${sort} page ${page}`, q('2026', { sort, page, pageSize: 2 }), 'hits']));
WINDOWED.push(['narrowed to fit', q('2026', { village: 龙岗村, kind: 'project' }), 'hits'], ['a fallback', q('上级转移支附', { pageSize: 2 }), 'fallback']);

/** After the rename: the new and old names, and queries whose scores depend on the re-counted totals. */
const RENAMED: Case[] = [
  ['the new village name', q('马溪新村'), 'hits'],
  ['the old village name, still in the texts of its files', q('马头溪', { pageSize: 50 }), 'hits'],
  ['the old township name, now only in titles', q('杨柳铺'), 'hits'],
  ['the new township name', q('岔溪新镇 2026'), 'hits'],
  ['the new name with filters', q('马溪新村', { kind: 'subsidy', from: '2026-06-01', to: '2026-06-30' }), 'hits'],
  ['a ledger word', q('转移支付'), 'hits'],
  ['a broad token', q('2026', { pageSize: 50 }), 'hits'],
  ['a place name elsewhere', q('永定区 补贴'), 'hits'],
];

/** The corpus, built once: the same inputs go into every store. */
interface Corpus {
  divisions: Division[];
  renamed: Division[];
  versions: NewPublication[];
  takedown: string;
}

async function buildCorpus(): Promise<Corpus> {
  const divisions = await readDivisions('4308');
  const versions: NewPublication[] = [];
  const add = (i: string, village: string, content: PublicationContent, publishedAt: string, sample = true) =>
    versions.push(newPublication({ id: `pub-${i}`, village, content, publishedAt, sample, source: { filename: null, format: 'json' } }));
  // two quarters of ledgers (and a year of lists) for 40 villages, published on different days
  for (const [i, p] of samplePublications(divisions, { count: 40, seed: 7, today: '2026-11-25' }).entries()) add(`q3-${i}`, p.village, p.content, '2026-10-10T08:00:00.000Z');
  for (const [i, p] of samplePublications(divisions, { count: 40, seed: 7, today: '2026-08-15' }).entries()) {
    if (p.content.kind === 'finance') add(`q2-${i}`, p.village, p.content, '2026-07-10T08:00:00.000Z');
  }
  const fixtures = [
    { file: '430802108214-马头溪村-2026Q3-财务收支明细.csv', village: 马头溪村, kind: 'finance', format: 'csv' },
    { file: '430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv', village: 马头溪村, kind: 'subsidy', format: 'csv' },
    { file: '430821211227-龙岗村-2026年工程项目公示.xlsx', village: 龙岗村, kind: 'project', format: 'xlsx' },
    { file: '430821212212-康家坪村-集体资产资源合同台账.csv', village: '430821212212', kind: 'contract', format: 'csv' },
  ] as const;
  for (const [i, f] of fixtures.entries()) {
    const bytes = readFileSync(new URL(`../../../test/fixtures/${f.file}`, import.meta.url));
    const result = await importPublication({ bytes, format: f.format, kind: f.kind, filename: f.file, idMask: { keepStart: 6, keepEnd: 4 } });
    if (!result.ok) throw new Error(`fixture ${f.file} does not import: ${JSON.stringify(result.errors[0])}`);
    add(`field-${i}`, f.village, result.content, '2026-10-12T08:00:00.000Z', false);
  }
  // a ledger corrected twice (each version supersedes the one before), a list taken down
  const ledger = fixtureFinance('木纳里村2026年第三季度初版标题', 12_345);
  add('fix-v1', 木纳里村, ledger, '2026-10-13T08:00:00.000Z', false);
  add('fix-v2', 木纳里村, { ...ledger, title: '木纳里村2026年第三季度第二版' } as FinanceContent, '2026-10-14T08:00:00.000Z', false);
  add('fix-v3', 木纳里村, { ...ledger, title: '木纳里村2026年第三季度更正标题', notes: ['更正了办公用品的金额'] } as FinanceContent, '2026-10-15T08:00:00.000Z', false);
  const list = samplePublications(divisions, { count: 40, seed: 7, today: '2026-11-25' }).find((p) => p.content.kind === 'subsidy');
  if (!list || list.content.kind !== 'subsidy') throw new Error('the demo has no subsidy list');
  add('takedown', list.village, { ...list.content, title: '下架名册', period: '2025' }, '2026-10-16T08:00:00.000Z');
  const renamed = divisions.map((d) => (d.code === 马头溪村 ? { ...d, name: '马溪新村' } : d.code === RENAMED_TOWNSHIP ? { ...d, name: '岔溪新镇' } : d));
  return { divisions, renamed, versions, takedown: 'pub-takedown' };
}

/** The villages whose place names changed between two division lists (as the SQLite store works them out). */
function changedVillages(before: Division[], after: Division[], villages: Iterable<string>): string[] {
  const names = new Map(before.map((d) => [d.code, d.name]));
  const changed = new Set(after.filter((d) => names.get(d.code) !== d.name).map((d) => d.code));
  return [...new Set(villages)].filter((v) => changed.has(v) || changed.has(v.slice(0, 9)) || changed.has(v.slice(0, 6)));
}

let corpus: Corpus;
beforeAll(async () => {
  corpus = await buildCorpus();
});

for (const backend of pgBackends()) {
  describe(`PostgreSQL search on ${backend.name}`, () => {
    let sqlite: Awaited<ReturnType<typeof openSqliteOnFile>>;
    let windowed: SqliteStore;
    let db: PgTestDatabase;
    let search: PgSearch;
    let windowedPg: PgSearch;

    beforeAll(async () => {
      sqlite = await openSqliteOnFile('cunwu-pg-search-');
      windowed = await openSqliteStore(sqlite.file, { searchWindow: WINDOW });
      db = await backend.open();
      await migratePg(db.client);
      search = createPgSearch(db.client);
      windowedPg = createPgSearch(db.client, { window: WINDOW });

      await sqlite.store.replaceDivisions(corpus.divisions);
      await createPgRegions(db.client).replaceDivisions(corpus.divisions);
      for (const version of corpus.versions) {
        const outcome = await sqlite.store.publish(version);
        if (outcome.kind !== 'published') throw new Error(`${version.id} was not published`);
        const { publication } = outcome;
        await db.client.transaction((tx) => search.indexVersion(tx, publication, publication.supersedes));
      }
      expect((await sqlite.store.getPublication('pub-fix-v3'))?.supersedes).toBe('pub-fix-v2');
      await sqlite.store.tombstone(corpus.takedown, '误公开 / published by mistake', '2026-10-17T08:00:00.000Z');
      await db.client.transaction((tx) => search.removePublication(tx, corpus.takedown));
    });
    afterAll(async () => {
      await windowed?.close();
      await sqlite?.cleanup();
      await db?.cleanup();
    });

    it.each(CASES)('search: %s', async (_name, query, expected) => {
      await expectSamePage(await sqlite.store.search(query), await search.search(query), expected);
    });

    it.each(EXPORTS)('searchHits: %s', async (_name, query, limit) => {
      const want = await sqlite.store.searchHits(query, limit);
      expect(want.length).toBeGreaterThan(0);
      expect(await search.searchHits(query, limit)).toEqual(want);
    });

    it('exports more hits than one batch', async () => {
      expect((await sqlite.store.searchHits({ q: '2026', sort: 'relevance' }, 5000)).length).toBeGreaterThan(1000);
    });

    it.each(WINDOWED)('search with a rank window of 5: %s', async (_name, query, expected) => {
      const want = await windowed.search(query);
      await expectSamePage(want, await windowedPg.search(query), expected);
      if (query.page === 1 && query.village === undefined) expect(want.window).toBe(WINDOW);
    });

    describe('after a village and a township are renamed', () => {
      let oldName = 0;
      beforeAll(async () => {
        oldName = (await search.search(q('杨柳铺'))).total;
        const indexed = corpus.versions.filter((v) => v.id !== corpus.takedown).map((v) => v.village);
        const villages = changedVillages(corpus.divisions, corpus.renamed, indexed);
        expect(villages.length).toBeGreaterThan(1);
        await sqlite.store.replaceDivisions(corpus.renamed);
        await createPgRegions(db.client).replaceDivisions(corpus.renamed);
        await db.client.transaction((tx) => search.refreshPlaces(tx, villages));
      });

      it.each(RENAMED)('search: %s', async (_name, query, expected) => {
        await expectSamePage(await sqlite.store.search(query), await search.search(query), expected);
      });

      it('keeps every lexeme count equal to the rows after indexing, corrections, a takedown and a rename', async () => {
        await expectCountsOfRows(db.client);
      });

      it("no longer finds every row of the township's villages by its old name", async () => {
        const now = (await search.search(q('杨柳铺'))).total;
        expect(now).toBeGreaterThan(0);
        expect(oldName).toBeGreaterThan(now * 5);
      });
    });
  });

  describe(`PostgreSQL search writes on ${backend.name}`, () => {
    let db: PgTestDatabase;
    let search: PgSearch;
    const index = (client: PgClient, v: NewPublication, supersedes: string | null = null) => client.transaction((tx) => search.indexVersion(tx, v, supersedes));
    const found = async (text: string, extra: Partial<SearchQuery> = {}) => (await search.search(q(text, extra))).hits.map((h) => `${h.publicationId}#${h.row}`);
    const tables = async () => ({
      rows: await db.client.query('SELECT id, publication_id FROM search_rows ORDER BY id'),
      counties: await db.client.query('SELECT * FROM search_counties ORDER BY slot'),
      totals: await db.client.query('SELECT rows, tokens FROM search_totals'),
    });

    beforeAll(async () => {
      db = await backend.open();
      await migratePg(db.client);
      search = createPgSearch(db.client);
    });
    afterAll(async () => {
      await db?.cleanup();
    });

    it("takes a superseded version's rows out in the transaction that indexes its successor, or neither happens", async () => {
      await index(db.client, fixtureVersion('w-v1', fixtureFinance('第一版标题', 100_00)));
      const before = await tables();
      const v2 = fixtureVersion('w-v2', fixtureFinance('第二版标题', 120_00));
      const inside = await db.client
        .transaction(async (tx) => {
          await search.indexVersion(tx, v2, 'w-v1');
          const seen = await tx.query<{ publication_id: string }>('SELECT DISTINCT publication_id FROM search_rows');
          throw Object.assign(new Error('rolled back'), { seen: seen.map((r) => r.publication_id) });
        })
        .catch((error: { seen?: string[] }) => error.seen);
      expect(inside).toEqual(['w-v2']);
      expect(await tables()).toEqual(before);
      expect(await found('第一版')).toEqual(['w-v1#0']);
      expect(await found('第二版')).toEqual([]);

      await index(db.client, v2, 'w-v1');
      expect(await found('第一版')).toEqual([]);
      expect(await found('第二版')).toEqual(['w-v2#0']);
    });

    it('leaves nothing behind, not even a county slot, when the indexing transaction rolls back', async () => {
      const before = await tables();
      const far = newPublication({ id: 'w-far', village: 龙岗村, content: fixtureFinance('远处的账', 1_00), publishedAt: '2026-07-10T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
      await expect(
        db.client.transaction(async (tx) => {
          await search.indexVersion(tx, far, null);
          throw new Error('the publish failed after indexing');
        }),
      ).rejects.toThrow('the publish failed');
      expect(await tables()).toEqual(before);
      expect(await found('远处')).toEqual([]);
    });

    it('gives two writers on two connections distinct ids for rows of the same day, county and kind', async () => {
      const other = await db.connect();
      const watcher = backend.name === 'postgres' ? await db.connect() : db.client;
      const versions = ['w-a', 'w-b'].map((id, i) => newPublication({ id, village: 马头溪村, content: fixtureFinance(`并发账${i}`, 5_00), publishedAt: '2026-10-01T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } }));
      // The second writer starts while the first, its rows in, has not committed: without the
      // writers' lock it would read the same smallest ids and fail on the key when the first commits.
      let firstIn!: () => void;
      const indexed = new Promise<void>((resolve) => (firstIn = resolve));
      const first = db.client.transaction(async (tx) => {
        await search.indexVersion(tx, versions[0]!, null);
        firstIn();
        // On the server, held open until the second writer is seen waiting for a lock (PGlite is one
        // connection: the second writer cannot start before this one ends, so nothing to wait for).
        if (backend.name === 'postgres') {
          await vi.waitFor(
            async () => {
              const waiting = await watcher.query<{ n: number }>("SELECT count(*)::integer AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
              expect(waiting[0]!.n).toBeGreaterThan(0);
            },
            { timeout: 10_000, interval: 10 },
          );
        }
      });
      await indexed;
      await Promise.all([first, index(other, versions[1]!)]);
      expect((await found('并发账')).sort()).toEqual(['w-a#0', 'w-b#0']);
      expect((await found('办公用品', { village: 马头溪村, from: '2026-07-01', to: '2026-07-01' })).sort()).toEqual(['w-a#2', 'w-b#2', 'w-v2#2']);
    });

    it('indexes a row with a token too long for a tsvector, finding its other words', async () => {
      const content = fixtureFinance('超长数字的账', 1_00) as FinanceContent;
      const entries = [{ ...content.entries[0]!, date: '2025-02-01', summary: `办公用品 ${'7'.repeat(3000)}` }];
      await index(db.client, fixtureVersion('w-long', { ...content, period: '2025-Q1', entries }));
      expect(await found('超长数字')).toEqual(['w-long#0']);
      expect(await found('办公用品', { from: '2025-02-01', to: '2025-02-01' })).toEqual(['w-long#2']);
    });

    it('keeps the lexeme counts of what committed only: a rollback, two writers and a removal', async () => {
      await expectCountsOfRows(db.client);
      await db.client.transaction((tx) => search.removePublication(tx, 'w-long'));
      expect(await found('超长数字')).toEqual([]);
      await expectCountsOfRows(db.client);
    });
  });
}

/**
 * The counts search_frequencies keeps (schema 18) are those of the rows: each lexeme's rows, and
 * each first character's. The rows' tsvectors are recounted here from scratch.
 */
async function expectCountsOfRows(client: PgClient): Promise<void> {
  const kept = await client.query<{ token: string; prefix: boolean; rows: number }>('SELECT token, prefix, rows::integer AS rows FROM search_frequencies WHERE rows > 0 ORDER BY token, prefix');
  const recounted = await client.query<{ token: string; prefix: boolean; rows: number }>(
    `SELECT token, prefix, count(*)::integer AS rows FROM (
       SELECT x AS token, false AS prefix FROM search_rows r, unnest(tsvector_to_array(r.words)) AS x
       UNION ALL
       SELECT DISTINCT ON (r.id, left(x, 1)) left(x, 1), true FROM search_rows r, unnest(tsvector_to_array(r.words)) AS x) c
     GROUP BY token, prefix ORDER BY token COLLATE "C", prefix`,
  );
  expect(recounted.length).toBeGreaterThan(10);
  expect(kept).toEqual(recounted);
  expect(kept.some((k) => k.prefix)).toBe(true);
}

/** Both pages equal, and the case does what it is named for. */
async function expectSamePage(want: SearchPage, got: SearchPage, expected: Expect): Promise<void> {
  expect(got).toEqual(want);
  if (expected === 'none') expect(want.total).toBe(0);
  else {
    expect(want.total).toBeGreaterThan(0);
    expect(want.fallback).toBe(expected === 'fallback');
  }
}
