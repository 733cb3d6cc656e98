import type { Complaint } from './complaint.ts';
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
}

export function complaintStats(complaints: readonly Pick<Complaint, 'status' | 'events' | 'receivedAt'>[], deadlines: Deadlines, now: string): ComplaintStats {
  let closed = 0;
  let overdue = 0;
  let satisfied = 0;
  let feedbacks = 0;
  const days: number[] = [];
  for (const c of complaints) {
    if (c.status === 'closed') closed += 1;
    if (lateness(c, deadlines, now).late) overdue += 1;
    const reply = c.events.find((e) => e.type === 'reply');
    if (reply) days.push((Date.parse(reply.at) - Date.parse(c.receivedAt)) / 86_400_000);
    for (const e of c.events) {
      if (e.type !== 'feedback') continue;
      feedbacks += 1;
      if (e.satisfied) satisfied += 1;
    }
  }
  return {
    received: complaints.length,
    closed,
    overdue,
    medianDaysToAnswer: days.length === 0 ? null : Math.round(median(days) * 10) / 10,
    satisfaction: feedbacks === 0 ? null : satisfied / feedbacks,
    feedbacks,
  };
}

// ——— private helpers ———

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
