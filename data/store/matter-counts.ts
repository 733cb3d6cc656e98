import type { DecisionCounts } from '../decisions/decision-counts.ts';
import type { MatterCutoffs } from '../decisions/owed-cutoffs.ts';

/**
 * The 四议两公开 figures of the pages above villages, counted in the store (issue 14): the current
 * matters under a division and how many lack a step owed by the cutoffs (owed-cutoffs.ts) — what
 * decisionCounts (data/decisions/decision-counts.ts) says of the same matters judged one by one,
 * without handing them over. One query per page, however many villages are under it.
 */
export interface MatterCountStore {
  matterCounts(prefix: string, cutoffs: MatterCutoffs): Promise<DecisionCounts>;
}
