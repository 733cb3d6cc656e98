import { daysInMonth } from '../dates.ts';

/**
 * Stepping through a contract's term on calendar days (YYYY-MM-DD, no time zones). A day that
 * does not exist in the target month rolls over, as Excel's DATE() does: a contract year that
 * starts on 2024-02-29 is followed by one starting 2025-03-01, so the first year still ends on
 * 2025-02-28 and no day is paid for twice or not at all.
 */

export function addMonths(date: string, months: number): string {
  const { y, m, d } = parts(date);
  return fromUtc(Date.UTC(y, m - 1 + months, d));
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parts(date);
  return fromUtc(Date.UTC(y, m - 1, d + days));
}

/** The first month-day on or after `date`; 2月29日 falls on 2月28日 in other years. */
export function firstOnOrAfter(date: string, month: number, day: number): string {
  const { y } = parts(date);
  const inYear = (year: number): string => iso(year, month, Math.min(day, daysInMonth(year, month)));
  const same = inYear(y);
  return same >= date ? same : inYear(y + 1);
}

/** Whole years from start to end inclusive (2019-01-01..2033-12-31 → 15), or null when not whole. */
export function wholeYears(start: string, end: string): number | null {
  const guess = Number(end.slice(0, 4)) - Number(start.slice(0, 4)) + 1;
  for (const n of [guess - 1, guess]) {
    if (n >= 1 && addDays(addYears(start, n), -1) === end) return n;
  }
  return null;
}

// ——— private helpers ———

function parts(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function fromUtc(ms: number): string {
  const t = new Date(ms);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
