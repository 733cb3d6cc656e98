import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Division } from '../region.ts';
import type { DivisionsVersion } from './divisions-version.ts';
import type { Store } from './store.ts';

export type DivisionsVersionStore = DivisionsVersion & Pick<Store, 'replaceDivisions' | 'listDivisions'>;
export type OpenDivisionsVersion = () => Promise<{ store: DivisionsVersionStore; connect: () => Promise<DivisionsVersionStore>; cleanup: () => Promise<void> }>;

const county = (name: string): Division[] => [
  { code: '430821', level: 'county', name, officialName: name, parent: null },
  { code: '430821211', level: 'township', name: '龙潭河镇', officialName: '龙潭河镇', parent: '430821' },
  { code: '430821211227', level: 'village', name: '龙岗村', officialName: '龙岗村村民委员会', parent: '430821211' },
];

/** What every backend must do with the divisions' version (divisions-version.ts). */
export function describeDivisionsVersionContract(name: string, open: OpenDivisionsVersion): void {
  describe(`Divisions version contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenDivisionsVersion>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('grows with each replacement of the divisions, as another connection sees at once', async () => {
      const { store } = opened;
      const other = await opened.connect();
      const start = await store.divisionsVersion();
      expect(await other.divisionsVersion()).toBe(start);
      await store.replaceDivisions(county('慈利县'));
      const once = await other.divisionsVersion();
      expect(once).toBeGreaterThan(start);
      await other.replaceDivisions(county('慈利'));
      expect(await store.divisionsVersion()).toBeGreaterThan(once);
      expect((await store.listDivisions('430821'))[0]?.name).toBe('慈利');
    });

    it('stays as it was when a replacement fails and is rolled back', async () => {
      const { store } = opened;
      await store.replaceDivisions(county('慈利县'));
      const before = await store.divisionsVersion();
      // two divisions with one code: the table refuses the second, the whole replacement with it
      await expect(store.replaceDivisions([...county('慈利县'), county('慈利县')[0]!])).rejects.toThrow();
      expect(await store.divisionsVersion()).toBe(before);
      expect(await store.listDivisions('430821')).toHaveLength(3);
    });
  });
}
