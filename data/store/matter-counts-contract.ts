import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionCounts } from '../decisions/decision-counts.ts';
import type { DecisionCheckSettings } from '../decisions/checks/run-decision-checks.ts';
import { roadMatter, wastelandMatter, withoutStep, withStep } from '../decisions/checks/test-records.ts';
import { owedCutoffs, type MatterCutoffs } from '../decisions/owed-cutoffs.ts';
import type { DecisionRecord } from '../decisions/decision-record.ts';
import type { DecisionStore } from './decision-store.ts';
import type { MatterCountStore } from './matter-counts.ts';

/**
 * What every backend's matterCounts must do (matter-counts.ts): say what decisionCounts says of the
 * same matters judged one by one, on every day around their deadlines, under each county's
 * thresholds, after later entries add steps or change a matter's facts.
 */
export type MatterCountContractStore = MatterCountStore & Pick<DecisionStore, 'recordDecisions' | 'listDecisionMatters'>;
export type OpenMatterCountStore = () => Promise<{ store: MatterCountContractStore; cleanup: () => Promise<void> }>;

export function describeMatterCountContract(name: string, open: OpenMatterCountStore): void {
  describe(`Matter counts contract: ${name}`, () => {
    let store: MatterCountContractStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    /** decisionCounts of the same matters, each judged by its county's settings. */
    const judged = async (prefix: string, today: string, settings: ReadonlyMap<string, DecisionCheckSettings>) =>
      decisionCounts(await store.listDecisionMatters(prefix), [], today, (village) => settings.get(village.slice(0, 6)) ?? {});
    const cutoffsOf = (today: string, settings: ReadonlyMap<string, DecisionCheckSettings>): MatterCutoffs => ({
      otherwise: owedCutoffs(today),
      byCounty: new Map([...settings].map(([county, s]) => [county, owedCutoffs(today, s)])),
    });
    const agrees = async (settings: ReadonlyMap<string, DecisionCheckSettings> = new Map()) => {
      for (const today of DAYS) {
        for (const prefix of ['', '43', '4308', '430821', '430821211', LONGGANG, OTHER_COUNTY_VILLAGE, '52', '5201', '99']) {
          expect({ prefix, today, counts: await store.matterCounts(prefix, cutoffsOf(today, settings)) }).toEqual({ prefix, today, counts: await judged(prefix, today, settings) });
        }
      }
    };

    it('counts what judging each matter counts, on every day around the deadlines and under a county’s own thresholds', async () => {
      await store.recordDecisions(MATTERS, AT);
      await agrees();
      expect((await store.matterCounts('', cutoffsOf('2026-12-06', new Map()))).matters).toBe(MATTERS.length);
      await agrees(new Map([['430821', { 'steps-complete': { resultDueDays: 365, resultDueDaysWithoutCompletion: 30 } }]]));
      await agrees(new Map([['430802', { 'steps-complete': { resultDueDays: 0 } }]]));
    });

    it('follows later entries: a step recorded, a completion day changed', async () => {
      await MATTER_COUNT_FIXTURES.record(store);
      await agrees();
    });

    it('counts nothing where there is nothing', async () => {
      expect(await store.matterCounts('', cutoffsOf('2026-12-06', new Map()))).toEqual({ matters: 0, missingSteps: 0 });
    });
  });
}

/** The contract's matters, recorded and then changed as its second test does: for the tests of each backend's fill. */
export const MATTER_COUNT_FIXTURES = {
  matters: 8,
  async record(store: Pick<DecisionStore, 'recordDecisions'>): Promise<void> {
    await store.recordDecisions(MATTERS, AT);
    await store.recordDecisions([withStep(MATTERS[1]!, 'result-disclosure', { date: '2026-10-20' })], LATER);
    await store.recordDecisions([{ ...MATTERS[2]!, completedOn: '2026-11-30' }], LATER);
    // the 文化广场's missing 党员大会 recorded: it no longer lacks a first-five step
    await store.recordDecisions([{ ...roadMatter(), subject: '龙岗村文化广场' }], LATER);
  },
};

// ——— private helpers ———

const LONGGANG = '430821211227';
const OTHER_COUNTY_VILLAGE = '430802108214';
const AT = '2026-10-02T08:00:00.000Z';
const LATER = '2026-11-02T08:00:00.000Z';
/** Either side of each deadline below: the road's completion + 30 and + 365, the wasteland's resolution + 30 and + 365. */
const DAYS = ['2026-09-10', '2026-10-10', '2026-10-11', '2026-06-21', '2026-06-22', '2027-05-22', '2027-05-23', '2027-09-10', '2027-09-11'];

const MATTERS: DecisionRecord[] = [
  // complete
  roadMatter(),
  // no 实施结果公开: owed after completion (2026-09-10) + the county's days
  withoutStep({ ...roadMatter(), subject: '龙岗村组道路硬化（二期）' }, 'result-disclosure'),
  // no completion, no 实施结果公开: owed after the resolution (2026-05-22) + the county's days
  withoutStep(wastelandMatter(), 'result-disclosure'),
  // a first-five step missing: owed from the start
  withoutStep({ ...roadMatter(), subject: '龙岗村文化广场' }, 'party-members-meeting'),
  // neither completion nor resolution: the 实施结果公开 is never owed, the resolution is
  withoutStep({ ...wastelandMatter(), subject: '龙岗村荒山造林' }, 'villagers-resolution', 'result-disclosure'),
  // another county
  withoutStep({ ...roadMatter(), village: OTHER_COUNTY_VILLAGE, subject: '马头溪村便民桥' }, 'result-disclosure'),
  // a first-five step and the 实施结果公开 missing, completed: lacking a step once, not twice
  withoutStep({ ...roadMatter(), subject: '龙岗村公厕改造' }, 'party-members-meeting', 'result-disclosure'),
  // another province, without its completion day: owed after the resolution
  withoutStep({ ...roadMatter(), village: '520102001001', subject: '便民桥', completedOn: null }, 'result-disclosure'),
];
