import type { ComplaintCounts, OverdueCutoffs } from '../complaints/complaint-facts.ts';
import type { MonthCount } from '../complaints/complaint-trend.ts';

/**
 * The complaint figures of the pages above the counties, counted in the store (issue 14): the sums
 * of the complaints under a division (complaint-facts.ts's ComplaintCounts, turned into the public
 * figures by statsFromCounts) and their receipts and closes per month — what complaintStats and
 * complaintTrend say of the same complaints listed, without listing them. Two queries per figure,
 * however many complaints and steps are under the page.
 */
export interface ComplaintFigureStore {
  /** the sums under `prefix` ('' is the whole store), overdue judged by the cutoffs of one instant */
  complaintCounts(prefix: string, cutoffs: OverdueCutoffs): Promise<ComplaintCounts>;
  /** complaints received and closed in each month (YYYY-MM in China; the latest close of those closed), in the months' order */
  complaintMonths(prefix: string, months: readonly string[]): Promise<MonthCount[]>;
}
