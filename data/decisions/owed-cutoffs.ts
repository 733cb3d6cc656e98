import { addDays } from '../flags/rules/days.ts';
import type { IsoDate } from '../publication.ts';
import type { DecisionCheckSettings } from './checks/run-decision-checks.ts';
import { stepsComplete } from './checks/steps-complete.ts';
import { effectiveStep } from './checks/record-steps.ts';
import { DECISION_STEPS, type DecisionRecord, type DecisionStepKind } from './decision-record.ts';

/**
 * Whether a matter lacks a step owed by a given day (steps-complete.ts, the count on the pages
 * above villages) depends on the day only through the 实施结果公开's deadline: a missing one of the
 * first five steps is owed at once; a missing 实施结果公开 once the county's days have passed since
 * 竣工/结算, or, with no completion on record, since the resolution. So a day and a county's
 * thresholds come down to two cutoff dates, and a store can count the matters under a division with
 * one query (MatterCountStore) instead of handing every matter over to be judged (issue 14).
 */
export interface OwedCutoffs {
  /** a missing 实施结果公开 is owed when 竣工/结算 was before this day */
  completedBefore: IsoDate;
  /** … or, with no 竣工/结算 on record, when the resolution was before this day */
  resolvedBefore: IsoDate;
}

/** The thresholds in force for each county with its own (`byCounty`), and for every other county. */
export interface MatterCutoffs {
  otherwise: OwedCutoffs;
  byCounty: ReadonlyMap<string, OwedCutoffs>;
}

/** today > completedOn + n ⇔ completedOn < today − n: the cutoffs of a day under a county's settings. */
export function owedCutoffs(today: IsoDate, settings: DecisionCheckSettings = {}): OwedCutoffs {
  const s = stepsComplete.settings.parse(settings[stepsComplete.id] ?? {});
  return { completedBefore: addDays(today, -s.resultDueDays), resolvedBefore: addDays(today, -s.resultDueDaysWithoutCompletion) };
}

/** The step owed only once the work is done; every other step is owed from the start. */
export const RESULT_STEP: DecisionStepKind = 'result-disclosure';
export const EARLY_STEPS: readonly DecisionStepKind[] = DECISION_STEPS.filter((k) => k !== RESULT_STEP);
/** The step whose date starts the 实施结果公开's long deadline when no completion is on record. */
export const RESOLUTION_STEP: DecisionStepKind = 'villagers-resolution';

/**
 * What a store keeps of a matter's current record to count it (MatterCountStore): whether one of
 * the first five steps, or the 实施结果公开, is not on record, and the two days the 实施结果公开's
 * deadline runs from. Neither the day nor a county's thresholds are in it.
 */
export interface MatterCountingFacts {
  earlyMissing: boolean;
  resultMissing: boolean;
  completedOn: IsoDate | null;
  resolvedOn: IsoDate | null;
}

export function countingFacts(record: DecisionRecord): MatterCountingFacts {
  return {
    earlyMissing: EARLY_STEPS.some((kind) => effectiveStep(record, kind) === null),
    resultMissing: effectiveStep(record, RESULT_STEP) === null,
    completedOn: record.completedOn,
    resolvedOn: effectiveStep(record, RESOLUTION_STEP)?.date ?? null,
  };
}

/** Whether a matter with these facts lacks a step owed under these cutoffs: what the stores count in SQL. */
export function lacksOwedStep(facts: MatterCountingFacts, cutoffs: OwedCutoffs): boolean {
  if (facts.earlyMissing) return true;
  if (!facts.resultMissing) return false;
  if (facts.completedOn !== null) return facts.completedOn < cutoffs.completedBefore;
  if (facts.resolvedOn !== null) return facts.resolvedOn < cutoffs.resolvedBefore;
  return false;
}
