import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../flags/rules/days.ts';
import { DEFAULT_CATALOGUE } from '../power/default-catalogue.ts';
import { roadMatter, wastelandMatter, withoutStep } from './checks/test-records.ts';
import { DECISION_STEPS, type DecisionRecord } from './decision-record.ts';
import { judgeMatter } from './matter-checks.ts';
import { countingFacts, lacksOwedStep, owedCutoffs } from './owed-cutoffs.ts';

/** What the page counts: a matter judged in full lacks a step owed today. */
const judgedMissing = (record: DecisionRecord, today: string, settings: Record<string, unknown>) =>
  judgeMatter(record, { catalogue: DEFAULT_CATALOGUE, ledgers: [], today, settings: { 'steps-complete': settings } }).checks.summary.missing.length > 0;

describe('counting a matter by its facts and two cutoff days', () => {
  it('says what judging the matter says, for any steps left out, any day and any county thresholds', () => {
    const record = fc.record({
      base: fc.constantFrom(roadMatter(), wastelandMatter()),
      dropped: fc.subarray([...DECISION_STEPS]),
      completedOn: fc.option(fc.integer({ min: 0, max: 800 }).map((d) => addDays('2025-06-01', d))),
    });
    const day = fc.integer({ min: 0, max: 1500 }).map((d) => addDays('2025-06-01', d));
    const thresholds = fc.record({ resultDueDays: fc.integer({ min: 0, max: 365 }), resultDueDaysWithoutCompletion: fc.integer({ min: 30, max: 3650 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(record, day, thresholds, ({ base, dropped, completedOn }, today, settings) => {
        const matter = { ...withoutStep(base, ...dropped), completedOn };
        expect(lacksOwedStep(countingFacts(matter), owedCutoffs(today, { 'steps-complete': settings }))).toBe(judgedMissing(matter, today, settings));
      }),
      { numRuns: 500 },
    );
  });

  it('owes a missing 实施结果公开 from the day after completion plus the county’s days', () => {
    const facts = countingFacts(withoutStep(roadMatter(), 'result-disclosure')); // completed 2026-09-10
    expect(lacksOwedStep(facts, owedCutoffs('2026-10-10'))).toBe(false);
    expect(lacksOwedStep(facts, owedCutoffs('2026-10-11'))).toBe(true);
    expect(lacksOwedStep(facts, owedCutoffs('2026-10-11', { 'steps-complete': { resultDueDays: 365 } }))).toBe(false);
  });
});
