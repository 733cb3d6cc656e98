import { addDays } from '../flags/rules/days.ts';
import type { IsoDate } from '../publication.ts';
import type { DecisionCheckSettings } from './checks/run-decision-checks.ts';
import { stepsComplete } from './checks/steps-complete.ts';
import { DECISION_STEPS, type DecisionStepKind } from './decision-record.ts';

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
