import type { FlagRuleId } from '../flags/finding.ts';

/**
 * The disclosure calendar's figures of the pages above villages (issue 12's late-disclosure rule;
 * issue 14): under each division, the villages with an active late-disclosure flag public by a given
 * instant, and how many of them have never published. One aggregate in the store per page, so a
 * county's, a province's or the country's dashboard reads no flag and no village one by one.
 */
export interface LateVillageCounts {
  /** villages under the division with an active, public late-disclosure flag */
  late: number;
  /** of those, the villages without a single publication */
  neverPublished: number;
}

export interface LateVillageStore {
  /** The counts under each of these codes ('' is the whole store); a code with no late village has zeros. */
  lateVillageCounts(codes: readonly string[], publicAt: string): Promise<Map<string, LateVillageCounts>>;
}

/** The rule whose flags put a village late on the calendar. */
export const LATE_DISCLOSURE_RULE: FlagRuleId = 'late-disclosure';
