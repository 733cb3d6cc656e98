import { parsePeriod } from '../../period.ts';

/**
 * Whole-day arithmetic on YYYY-MM-DD dates, through UTC so no time zone or daylight saving can
 * shift a day. Dates compare as strings; these only add and count days.
 */

const DAY = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * DAY).toISOString().slice(0, 10);
}

/** `to` − `from` in days: 2026-01-01 → 2026-01-31 is 30. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The same day `months` later, or the month's last day when it is shorter (31 January + 1 → 28 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + m - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function periodFirstDay(period: string): string {
  const p = requirePeriod(period);
  return `${p.year}-${pad(p.startMonth)}-01`;
}

export function periodLastDay(period: string): string {
  const p = requirePeriod(period);
  const endMonth = p.startMonth + p.months - 1;
  return `${p.year}-${pad(endMonth)}-${pad(new Date(Date.UTC(p.year, endMonth, 0)).getUTCDate())}`;
}

/** The months a period spans, as YYYY-MM. */
export function periodMonths(period: string): string[] {
  const p = requirePeriod(period);
  return Array.from({ length: p.months }, (_, i) => `${p.year}-${pad(p.startMonth + i)}`);
}

// ——— private helpers ———

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function utc(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

function requirePeriod(period: string) {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${JSON.stringify(period)}`);
  return p;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
