import { noChannels, type ComplaintCounts, type OverdueCutoffs } from '../complaints/complaint-facts.ts';
import type { ComplaintChannel } from '../complaints/complaint-channel.ts';
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

/** One channel's sums over a division's counties, as both backends keep them (schema 23, migration 28). */
export interface ChannelSums {
  channel: ComplaintChannel;
  received: number;
  closed: number;
  answered: number;
  feedbacks: number;
  satisfied: number;
}

/** The counts above the counties from the channels' sums and the overdue counted apart; `answered` says which middle answers to read next. */
export function countsFromSums(sums: readonly ChannelSums[], overdue: number): { counts: ComplaintCounts; answered: number } {
  const counts: ComplaintCounts = { received: 0, closed: 0, overdue, middleAnswers: [], feedbacks: 0, satisfied: 0, byChannel: noChannels() };
  let answered = 0;
  for (const s of sums) {
    counts.received += s.received;
    counts.closed += s.closed;
    counts.feedbacks += s.feedbacks;
    counts.satisfied += s.satisfied;
    counts.byChannel[s.channel] = s.received;
    answered += s.answered;
  }
  return { counts, answered };
}
