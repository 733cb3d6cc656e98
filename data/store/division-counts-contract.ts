import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPublication } from '../new-publication.ts';
import type { Division } from '../region.ts';
import { fixtureFinance } from './contract-fixtures.ts';
import type { DivisionCounts, DivisionCountStore } from './division-counts.ts';
import { DIVISIONS as STORE_DIVISIONS } from './store-contract.ts';
import type { RegionStore, Store } from './store.ts';

/**
 * What every backend's per-division counters must do (division-counts.ts): always equal the roll-up
 * of `publicationStats` over the divisions, after divisions are replaced, versions published and
 * corrected (a backdated correction too), and when two connections publish at once.
 */
export type CountingStore = DivisionCountStore & RegionStore & Pick<Store, 'publish' | 'publicationStats'>;
export type OpenCountingStore = () => Promise<{ store: CountingStore; connect: () => Promise<CountingStore>; cleanup: () => Promise<void> }>;

const DIVISIONS: readonly Division[] = [
  ...STORE_DIVISIONS,
  { code: '430821', level: 'county', name: '慈利县', officialName: '慈利县', parent: '4308' },
  { code: '430821211', level: 'township', name: '三官寺土家族乡', officialName: '三官寺土家族乡', parent: '430821' },
  { code: '430821211227', level: 'village', name: '龙岗村', officialName: '龙岗村委会', parent: '430821211' },
];
const [MATOUXI, SHIYANPING, LONGGANG] = ['430802108214', '430802108215', '430821211227'];

let n = 0;
const version = (village: string, period: string, publishedAt: string) =>
  newPublication({ id: `dc-${(n += 1)}`, village, content: { ...fixtureFinance(`${period} 收支`, 100 * n), period }, publishedAt, sample: false, source: { filename: null, format: 'json' } });

/** The figures as the page builder rolled them up before there were counters. */
async function rolledUp(store: CountingStore): Promise<Map<string, DivisionCounts>> {
  const divisions = await store.listDivisions('');
  const stats = await store.publicationStats('');
  const out = new Map<string, DivisionCounts>();
  for (const code of ['', ...divisions.filter((d) => d.level !== 'village').map((d) => d.code)]) {
    const villages = divisions.filter((d) => d.level === 'village' && d.code.startsWith(code));
    const figures = villages.map((v) => stats.get(v.code)).filter((s) => s !== undefined);
    const dates = figures.map((s) => s.lastPublishedAt).sort();
    out.set(code, { villages: villages.length, publishedVillages: figures.filter((s) => s.count > 0).length, publications: figures.reduce((a, s) => a + s.count, 0), lastPublishedAt: dates.at(-1) ?? null });
  }
  return out;
}

export function describeDivisionCountsContract(name: string, open: OpenCountingStore): void {
  describe(`Division counts contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenCountingStore>>;
    let store: CountingStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    const agrees = async () => {
      const expected = await rolledUp(store);
      expect(await store.divisionCounts([...expected.keys(), '99'])).toEqual(expected);
    };

    it('keeps each division’s figures equal to the roll-up of every village’s, through versions, corrections and new divisions', async () => {
      await store.replaceDivisions(DIVISIONS.filter((d) => d.code !== LONGGANG));
      await agrees();
      expect((await store.divisionCounts([''])).get('')).toEqual({ villages: 2, publishedVillages: 0, publications: 0, lastPublishedAt: null });
      await store.publish(version(MATOUXI, '2026-Q2', '2026-07-10T08:00:00.000Z'));
      await store.publish(version(MATOUXI, '2026-Q3', '2026-10-10T08:00:00.000Z'));
      await agrees();
      // a correction: the count stays, the date moves on
      await store.publish(version(MATOUXI, '2026-Q3', '2026-10-20T08:00:00.000Z'));
      await agrees();
      // a backdated correction lowers the village's newest date, and so the township's and above
      await store.publish(version(MATOUXI, '2026-Q3', '2026-08-01T08:00:00.000Z'));
      await agrees();
      expect((await store.divisionCounts(['430802108'])).get('430802108')).toEqual({ villages: 2, publishedVillages: 1, publications: 2, lastPublishedAt: '2026-08-01T08:00:00.000Z' });
      // a village published before its division is loaded counts once it is
      await store.publish(version(LONGGANG, '2026-Q3', '2026-11-01T08:00:00.000Z'));
      await agrees();
      await store.replaceDivisions(DIVISIONS);
      await agrees();
      expect((await store.divisionCounts(['4308'])).get('4308')).toEqual({ villages: 3, publishedVillages: 2, publications: 3, lastPublishedAt: '2026-11-01T08:00:00.000Z' });
    });

    it('lists a division and those under it up to a code length, in code order', async () => {
      await store.replaceDivisions([...DIVISIONS].reverse());
      expect((await store.listDivisionsTo('4308', 6)).map((d) => d.code)).toEqual(['4308', '430802', '430821']);
      expect((await store.listDivisionsTo('', 4)).map((d) => d.code)).toEqual(['43', '4308']);
      expect((await store.listDivisionsTo('430802', 12)).map((d) => d.code)).toEqual(['430802', '430802108', MATOUXI, SHIYANPING]);
      expect(await store.listDivisionsTo('4309', 12)).toEqual([]);
    });

    it('counts every version once when two connections publish in one township at once', async () => {
      await store.replaceDivisions(DIVISIONS);
      const other = await opened.connect();
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? store : other).publish(version(i % 3 === 0 ? SHIYANPING : MATOUXI, `2026-${String(1 + i).padStart(2, '0')}`, `2026-10-${String(10 + i)}T08:00:00.000Z`))),
      );
      await agrees();
      expect((await store.divisionCounts(['430802108'])).get('430802108')).toMatchObject({ villages: 2, publishedVillages: 2, publications: 12 });
    });
  });
}
