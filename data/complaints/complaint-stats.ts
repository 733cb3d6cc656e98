import type { Complaint } from './complaint.ts';
import { middlePositions, noChannels, type ComplaintCounts } from './complaint-facts.ts';
import type { ComplaintChannel } from './complaint-channel.ts';
import { lateness, type Deadlines } from './deadlines.ts';

/**
 * The public figures of a village, township or county ("受理 734 件，办结 694 件，满意率 100%"),
 * computed from the complaints themselves, never typed in.
 */
export interface ComplaintStats {
  received: number;
  closed: number;
  overdue: number;
  /** median days from receipt to the first reply, over complaints that have one; null if none */
  medianDaysToAnswer: number | null;
  /** satisfied feedback / all feedback, 0…1; null when nobody has answered yet */
  satisfaction: number | null;
  /** how many feedbacks the rate is over */
  feedbacks: number;
  /** received, by how they reached the portal (issue 17: 微信群, 电话 … as well as 网上反映) */
  byChannel: Record<ComplaintChannel, number>;
}

/**
 * The figures of complaints in hand, each judged on its own (lateness() for overdue): the reference
 * that the store's counts (ComplaintFigureStore, through statsFromCounts) must equal.
 */
export function complaintStats(complaints: readonly (Pick<Complaint, 'status' | 'events' | 'receivedAt'> & Partial<Pick<Complaint, 'channel'>>)[], deadlines: Deadlines, now: string): ComplaintStats {
  let closed = 0;
  let overdue = 0;
  let satisfied = 0;
  let feedbacks = 0;
  const answers: number[] = [];
  const byChannel = noChannels();
  for (const c of complaints) {
    byChannel[c.channel ?? 'portal'] += 1;
    if (c.status === 'closed') closed += 1;
    if (lateness(c, deadlines, now).late) overdue += 1;
    const reply = c.events.find((e) => e.type === 'reply');
    if (reply) answers.push(Date.parse(reply.at) - Date.parse(c.receivedAt));
    for (const e of c.events) {
      if (e.type !== 'feedback') continue;
      feedbacks += 1;
      if (e.satisfied) satisfied += 1;
    }
  }
  answers.sort((a, b) => a - b);
  return statsFromCounts({ received: complaints.length, closed, overdue, middleAnswers: middlePositions(answers.length).map((i) => answers[i]!), feedbacks, satisfied, byChannel });
}

/** The figures from a store's sums: the median from its middle one or two answer times. */
export function statsFromCounts(counts: ComplaintCounts): ComplaintStats {
  const days = counts.middleAnswers.map((ms) => ms / DAY);
  const median = days.length === 0 ? null : days.length === 1 ? days[0]! : (days[0]! + days[1]!) / 2;
  return {
    received: counts.received,
    closed: counts.closed,
    overdue: counts.overdue,
    medianDaysToAnswer: median === null ? null : Math.round(median * 10) / 10,
    satisfaction: counts.feedbacks === 0 ? null : counts.satisfied / counts.feedbacks,
    feedbacks: counts.feedbacks,
    byChannel: { ...counts.byChannel },
  };
}

// ——— private helpers ———

const DAY = 86_400_000;
