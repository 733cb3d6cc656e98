import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegionStore } from './store.ts';
import { DIVISIONS } from './store-contract.ts';

/**
 * What every backend must do with the region's divisions (store.ts, RegionStore). `connect` opens
 * a second connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type OpenRegionStore = () => Promise<{ store: RegionStore; connect: () => Promise<RegionStore>; cleanup: () => Promise<void> }>;

export function describeRegionContract(name: string, open: OpenRegionStore): void {
  describe(`Region store contract: ${name}`, () => {
    let store: RegionStore;
    let connect: () => Promise<RegionStore>;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('round-trips divisions and lists them by prefix in code order, on another connection too', async () => {
      await store.replaceDivisions([...DIVISIONS].reverse());
      const other = await connect();
      for (const s of [store, other]) {
        expect(await s.getDivision('430802108214')).toEqual(DIVISIONS[4]);
        expect(await s.getDivision('430802108299')).toBeNull();
        expect((await s.listDivisions('')).map((d) => d.code)).toEqual(DIVISIONS.map((d) => d.code));
        expect((await s.listDivisions('430802108')).map((d) => d.code)).toEqual(['430802108', '430802108214', '430802108215']);
        expect(await s.listDivisions('44')).toEqual([]);
      }
    });

    it('replaces the whole set of divisions', async () => {
      await store.replaceDivisions(DIVISIONS);
      await store.replaceDivisions([DIVISIONS[0]!, DIVISIONS[1]!]);
      expect((await store.listDivisions('')).map((d) => d.code)).toEqual(['43', '4308']);
      expect(await store.getDivision('430802108214')).toBeNull();
    });

    it('never shows another connection half a replacement', async () => {
      await store.replaceDivisions(DIVISIONS);
      const other = await connect();
      const renamed = DIVISIONS.map((d) => ({ ...d, name: `${d.name}新` }));
      const counts: number[] = [];
      const reading = (async () => {
        for (let i = 0; i < 20; i += 1) counts.push((await other.listDivisions('')).filter((d) => d.name.endsWith('新')).length);
      })();
      await store.replaceDivisions(renamed);
      await reading;
      counts.push((await other.listDivisions('')).filter((d) => d.name.endsWith('新')).length);
      expect(counts.every((n) => n === 0 || n === DIVISIONS.length)).toBe(true);
      expect(counts.at(-1)).toBe(DIVISIONS.length);
    });
  });
}
