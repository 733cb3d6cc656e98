import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageViewCount, PageViewStore, PageViewTotals } from './page-views.ts';

/**
 * What every backend's page views must do (page-views.ts): add up per village and day, roll up to
 * every division above the village, count the recent window and the months, list a township's
 * villages, lose nothing when two connections add at once, and refuse caller bugs before adding
 * anything. `connect` opens a second connection to the same database.
 */
export type OpenPageViews = () => Promise<{ store: PageViewStore; connect: () => Promise<PageViewStore>; cleanup: () => Promise<void> }>;

// two villages of one township, a third in its county's other township, a fourth in another county
const [MATOUXI, SHIYANPING, HEXI, LONGGANG] = ['430802108214', '430802108215', '430802109201', '430821211227'];
const TODAY = '2026-12-06';

export function describePageViewsContract(name: string, open: OpenPageViews): void {
  describe(`Page views contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenPageViews>>;
    let store: PageViewStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('adds views per village and day and rolls them up to every division above the village', async () => {
      const counts: PageViewCount[] = [
        { village: MATOUXI, day: '2026-11-30', views: 3 },
        { village: MATOUXI, day: '2026-12-06', views: 4 },
        { village: SHIYANPING, day: '2026-12-06', views: 5 },
        { village: HEXI, day: '2026-10-02', views: 6 },
        { village: LONGGANG, day: '2026-12-01', views: 7 },
      ];
      await store.addPageViews(counts);
      for (const scope of ['', '43', '4308', '430802', '430802108', '430802109', MATOUXI, '430821', LONGGANG]) {
        expect(await store.pageViewTotals(scope, TODAY), scope).toEqual(expected(counts.filter((c) => c.village.startsWith(scope))));
      }
      expect((await store.pageViewTotals('430802', TODAY)).total).toBe(18);
    });

    it('adds to what is stored: a village and day named twice in a batch, and again in a later batch', async () => {
      const first = [
        { village: MATOUXI, day: '2026-12-05', views: 2 },
        { village: MATOUXI, day: '2026-12-05', views: 3 },
      ];
      const later = [{ village: MATOUXI, day: '2026-12-05', views: 10 }];
      await store.addPageViews(first);
      await store.addPageViews([]);
      await store.addPageViews(later);
      expect(await store.pageViewTotals(MATOUXI, TODAY)).toEqual(expected([...first, ...later]));
      expect((await store.pageViewTotals('', TODAY)).total).toBe(15);
    });

    it('counts as recent the 30 China days that end with today, across a month and a year', async () => {
      const counts = [
        { village: MATOUXI, day: '2026-12-07', views: 1 }, // after today (another process's clock): counted in the total only
        { village: MATOUXI, day: '2027-01-05', views: 2 },
        { village: MATOUXI, day: '2026-12-06', views: 4 }, // the 30th day back from 2027-01-05
        { village: MATOUXI, day: '2026-12-05', views: 8 }, // the 31st
      ];
      await store.addPageViews(counts);
      const totals = await store.pageViewTotals('430802108', '2027-01-05');
      expect(totals).toEqual(expected(counts, '2027-01-05'));
      expect(totals.byMonth.map((m) => m.month)).toEqual(['2026-12', '2027-01']);
    });

    it('answers zeros for a division with no views, and for the whole store before any', async () => {
      const none: PageViewTotals = { total: 0, recent: 0, byMonth: [], since: null };
      expect(await store.pageViewTotals('', TODAY)).toEqual(none);
      await store.addPageViews([{ village: MATOUXI, day: TODAY, views: 1 }]);
      expect(await store.pageViewTotals('430821', TODAY)).toEqual(none);
      expect((await store.villagePageViews('430821211', TODAY)).size).toBe(0);
    });

    it('lists the villages of a township with views, in code order, and a village alone', async () => {
      await store.addPageViews([
        { village: SHIYANPING, day: '2026-12-01', views: 5 },
        { village: MATOUXI, day: '2026-10-01', views: 2 },
        { village: MATOUXI, day: TODAY, views: 3 },
        { village: HEXI, day: TODAY, views: 9 },
      ]);
      const listed = await store.villagePageViews('430802108', TODAY);
      expect([...listed]).toEqual([
        [MATOUXI, { total: 5, recent: 3 }],
        [SHIYANPING, { total: 5, recent: 5 }],
      ]);
      expect([...(await store.villagePageViews(HEXI, TODAY))]).toEqual([[HEXI, { total: 9, recent: 9 }]]);
    });

    it('loses no view when two connections add at once', async () => {
      const other = await opened.connect();
      const batches = Array.from({ length: 40 }, (_, i) => [
        { village: i % 2 === 0 ? MATOUXI : SHIYANPING, day: `2026-12-0${1 + (i % 5)}`, views: 1 + (i % 3) },
        { village: LONGGANG, day: '2026-12-01', views: 1 },
      ]);
      await Promise.all(batches.map((batch, i) => (i % 2 === 0 ? store : other).addPageViews(batch)));
      const all = batches.flat();
      expect(await store.pageViewTotals('', TODAY)).toEqual(expected(all));
      expect(await other.pageViewTotals('430802108', TODAY)).toEqual(expected(all.filter((c) => c.village.startsWith('430802108'))));
      expect(await store.pageViewTotals(LONGGANG, TODAY)).toEqual(expected(all.filter((c) => c.village === LONGGANG)));
    });

    it('refuses a village not of 12 digits, a day that is not a date and views that are not a whole number ≥ 1, adding nothing of the batch', async () => {
      const good = { village: MATOUXI, day: TODAY, views: 1 };
      await expect(store.addPageViews([good, { ...good, village: '430802108' }])).rejects.toThrow(TypeError);
      await expect(store.addPageViews([good, { ...good, village: '43080210821x' }])).rejects.toThrow(TypeError);
      await expect(store.addPageViews([good, { ...good, day: '2026-02-30' }])).rejects.toThrow(TypeError);
      await expect(store.addPageViews([good, { ...good, day: '2026-12-06T10:00:00.000Z' }])).rejects.toThrow(TypeError);
      await expect(store.addPageViews([good, { ...good, views: '3' as unknown as number }])).rejects.toThrow(TypeError);
      for (const views of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.addPageViews([good, { ...good, views }]), String(views)).rejects.toThrow(RangeError);
      }
      expect((await store.pageViewTotals('', TODAY)).total).toBe(0);
    });

    it('refuses a scope that is not a division code, a village list above a township, and a today that is not a date', async () => {
      for (const scope of ['4', '430', '4308021082', '4308021082140', 'x']) {
        await expect(store.pageViewTotals(scope, TODAY), scope).rejects.toThrow(TypeError);
      }
      await expect(store.villagePageViews('430802', TODAY)).rejects.toThrow(RangeError);
      await expect(store.villagePageViews('', TODAY)).rejects.toThrow(RangeError);
      await expect(store.pageViewTotals('', '06/12/2026')).rejects.toThrow(TypeError);
      await expect(store.villagePageViews('430802108', '2026-13-01')).rejects.toThrow(TypeError);
    });
  });
}

// ——— private helpers ———

/** The totals the counts must give, worked out here from the counts themselves. */
function expected(counts: readonly PageViewCount[], today = TODAY): PageViewTotals {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const months = new Map<string, number>();
  for (const c of counts) months.set(c.day.slice(0, 7), (months.get(c.day.slice(0, 7)) ?? 0) + c.views);
  const days = counts.map((c) => c.day).sort();
  return {
    total: counts.reduce((sum, c) => sum + c.views, 0),
    recent: counts.filter((c) => c.day >= from && c.day <= today).reduce((sum, c) => sum + c.views, 0),
    byMonth: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, views]) => ({ month, views })),
    since: days[0] ?? null,
  };
}
