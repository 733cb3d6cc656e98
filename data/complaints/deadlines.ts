import { addWorkingDays } from '../working-days.ts';
import type { Complaint, ComplaintEvent } from './complaint.ts';

export { addWorkingDays };

/**
 * When a complaint is late. The office has `dispatchWorkingDays` working days from receipt — or
 * from reopening — to send it to a department, and the department has `answerDays` calendar days
 * from being sent it to answer. Working days are China's (working-days.ts): weekends and public
 * holidays are skipped and the weekend days swapped into working days (调休) count; in a year whose
 * holidays are not yet published the clock falls back to Monday–Friday, so a deadline over such a
 * holiday comes early — erring towards flagging, never towards hiding a late answer.
 */
export interface Deadlines {
  dispatchWorkingDays: number;
  answerDays: number;
}

export const DEFAULT_DEADLINES: Deadlines = { dispatchWorkingDays: 2, answerDays: 15 };

export type Lateness =
  | { late: false; due: string | null }
  | { late: true; due: string; waitingFor: 'dispatch' | 'answer' };

/** What a complaint waits for and since when (the last receipt or reopening, or the last dispatch); null once answered or closed. */
export function waitingOf(complaint: Pick<Complaint, 'status' | 'events'>): { waitingFor: 'dispatch' | 'answer'; since: string } | null {
  if (complaint.status === 'received') {
    const since = lastOf(complaint.events, ['received', 'reopen']);
    return since ? { waitingFor: 'dispatch', since: since.at } : null;
  }
  if (complaint.status === 'dispatched') {
    const since = lastOf(complaint.events, ['dispatch']);
    return since ? { waitingFor: 'answer', since: since.at } : null;
  }
  return null;
}

/** Whether the complaint is overdue at `now`, and what it waits for; closed and answered ones never are. */
export function lateness(complaint: Pick<Complaint, 'status' | 'events'>, deadlines: Deadlines, now: string): Lateness {
  const waiting = waitingOf(complaint);
  if (!waiting) return { late: false, due: null };
  const due =
    waiting.waitingFor === 'dispatch'
      ? addWorkingDays(waiting.since, deadlines.dispatchWorkingDays)
      : new Date(Date.parse(waiting.since) + deadlines.answerDays * DAY).toISOString();
  return Date.parse(now) > Date.parse(due) ? { late: true, due, waitingFor: waiting.waitingFor } : { late: false, due };
}

// ——— private helpers ———

const DAY = 86_400_000;

function lastOf(events: readonly ComplaintEvent[], types: readonly ComplaintEvent['type'][]): ComplaintEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (types.includes(events[i]!.type)) return events[i];
  return undefined;
}
