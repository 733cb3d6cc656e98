import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * One working-day clock for every deadline, in China's time (UTC+8 all year: China has had no
 * summer time since 1991): weekends, the State Council's public holidays, and the weekend days
 * made working days by 调休 (e.g. Saturday 2026-10-10 after 国庆).
 *
 * The holiday table is the `chinese-days` package's own (its dist/chinese-days.json), read
 * directly rather than through its isWorkday(): that function reads a 'YYYY-MM-DD' string as UTC
 * midnight and then takes the host's local date, so on a host west of UTC it answers for the day
 * before (under TZ=America/New_York it calls Monday 2026-07-13 a rest day). The table itself has
 * no time zone, so answers here do not depend on where the server runs.
 *
 * The table holds only years whose arrangements the State Council has published (1.5.7: 2004–2026).
 * For any other year the package, and this clock, fall back to plain Monday–Friday. A deadline
 * running over a holiday in such a year then comes early: that errs towards flagging a late answer,
 * never towards hiding one. Updating the package adds the new year.
 */

const HOLIDAYS: Readonly<Record<string, string>> = calendar.holidays;
const SWAPPED_WORKING_DAYS: Readonly<Record<string, string>> = calendar.workdays;
const KNOWN_YEARS: ReadonlySet<number> = new Set(Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4))));

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;

/** Whether the holiday table covers `year`; if not, that year's working days are Monday–Friday. */
export function calendarKnowsYear(year: number): boolean {
  return KNOWN_YEARS.has(year);
}

/** The date (YYYY-MM-DD) in China at that instant. */
export function chinaDate(instant: string | Date): string {
  return new Date(instantMs(instant) + CHINA_OFFSET).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  if (SWAPPED_WORKING_DAYS[date] !== undefined) return true;
  if (HOLIDAYS[date] !== undefined) return false;
  const weekday = new Date(dateMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * `at` (an ISO instant) plus n working days, keeping the time of day: each step moves one calendar
 * day and counts it if it is a working day in China. n ≤ 0 adds nothing.
 */
export function addWorkingDays(at: string, n: number): string {
  let t = instantMs(at);
  let left = n;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(chinaDate(new Date(t)))) left -= 1;
  }
  return new Date(t).toISOString();
}

/**
 * Working days after `from` up to and including `to` (both YYYY-MM-DD): 1 from a Friday to the next
 * Monday; 0 when they are the same day; negative, counted the same way backwards, when `to` is earlier.
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = dateMs(from);
  const end = dateMs(to);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let t = low + DAY; t <= high; t += DAY) if (isWorkingDay(isoDate(t))) count += 1;
  return sign * count;
}

/** The last millisecond of that date in China, as an ISO instant: 2026-10-09 → 2026-10-09T15:59:59.999Z. */
export function endOfChinaDay(date: string): string {
  return new Date(dateMs(date) + DAY - CHINA_OFFSET - 1).toISOString();
}

// ——— private helpers ———

function instantMs(instant: string | Date): number {
  const t = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(instant)}`);
  return t;
}

/** UTC midnight of a YYYY-MM-DD date, used only as a day number (its UTC fields are the date's). */
function dateMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(t) || isoDate(t) !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return t;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
