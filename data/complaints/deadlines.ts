import type { Complaint, ComplaintEvent } from './complaint.ts';

/**
 * When a complaint is late. The office has `dispatchWorkingDays` working days (Monday to Friday
 * in China's time zone) from receipt — or from reopening — to send it to a department, and the
 * department has `answerDays` calendar days from being sent it to answer. Public holidays and
 * their swapped working days (调休) are not modelled: a deadline over a holiday comes early,
 * which errs towards flagging, never towards hiding a late answer.
 */
export interface Deadlines {
  dispatchWorkingDays: number;
  answerDays: number;
}

export const DEFAULT_DEADLINES: Deadlines = { dispatchWorkingDays: 2, answerDays: 15 };

export type Lateness =
  | { late: false; due: string | null }
  | { late: true; due: string; waitingFor: 'dispatch' | 'answer' };

/** Whether the complaint is overdue at `now`, and what it waits for; closed and answered ones never are. */
export function lateness(complaint: Pick<Complaint, 'status' | 'events'>, deadlines: Deadlines, now: string): Lateness {
  const since = lastOf(complaint.events, complaint.status === 'received' ? ['received', 'reopen'] : ['dispatch']);
  if (!since || (complaint.status !== 'received' && complaint.status !== 'dispatched')) return { late: false, due: null };
  const due =
    complaint.status === 'received'
      ? addWorkingDays(since.at, deadlines.dispatchWorkingDays)
      : new Date(Date.parse(since.at) + deadlines.answerDays * DAY).toISOString();
  return Date.parse(now) > Date.parse(due) ? { late: true, due, waitingFor: complaint.status === 'received' ? 'dispatch' : 'answer' } : { late: false, due };
}

/** `at` plus n working days (Mon–Fri, China time), keeping the time of day. */
export function addWorkingDays(at: string, n: number): string {
  let t = Date.parse(at);
  let left = n;
  while (left > 0) {
    t += DAY;
    const weekday = new Date(t + CHINA_OFFSET).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t).toISOString();
}

// ——— private helpers ———

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;

function lastOf(events: readonly ComplaintEvent[], types: readonly ComplaintEvent['type'][]): ComplaintEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (types.includes(events[i]!.type)) return events[i];
  return undefined;
}
