import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../flags/finding.ts';
import { flagAction } from '../flags/flag-workflow.ts';
import { newPublication } from '../new-publication.ts';
import { fixtureFinance } from './contract-fixtures.ts';
import type { FlagRunInput, FlagStore } from './flag-store.ts';
import type { LateVillageStore } from './late-villages.ts';
import type { Store } from './store.ts';

/**
 * What every backend's lateVillageCounts must do (late-villages.ts): count each village under a
 * code once, however many late-disclosure flags it has, only while one is active and public, and
 * count apart those that never published.
 */
export type LateVillageContractStore = LateVillageStore & Pick<FlagStore, 'applyFlagRun' | 'updateFlag'> & Pick<Store, 'publish'>;
export type OpenLateVillageStore = () => Promise<{ store: LateVillageContractStore; cleanup: () => Promise<void> }>;

export function describeLateVillageContract(name: string, open: OpenLateVillageStore): void {
  describe(`Late village counts contract: ${name}`, () => {
    let store: LateVillageContractStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('counts the villages with an active public late-disclosure flag under each code, and apart those that never published', async () => {
      // two late kinds in A (never published); B late and published; C late but not public yet;
      // D late and dismissed; E flagged by another rule; F late in another county
      await raise(store, A, [late(A, 'finance'), late(A, 'subsidy')]);
      await raise(store, B, [late(B, 'finance')]);
      await store.publish(newPublication({ village: B, content: fixtureFinance('2026年6月收支', 100), publishedAt: T0, sample: false, source: { filename: null, format: 'json' } }));
      await raise(store, C, [late(C, 'finance')], LATER);
      const d = await raise(store, D, [late(D, 'finance')]);
      expect((await store.updateFlag(d[0]!, (f) => flagAction(f, { type: 'dismiss', reason: '已按期公开，系登记有误。' }, '纪委', T0))).kind).toBe('updated');
      await raise(store, E, [{ ...late(E, 'finance'), rule: 'receivable-overdue' }]);
      await raise(store, F, [late(F, 'finance')]);

      const counts = await store.lateVillageCounts(['', '4308', '430802', '430802108', '430821', A, '99'], NOW);
      expect(Object.fromEntries(counts)).toEqual({
        '': { late: 3, neverPublished: 2 },
        '4308': { late: 3, neverPublished: 2 },
        '430802': { late: 2, neverPublished: 1 },
        '430802108': { late: 2, neverPublished: 1 },
        '430821': { late: 1, neverPublished: 1 },
        [A]: { late: 1, neverPublished: 1 },
        '99': { late: 0, neverPublished: 0 },
      });
      // once C's flag is public, C counts too
      expect((await store.lateVillageCounts(['430802'], LATER)).get('430802')).toEqual({ late: 3, neverPublished: 2 });
    });

    it('answers every code asked for, once each, with zeros when nothing is flagged', async () => {
      expect(Object.fromEntries(await store.lateVillageCounts(['430802', '430802', ''], NOW))).toEqual({ '430802': { late: 0, neverPublished: 0 }, '': { late: 0, neverPublished: 0 } });
      expect((await store.lateVillageCounts([], NOW)).size).toBe(0);
    });
  });
}

// ——— private helpers ———

const [A, B, C, D, E, F] = ['430802108214', '430802108215', '430802108216', '430802108217', '430802108218', '430821211227'];
const T0 = '2026-07-06T01:00:00.000Z';
const PUBLIC = '2026-07-13T01:00:00.000Z';
const NOW = '2026-07-20T01:00:00.000Z';
const LATER = '2026-08-01T01:00:00.000Z';
let runs = 0;

function late(village: string, kind: string): Finding {
  return {
    rule: 'late-disclosure',
    village,
    key: `${kind}/2026Q2`,
    title: `2026年第二季度的${kind}未按时公开`,
    detail: '按县里的公开日历，本季度应在7月10日前公开。',
    amount: null,
    evidence: [],
    sample: false,
  };
}

async function raise(store: LateVillageContractStore, village: string, findings: readonly Finding[], publicFrom = PUBLIC): Promise<string[]> {
  const input: FlagRunInput = { id: `late-run-${(runs += 1)}`, village, at: T0, trigger: 'publication', rules: [...new Set(findings.map((f) => f.rule))], findings: findings.map((finding) => ({ finding, publicFrom })) };
  const result = await store.applyFlagRun(input);
  return result.raised.map((f) => f.id);
}
