import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { publicationDigest } from '../publication-digest.ts';
import { seriesSubject, type PublicationContent } from '../publication.ts';
import type { Division } from '../region.ts';
import type { NewPhoto, NewPublication, SearchPage, SearchQuery, Store } from './store.ts';

/**
 * The behaviour every Store backend must have. A backend's test file calls this with a
 * factory that opens a fresh, empty store; `cleanup` closes it and removes what it created.
 */
/** `searchWindow`: the backend's rank window (RANK_WINDOW) made small, to see it at work on a few rows. */
export type OpenStore = (options?: { searchWindow?: number }) => Promise<{ store: Store; cleanup: () => Promise<void> }>;

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('publications', () => {
      it('publishes a correction as version 2 that supersedes version 1, keeping version 1 readable', async () => {
        const first = await store.publish(newPublication('pub-a1', finance('2026-Q3', 'v1', 100_00)));
        const second = await store.publish(newPublication('pub-a2', finance('2026-Q3', 'v2', 120_00), '2026-07-11T09:00:00.000Z'));
        expect(first.kind).toBe('published');
        expect(second.publication).toMatchObject({ id: 'pub-a2', version: 2, supersedes: 'pub-a1', supersededBy: null });

        const old = await store.getPublication('pub-a1');
        expect(old).toMatchObject({ id: 'pub-a1', version: 1, supersedes: null, supersededBy: 'pub-a2' });
        expect(old?.content.title).toBe('v1');

        const current = await store.currentPublications(VILLAGE);
        expect(current.map((p) => p.id)).toEqual(['pub-a2']);
        expect(current[0]?.content.title).toBe('v2');

        const listed = await store.listPublications(VILLAGE);
        expect(listed.map((p) => [p.id, p.version, p.title, p.supersededBy])).toEqual([
          ['pub-a2', 2, 'v2', null],
          ['pub-a1', 1, 'v1', 'pub-a2'],
        ]);
        expect(listed[0]).not.toHaveProperty('content');
      });

      it('keeps different subsidy programmes, periods and villages as separate series', async () => {
        await store.publish(newPublication('pub-s1', subsidy('2026', '耕地地力保护补贴')));
        await store.publish(newPublication('pub-s2', subsidy('2026', '农机购置补贴')));
        await store.publish(newPublication('pub-s3', subsidy('2025', '耕地地力保护补贴')));
        await store.publish(newPublication('pub-s4', subsidy('2026', '耕地地力保护补贴'), undefined, OTHER_VILLAGE));
        for (const id of ['pub-s1', 'pub-s2', 'pub-s3', 'pub-s4']) {
          expect(await store.getPublication(id)).toMatchObject({ version: 1, supersedes: null, supersededBy: null });
        }
        expect((await store.currentPublications(VILLAGE)).map((p) => p.id).sort()).toEqual(['pub-s1', 'pub-s2', 'pub-s3']);
        expect((await store.currentPublications(OTHER_VILLAGE)).map((p) => p.id)).toEqual(['pub-s4']);
      });

      it('orders current publications by period, newest first, then kind', async () => {
        await store.publish(newPublication('pub-o1', finance('2026-Q2', 'q2', 1)));
        await store.publish(newPublication('pub-o2', subsidy('2026-Q3', '耕地地力保护补贴')));
        await store.publish(newPublication('pub-o3', finance('2026-Q3', 'q3', 1)));
        await store.publish(newPublication('pub-o4', project('2025')));
        expect((await store.currentPublications(VILLAGE)).map((p) => p.id)).toEqual(['pub-o3', 'pub-o2', 'pub-o1', 'pub-o4']);
      });

      it('lists every version newest first by publication time', async () => {
        await store.publish(newPublication('pub-t1', finance('2026-Q3', 'a', 1), '2026-07-01T00:00:00.000Z'));
        await store.publish(newPublication('pub-t2', project('2026'), '2026-08-01T00:00:00.000Z'));
        await store.publish(newPublication('pub-t3', finance('2026-Q3', 'b', 2), '2026-07-15T00:00:00.000Z'));
        expect((await store.listPublications(VILLAGE)).map((p) => p.id)).toEqual(['pub-t2', 'pub-t3', 'pub-t1']);
        expect(await store.listPublications(OTHER_VILLAGE)).toEqual([]);
      });

      it('returns null for an unknown publication', async () => {
        expect(await store.getPublication('no-such-id')).toBeNull();
      });

      it('round-trips content exactly, including Chinese text, negative fen and nulls', async () => {
        const contents = [finance('2026-07', '马头溪村2026年7月财务收支明细', -12_345), subsidy('2026', '耕地地力保护补贴'), project('2026'), statement('2025')];
        for (const [i, content] of contents.entries()) {
          const input = newPublication(`pub-c${i}`, content);
          const { publication } = await store.publish(input);
          const stored = await store.getPublication(input.id);
          expect(stored?.content).toEqual(content);
          expect(publication.content).toEqual(content);
          expect(stored).toMatchObject({ sha256: input.sha256, sample: input.sample, source: input.source, publishedAt: input.publishedAt });
        }
      });

      it('replays an idempotent publish: same publication, nothing new written', async () => {
        const claim = { scope: VILLAGE, key: 'upload-1', requestHash: 'hash-of-request-1' };
        const first = await store.publish(newPublication('pub-i1', finance('2026-Q3', 'first', 1)), claim);
        const replay = await store.publish(newPublication('pub-i2', finance('2026-Q3', 'second', 2)), { ...claim, requestHash: 'different' });

        expect(first.kind).toBe('published');
        expect(replay).toEqual({ kind: 'replayed', publication: first.publication, requestHash: 'hash-of-request-1' });
        expect(await store.getPublication('pub-i2')).toBeNull();
        expect((await store.listPublications(VILLAGE)).map((p) => p.id)).toEqual(['pub-i1']);
        expect(await store.findIdempotency(VILLAGE, 'upload-1')).toEqual({ requestHash: 'hash-of-request-1', publicationId: 'pub-i1' });
        expect(await store.findIdempotency(VILLAGE, 'upload-2')).toBeNull();
        expect(await store.findIdempotency('other-scope', 'upload-1')).toBeNull();
      });

      it('gives concurrent publishes of one series versions 1..10 without gaps or duplicates', async () => {
        const inputs = Array.from({ length: 10 }, (_, i) => newPublication(`pub-p${i}`, finance('2026-Q3', `v${i}`, i)));
        const outcomes = await Promise.all(inputs.map((input) => store.publish(input)));
        const versions = outcomes.map((o) => o.publication.version).sort((a, b) => a - b);
        expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        const byVersion = new Map(outcomes.map((o) => [o.publication.version, o.publication]));
        for (let v = 2; v <= 10; v++) expect(byVersion.get(v)?.supersedes).toBe(byVersion.get(v - 1)?.id);
        expect(await store.currentPublications(VILLAGE)).toHaveLength(1);
      });

      it('counts current publications per village under a prefix', async () => {
        await store.publish(newPublication('pub-x1', finance('2026-Q3', 'a', 1), '2026-07-01T00:00:00.000Z'));
        await store.publish(newPublication('pub-x2', finance('2026-Q3', 'b', 1), '2026-07-02T00:00:00.000Z'));
        await store.publish(newPublication('pub-x3', project('2026'), '2026-06-01T00:00:00.000Z'));
        await store.publish(newPublication('pub-x4', project('2026'), '2026-05-01T00:00:00.000Z', OTHER_VILLAGE));
        await store.publish(newPublication('pub-x5', project('2026'), '2026-05-01T00:00:00.000Z', FAR_VILLAGE));

        const stats = await store.publicationStats('430802');
        expect([...stats.entries()].sort()).toEqual([
          [VILLAGE, { count: 2, lastPublishedAt: '2026-07-02T00:00:00.000Z' }],
          [OTHER_VILLAGE, { count: 1, lastPublishedAt: '2026-05-01T00:00:00.000Z' }],
        ]);
        expect((await store.publicationStats('')).size).toBe(3);
        expect((await store.publicationStats('44')).size).toBe(0);
      });
    });

    describe('search', () => {
      const query = (q: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ q, sort: 'relevance', page: 1, pageSize: 20, ...extra });
      const where = (page: SearchPage) => page.hits.map((h) => [h.publicationId, h.row]);

      /** finance (ledger rows 5 and 6) and a subsidy list in VILLAGE, a works list in FAR_VILLAGE */
      async function publishCorpus(): Promise<void> {
        await store.replaceDivisions(DIVISIONS);
        await store.publish(newPublication('pub-fin', finance('2026-Q3', '2026年第三季度财务公开', 250_00)));
        await store.publish(newPublication('pub-sub', subsidy('2026', '耕地地力保护补贴')));
        await store.publish(newPublication('pub-prj', project('2026'), undefined, FAR_VILLAGE));
      }

      it('finds a word of a ledger summary in the right village and row', async () => {
        await publishCorpus();
        await store.publish(newPublication('pub-other', project('2025'), undefined, OTHER_VILLAGE));
        const page = await store.search(query('转移支付'));
        expect(page.total).toBe(1);
        expect(page.fallback).toBe(false);
        expect(page.hits[0]).toMatchObject({ village: VILLAGE, publicationId: 'pub-fin', kind: 'finance', period: '2026-Q3', row: 5 });
        expect(page.hits[0]?.text).toContain('收上级转移支付');
        expect(page.hits[0]?.score).toBeGreaterThan(0);
      });

      it("finds a recipient's name in a subsidy list", async () => {
        await publishCorpus();
        const page = await store.search(query('张三'));
        expect(where(page)).toEqual([['pub-sub', 4]]);
        expect(page.hits[0]?.text).toContain('390.72');
      });

      it('finds a one-character query at the end of a word', async () => {
        await publishCorpus();
        expect(where(await store.search(query('费')))).toEqual([['pub-fin', 6]]);
      });

      it('finds rows by the village name, with or without 村, and not in other villages', async () => {
        await publishCorpus();
        await store.publish(newPublication('pub-other', project('2025'), undefined, OTHER_VILLAGE));
        for (const q of ['马头溪村', '马头溪']) {
          const page = await store.search(query(q));
          expect(page.total).toBe(5);
          expect(new Set(page.hits.map((h) => h.village))).toEqual(new Set([VILLAGE]));
        }
        expect(where(await store.search(query('马头溪 张三')))).toEqual([['pub-sub', 4]]);
      });

      it.each(['30,000.00', '30000', '30000.00', '30000元', '￥30,000'])('finds the amount typed as %s', async (typed) => {
        await publishCorpus();
        expect(where(await store.search(query(typed)))).toEqual([['pub-fin', 5]]);
      });

      it('drops a superseded version from search after a correction; the old version stays readable', async () => {
        await store.publish(newPublication('pub-v1', finance('2026-Q3', '初版标题', 100_00)));
        expect(where(await store.search(query('初版')))).toEqual([['pub-v1', 0]]);

        await store.publish(newPublication('pub-v2', finance('2026-Q3', '更正标题', 120_00), '2026-07-11T09:00:00.000Z'));
        expect((await store.search(query('初版'))).total).toBe(0);
        expect(where(await store.search(query('保洁费')))).toEqual([['pub-v2', 6]]);
        expect(where(await store.search(query('更正')))).toEqual([['pub-v2', 0]]);
        expect((await store.getPublication('pub-v1'))?.content.title).toBe('初版标题');
      });

      it('filters by county, township, village and kind', async () => {
        await publishCorpus();
        const total = async (extra: Partial<SearchQuery>) => (await store.search(query('2026', extra))).total;
        // rows with 2026: both titles and dated rows in VILLAGE (fin 0, 5; sub 0, 4), the works title in FAR_VILLAGE
        expect(await total({})).toBe(5);
        expect(await total({ county: '430821' })).toBe(1);
        expect(await total({ county: '430802' })).toBe(4);
        expect(await total({ township: '430802108' })).toBe(4);
        expect(await total({ village: OTHER_VILLAGE })).toBe(0);
        expect(await total({ village: VILLAGE, kind: 'subsidy' })).toBe(2);
      });

      it("filters by date: a row's own date, or its publication's period when it has none", async () => {
        await publishCorpus();
        const june = await store.search(query('2026', { from: '2026-06-01', to: '2026-06-30' }));
        // sub row 4 paid 2026-06-30; the subsidy and works titles (period 2026); not fin 5 (07-03) nor the Q3 title
        expect(where(june).sort()).toEqual([['pub-prj', 0], ['pub-sub', 0], ['pub-sub', 4]]);
        const july = await store.search(query('2026', { from: '2026-07-01' }));
        expect(where(july).sort()).toEqual([['pub-fin', 0], ['pub-fin', 5], ['pub-prj', 0], ['pub-sub', 0]]);
        // days that are not whole months: the days decide, not the months
        const days = await store.search(query('2026', { from: '2026-06-15', to: '2026-07-02' }));
        expect(where(days).sort()).toEqual([['pub-fin', 0], ['pub-prj', 0], ['pub-sub', 0], ['pub-sub', 4]]);
        expect(where(await store.search(query('2026', { from: '2026-07-04', to: '2026-07-09' }))).sort()).toEqual([['pub-fin', 0], ['pub-prj', 0], ['pub-sub', 0]]);
      });

      it('filters by amount in fen, leaving out rows without an amount', async () => {
        await publishCorpus();
        expect(where(await store.search(query('2026', { min: 30_000_00 })))).toEqual([['pub-fin', 5]]);
        expect(where(await store.search(query('2026', { max: 1_000_00 })))).toEqual([['pub-sub', 4]]);
        expect(where(await store.search(query('2026', { min: 390_72, max: 390_72 })))).toEqual([['pub-sub', 4]]);
      });

      it('counts facets over the whole filtered result, not only the page', async () => {
        await publishCorpus();
        const page = await store.search(query('2026', { pageSize: 1 }));
        expect(page.hits).toHaveLength(1);
        expect(page.facets).toEqual({ county: { '430802': 4, '430821': 1 }, kind: { finance: 2, subsidy: 2, project: 1 } });
        const subsidies = await store.search(query('2026', { kind: 'subsidy' }));
        expect(subsidies.facets).toEqual({ county: { '430802': 2 }, kind: { subsidy: 2 } });
      });

      it('pages through the result with a stable total and no repeats', async () => {
        await publishCorpus();
        const pages = await Promise.all([1, 2, 3, 4].map((page) => store.search(query('2026', { page, pageSize: 2 }))));
        expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
        expect(pages.map((p) => p.hits.length)).toEqual([2, 2, 1, 0]);
        const seen = pages.flatMap((p) => where(p).map((w) => w.join('#')));
        expect(new Set(seen).size).toBe(5);
      });

      it('sorts by date, newest row date first', async () => {
        await publishCorpus();
        const page = await store.search(query('2026', { sort: 'date', kind: 'finance' }));
        // the title (no date) sorts by its publication day 2026-07-10, after it the entry of 2026-07-03
        expect(where(page)).toEqual([['pub-fin', 0], ['pub-fin', 5]]);
        const subsidy = await store.search(query('2026', { sort: 'date', village: VILLAGE }));
        const rows = where(subsidy).map((w) => w.join('#'));
        expect(rows.indexOf('pub-fin#5')).toBeLessThan(rows.indexOf('pub-sub#4'));
      });

      it('browses without words: every row the filters let through, newest first', async () => {
        await publishCorpus();
        const all = await store.search(query(' ，。 ', { pageSize: 100 }));
        expect(all.total).toBeGreaterThan(0);
        expect(all.fallback).toBe(false);
        expect(all.hits).toHaveLength(Math.min(100, all.total));
        expect(all.hits).toEqual((await store.search(query('', { sort: 'date', pageSize: 100 }))).hits);
        const subsidies = await store.search(query('', { kind: 'subsidy', pageSize: 100 }));
        expect(subsidies.total).toBe(all.facets.kind.subsidy);
        expect(subsidies.hits.every((h) => h.kind === 'subsidy')).toBe(true);
        expect((await store.search(query('', { village: '430802108299' }))).total).toBe(0);
      });

      it('exports hits in page order, without a page size limit', async () => {
        await publishCorpus();
        for (const sort of ['relevance', 'date'] as const) {
          const paged = await Promise.all([1, 2, 3].map((page) => store.search(query('2026', { sort, page, pageSize: 2 }))));
          const exported = await store.searchHits({ q: '2026', sort }, 100);
          expect(exported.map((h) => [h.publicationId, h.row])).toEqual(paged.flatMap(where));
          expect(await store.searchHits({ q: '2026', sort }, 3)).toHaveLength(3);
        }
      });

      it('finds rows by the new name after a village is renamed, and no longer by the old one', async () => {
        await publishCorpus();
        const renamed = DIVISIONS.map((d) => (d.code === VILLAGE ? { ...d, name: '马溪新村' } : d));
        await store.replaceDivisions(renamed);
        expect((await store.search(query('马溪新村'))).total).toBe(5);
        expect((await store.search(query('马头溪'))).total).toBe(0);
        // re-indexed rows keep their filters
        expect(where(await store.search(query('马溪新村', { kind: 'subsidy', from: '2026-06-01', to: '2026-06-30' }))).sort()).toEqual([['pub-sub', 0], ['pub-sub', 4]]);
      });

      it('counts facets over the newest matches when more rows match than its window, and says so', async () => {
        const small = await open({ searchWindow: 2 });
        try {
          const s = small.store;
          await s.replaceDivisions(DIVISIONS);
          await s.publish(newPublication('pub-fin', finance('2026-Q3', '2026年第三季度财务公开', 250_00)));
          await s.publish(newPublication('pub-sub', subsidy('2026', '耕地地力保护补贴')));
          await s.publish(newPublication('pub-prj', project('2026'), undefined, FAR_VILLAGE));
          for (const sort of ['relevance', 'date'] as const) {
            const first = await s.search(query('2026', { sort, pageSize: 2 }));
            expect(first.total).toBe(5);
            expect(first.window).toBe(2);
            expect(Object.values(first.facets.kind).reduce((a, b) => a + b, 0)).toBe(2);
            expect(Object.values(first.facets.county).reduce((a, b) => a + b, 0)).toBe(2);
            const rest = await Promise.all([2, 3].map((page) => s.search(query('2026', { sort, page, pageSize: 2 }))));
            const all = [first, ...rest].flatMap(where).map((w) => w.join('#'));
            expect(all).toHaveLength(5);
            expect(new Set(all).size).toBe(5);
          }
          const newest = await s.search(query('2026', { sort: 'date', pageSize: 2 }));
          const counted = newest.hits.reduce<Record<string, number>>((acc, h) => ({ ...acc, [h.kind]: (acc[h.kind] ?? 0) + 1 }), {});
          expect(newest.facets.kind).toEqual(counted);
          // narrowed to fit the window, the facets count every match again
          const narrowed = await s.search(query('2026', { kind: 'subsidy' }));
          expect(narrowed.window).toBeNull();
          expect(narrowed.facets.kind).toEqual({ subsidy: 2 });
        } finally {
          await small.cleanup();
        }
      });

      it('falls back to the best partial match when no row has every token, and says so', async () => {
        await publishCorpus();
        const exact = await store.search(query('上级转移支付'));
        expect(exact.fallback).toBe(false);
        const typo = await store.search(query('上级转移支附'));
        expect(typo.fallback).toBe(true);
        expect(typo.hits[0]).toMatchObject({ publicationId: 'pub-fin', row: 5 });
        const missing = await store.search(query('上级转支付'));
        expect(missing.fallback).toBe(true);
        expect(missing.hits[0]).toMatchObject({ publicationId: 'pub-fin', row: 5 });
      });

      it('pages through partial matches, each once', async () => {
        await publishCorpus();
        // no row has 张三, 2026 and 转移 together; two rows have two of them
        const q = '张三 2026 转移';
        const first = await store.search(query(q, { pageSize: 1 }));
        expect(first.fallback).toBe(true);
        expect(first.total).toBe(2);
        const second = await store.search(query(q, { page: 2, pageSize: 1 }));
        expect([...where(first), ...where(second)].map((w) => w.join('#')).sort()).toEqual(['pub-fin#5', 'pub-sub#4']);
        expect((await store.searchHits({ q, sort: 'relevance' }, 100)).map((h) => `${h.publicationId}#${h.row}`)).toEqual(
          [...where(first), ...where(second)].map((w) => w.join('#')),
        );
      });
    });

    describe('photos', () => {
      it('round-trips photo variants by id', async () => {
        const photo = newPhoto('photo0001', 7);
        await store.publish({ ...newPublication('pub-f1', project('2026', photo.id)), photos: [photo] });
        expect(await store.getPhoto(photo.id, 'large')).toEqual(photo.large);
        expect(await store.getPhoto(photo.id, 'small')).toEqual(photo.small);
        expect(await store.getPhoto('photo9999', 'large')).toBeNull();
      });

      it('accepts the same photo again in a corrected version', async () => {
        const photo = newPhoto('photo0002', 3);
        await store.publish({ ...newPublication('pub-f2', project('2026', photo.id)), photos: [photo] });
        const second = await store.publish({ ...newPublication('pub-f3', project('2026', photo.id)), photos: [newPhoto('photo0002', 3)] });
        expect(second.publication).toMatchObject({ version: 2, supersedes: 'pub-f2' });
        expect(await store.getPhoto(photo.id, 'small')).toEqual(photo.small);
      });
    });
  });
}

const VILLAGE = '430802108214';
const OTHER_VILLAGE = '430802108215';
const FAR_VILLAGE = '430821211227';

export const DIVISIONS: readonly Division[] = [
  { code: '43', level: 'province', name: '湖南省', officialName: '湖南省', parent: null },
  { code: '4308', level: 'prefecture', name: '张家界市', officialName: '张家界市', parent: '43' },
  { code: '430802', level: 'county', name: '永定区', officialName: '永定区', parent: '4308' },
  { code: '430802108', level: 'township', name: '沅古坪镇', officialName: '沅古坪镇', parent: '430802' },
  { code: '430802108214', level: 'village', name: '马头溪村', officialName: '马头溪村委会', parent: '430802108' },
  { code: '430802108215', level: 'village', name: '龙岗村', officialName: '龙岗村村委会', parent: '430802108' },
];

function newPublication(id: string, content: PublicationContent, publishedAt = '2026-07-10T08:00:00.000Z', village = VILLAGE): NewPublication {
  const series = { village, kind: content.kind, period: content.period, subject: seriesSubject(content) };
  return {
    id,
    ...series,
    publishedAt,
    sample: false,
    source: { filename: `${village}-${content.title}.csv`, format: 'csv' },
    content,
    contentJson: canonicalJson(content),
    photos: [],
    sha256: publicationDigest({ ...series, content }),
  };
}

function finance(period: string, title: string, expense: number): PublicationContent {
  return {
    kind: 'finance',
    title,
    period,
    openingBalance: 50_000_00,
    entries: [
      { row: 5, date: '2026-07-03', voucher: '记-001', summary: '收上级转移支付', account: '补助收入', income: 30_000_00, expense: 0, balance: 80_000_00, remark: null },
      { row: 6, date: null, voucher: null, summary: '冲销多付保洁费（红字）', account: '管理费用', income: 0, expense, balance: null, remark: '红字冲销' },
    ],
    totals: { income: 30_000_00, expense, closingBalance: 80_000_00 - expense },
    notes: ['单位：元', '村务监督委员会审核'],
  };
}

function subsidy(period: string, programme: string): PublicationContent {
  return {
    kind: 'subsidy',
    title: `${period}年${programme}发放花名册`,
    programme,
    period,
    rows: [
      {
        row: 4,
        seq: '1',
        name: '张三',
        idNumber: '430802********7238',
        phone: '138****5678',
        bankCard: '6217********1234',
        quantity: '3.70',
        unit: '亩',
        rate: 10_560,
        rateText: '105.6',
        amount: 39_072,
        datePaid: '2026-06-30',
        channel: '一卡通',
        remark: null,
      },
    ],
    totals: { amount: 39_072, quantity: '3.70', count: 1 },
    notes: [],
  };
}

/** A 收益分配 statement: two sides, a 合计 line, a zero and a line without 行次. */
function statement(period: string): PublicationContent {
  return {
    kind: 'statement',
    title: `样板村${period}年度收益及收益分配统计表`,
    statement: 'distribution',
    period,
    unit: '万元',
    sides: [
      { heading: '收益项目', lines: [{ row: 4, item: '本年收益', line: '1', amount: 120_000_00, total: false }, { row: 5, item: '其他转入', line: null, amount: 0, total: false }, { row: 6, item: '可分配收益合计', line: '4', amount: 120_000_00, total: true }] },
      { heading: '分配项目', lines: [{ row: 4, item: '农户分配', line: '10', amount: 120_000_00, total: false }] },
    ],
    notes: ['单位：万元'],
  };
}

function project(period: string, photoId?: string): PublicationContent {
  return {
    kind: 'project',
    title: `${period}年村级工程项目公示`,
    period,
    projects: [
      {
        row: 3,
        name: '村道硬化',
        location: '二组',
        fundingSource: '一事一议',
        budget: 1_200_000_00,
        contractAmount: 1_150_000_00,
        contractor: '某某建筑有限公司',
        procurementMethod: '竞争性谈判',
        plannedStart: '2026-03-01',
        actualStart: '2026-03-05',
        plannedCompletion: '2026-09-30',
        actualCompletion: null,
        progress: { percent: 60, text: '路基完成' },
        amountPaid: 500_000_00,
        remark: null,
        photos: photoId ? [{ id: photoId, width: 1280, height: 960, caption: '施工现场' }] : [],
      },
    ],
    totals: { budget: 1_200_000_00, contractAmount: 1_150_000_00, amountPaid: 500_000_00 },
    notes: ['单位：元'],
  };
}

function newPhoto(id: string, seed: number): NewPhoto {
  const bytes = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
  return { id, large: bytes(4096), small: bytes(512) };
}
