import { chinaDate } from '../working-days.ts';
import type { Complaint } from './complaint.ts';

/**
 * Complaints received and closed per month (China time), for the trend charts on region pages:
 * the last `months` months up to and including the month of `now`, oldest first, every month
 * present (a quiet month is a zero, not a gap). A complaint counts as closed in the month of its
 * latest close; one reopened since counts as not closed.
 */
export interface MonthCount {
  /** YYYY-MM */
  month: string;
  received: number;
  closed: number;
}

export function complaintTrend(complaints: readonly Pick<Complaint, 'status' | 'events' | 'receivedAt'>[], now: string, months = 12): MonthCount[] {
  const list = lastMonths(chinaMonth(now), months);
  const index = new Map(list.map((m, i) => [m.month, i]));
  for (const c of complaints) {
    const r = index.get(chinaMonth(c.receivedAt));
    if (r !== undefined) list[r]!.received += 1;
    if (c.status !== 'closed') continue;
    const close = [...c.events].reverse().find((e) => e.type === 'close');
    const k = close ? index.get(chinaMonth(close.at)) : undefined;
    if (k !== undefined) list[k]!.closed += 1;
  }
  return list;
}

/** The months a trend shows, oldest first: what a store counts in (ComplaintFigureStore.complaintMonths). */
export function trendMonths(now: string, months = 12): string[] {
  return lastMonths(chinaMonth(now), months).map((m) => m.month);
}

/** YYYY-MM of an instant in China (UTC+8). */
export function chinaMonth(instant: string): string {
  return chinaDate(instant).slice(0, 7);
}

function lastMonths(last: string, count: number): MonthCount[] {
  let y = Number(last.slice(0, 4));
  let m = Number(last.slice(5, 7));
  const out: MonthCount[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift({ month: `${y}-${String(m).padStart(2, '0')}`, received: 0, closed: 0 });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
