import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missRates } from '../complaints/classify.ts';
import type { IntakeCorrections } from './intake-corrections.ts';

export type OpenIntakeCorrections = () => Promise<{ store: IntakeCorrections; connect: () => Promise<IntakeCorrections>; cleanup: () => Promise<void> }>;

const MATOUXI = '430802108214';
const LONGGANG = '430821211227';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute)).toISOString();

/** What every backend must do with staff's corrections of the suggestions (intake-corrections.ts). */
export function describeIntakeCorrectionsContract(name: string, open: OpenIntakeCorrections): void {
  describe(`Intake corrections contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenIntakeCorrections>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('keeps each kind decided, lists them newest first under a prefix, and the miss rates follow', async () => {
      const { store } = opened;
      await store.recordCorrections(MATOUXI, at(1), [
        { kind: 'category', suggested: '惠农补贴', chosen: '惠农补贴' },
        { kind: 'department', suggested: '王家坪镇农经站', chosen: '王家坪镇民政办' },
      ]);
      await store.recordCorrections(MATOUXI, at(2), [{ kind: 'category', suggested: '其他', chosen: '干部作风' }]);
      await store.recordCorrections(LONGGANG, at(3), [{ kind: 'category', suggested: null, chosen: '工程项目' }]);
      const yongding = await store.listCorrections('430802');
      expect(yongding.map((c) => [c.at, c.kind, c.suggested, c.chosen])).toEqual([
        [at(2), 'category', '其他', '干部作风'],
        [at(1), 'category', '惠农补贴', '惠农补贴'],
        [at(1), 'department', '王家坪镇农经站', '王家坪镇民政办'],
      ]);
      expect(yongding.every((c) => c.village === MATOUXI)).toBe(true);
      expect(await store.listCorrections('')).toHaveLength(4);
      expect(await store.listCorrections('', 1)).toEqual([{ village: LONGGANG, at: at(3), kind: 'category', suggested: null, chosen: '工程项目' }]);
      const rates = missRates(yongding);
      expect(rates.find((r) => r.kind === 'category' && r.value === '干部作风')).toMatchObject({ chosen: 1, missed: 1, missRate: 1 });
      expect(rates.find((r) => r.kind === 'category' && r.value === '惠农补贴')).toMatchObject({ chosen: 1, missed: 0, missRate: 0 });
    });

    it('loses none when two connections record at once', async () => {
      const other = await opened.connect();
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? opened.store : other).recordCorrections(MATOUXI, at(i), [{ kind: 'category', suggested: '其他', chosen: '惠农补贴' }])));
      expect(await opened.store.listCorrections(MATOUXI)).toHaveLength(30);
    });

    it('refuses a village not of 12 digits, a time that is not one, and an unknown kind, writing nothing', async () => {
      const { store } = opened;
      await expect(store.recordCorrections('430802', at(1), [])).rejects.toThrow(TypeError);
      await expect(store.recordCorrections(MATOUXI, 'yesterday', [])).rejects.toThrow(TypeError);
      await expect(store.recordCorrections(MATOUXI, at(1), [{ kind: 'category', suggested: null, chosen: '惠农补贴' }, { kind: 'colour' as never, suggested: null, chosen: 'x' }])).rejects.toThrow(TypeError);
      await expect(store.listCorrections('', -1)).rejects.toThrow(RangeError);
      expect(await store.listCorrections('')).toEqual([]);
    });
  });
}
