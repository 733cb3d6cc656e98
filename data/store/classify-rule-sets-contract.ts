import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassifyRuleSet } from '../complaints/classify-rules.ts';
import type { ClassifyRuleSets } from './classify-rule-sets.ts';

export type OpenClassifyRuleSets = () => Promise<{ store: ClassifyRuleSets; connect: () => Promise<ClassifyRuleSets>; cleanup: () => Promise<void> }>;

const YONGDING = '430802';
const CILI = '430821';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute)).toISOString();

/** What every backend must do with counties' classification rules (classify-rule-sets.ts). */
export function describeClassifyRuleSetsContract(name: string, open: OpenClassifyRuleSets): void {
  describe(`Classify rule sets contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenClassifyRuleSets>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('has none for a county that never saved, so the defaults apply', async () => {
      expect(await opened.store.currentRuleSet(YONGDING)).toBeNull();
      expect(await opened.store.listRuleSetVersions(YONGDING)).toEqual([]);
    });

    it('numbers each save 1, 2, 3 and reads back the newest, also on another connection', async () => {
      const { store } = opened;
      const first = await store.saveRuleSet(YONGDING, rules('2026-1'), '永定区纪委', at(1));
      expect(first).toEqual({ county: YONGDING, version: 1, savedBy: '永定区纪委', at: at(1), rules: rules('2026-1') });
      const other = await opened.connect();
      expect(await other.currentRuleSet(YONGDING)).toEqual(first);
      const second = await other.saveRuleSet(YONGDING, rules('2026-2', '干部作风'), '永定区纪委', at(2));
      const third = await store.saveRuleSet(YONGDING, rules('2026-3'), '王家坪镇纪委', at(3));
      expect([second.version, third.version]).toEqual([2, 3]);
      expect(await store.currentRuleSet(YONGDING)).toEqual(third);
      expect((await store.currentRuleSet(YONGDING))?.rules).toEqual(rules('2026-3'));
      expect(await store.listRuleSetVersions(YONGDING)).toEqual([
        { county: YONGDING, version: 3, savedBy: '王家坪镇纪委', at: at(3) },
        { county: YONGDING, version: 2, savedBy: '永定区纪委', at: at(2) },
        { county: YONGDING, version: 1, savedBy: '永定区纪委', at: at(1) },
      ]);
    });

    it('keeps each county’s versions apart', async () => {
      const { store } = opened;
      await store.saveRuleSet(YONGDING, rules('y-1'), '永定区纪委', at(1));
      await store.saveRuleSet(YONGDING, rules('y-2'), '永定区纪委', at(2));
      const cili = await store.saveRuleSet(CILI, rules('c-1'), '慈利县纪委', at(3));
      expect(cili.version).toBe(1);
      expect((await store.currentRuleSet(CILI))?.rules.version).toBe('c-1');
      expect((await store.currentRuleSet(YONGDING))?.rules.version).toBe('y-2');
      expect((await store.listRuleSetVersions(CILI)).map((v) => v.version)).toEqual([1]);
    });

    it('gives versions 1..20, none lost or repeated, when two connections save 10 each at once', async () => {
      const other = await opened.connect();
      const saved = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? opened.store : other).saveRuleSet(YONGDING, rules(`r${i}`), '永定区纪委', at(i))));
      expect(saved.map((s) => s.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const listed = await opened.store.listRuleSetVersions(YONGDING);
      expect(listed.map((v) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
      // each saver's rules are under the version it was told
      const newest = saved.find((s) => s.version === 20)!;
      expect((await opened.store.currentRuleSet(YONGDING))?.rules.version).toBe(newest.rules.version);
    });

    it('refuses a county not of 6 digits, a missing or long name, a time that is not one and invalid rules, writing nothing', async () => {
      const { store } = opened;
      const bad: Array<[string, ClassifyRuleSet, string, string]> = [
        ['43080', rules('x'), '永定区纪委', at(1)],
        ['4308021', rules('x'), '永定区纪委', at(1)],
        [YONGDING, rules('x'), '', at(1)],
        [YONGDING, rules('x'), '  ', at(1)],
        [YONGDING, rules('x'), '纪'.repeat(61), at(1)],
        [YONGDING, rules('x'), '永定区纪委', 'yesterday'],
        [YONGDING, rules('x'), '永定区纪委', '2026-12-07'],
        [YONGDING, { ...rules('x'), rules: [] }, '永定区纪委', at(1)],
        // weights add up to 2, below the rule's minScore of 3: a rule that can never match
        [YONGDING, { version: 'x', rules: [{ target: { kind: 'category', value: '惠农补贴' }, terms: [{ text: '补贴', weight: 2 }], minScore: 3 }] }, '永定区纪委', at(1)],
        [YONGDING, { ...rules('x'), colour: 'red' } as ClassifyRuleSet, '永定区纪委', at(1)],
      ];
      for (const [county, set, savedBy, when] of bad) await expect(store.saveRuleSet(county, set, savedBy, when)).rejects.toThrow(TypeError);
      expect(await store.currentRuleSet(YONGDING)).toBeNull();
      expect(await store.listRuleSetVersions(YONGDING)).toEqual([]);
      await expect(store.currentRuleSet('4308')).rejects.toThrow(TypeError);
      await expect(store.listRuleSetVersions('')).rejects.toThrow(TypeError);
      // exactly 60 characters is a name
      expect((await store.saveRuleSet(YONGDING, rules('x'), '纪'.repeat(60), at(1))).version).toBe(1);
    });
  });
}

// ——— private helpers ———

function rules(version: string, category = '惠农补贴'): ClassifyRuleSet {
  return {
    version,
    rules: [
      { target: { kind: 'category', value: category }, terms: [{ text: '补贴', weight: 3 }, { text: '没发', weight: 1 }], negative: [{ text: '误工补贴', weight: 3 }], minScore: 3 },
      { target: { kind: 'department', value: '镇农经站' }, terms: [{ text: '耕地', weight: 3 }], minScore: 3 },
    ],
    categoryDepartments: [{ category: '干部作风', department: '镇纪委' }],
    fallback: [{ kind: 'category', value: '其他' }],
  };
}
