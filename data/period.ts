/**
 * Reporting periods: 'YYYY' (a year), 'YYYY-Qn' (a quarter) or 'YYYY-MM' (a month), as in
 * `Period` of data/publication.ts. Functions that take a Period throw on a malformed one:
 * callers hold validated periods, so a bad one is a programming error.
 */
import { toHalfWidth } from './money.ts';

export interface PeriodParts {
  year: number;
  /** 1–12 */
  startMonth: number;
  /** 12, 3 or 1 */
  months: number;
}

const QUARTER_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const CN_QUARTER = ['', '一', '二', '三', '四'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Canonical period from a period written on its own ('2026年第三季度', '2026q3', '2026-7', '202607'), else null. */
export function normalisePeriod(text: string): string | null {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  let m = /^(\d{4})(?:年度?)?$/.exec(s);
  if (m) return year(m[1]);
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(s);
  if (m) return quarter(m[1], m[2]);
  m = /^(\d{4})年?(?:度)?第?([一二三四1-4])季度?$/.exec(s);
  if (m && /季/.test(s)) return quarter(m[1], m[2]);
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月份?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) return month(m[1], m[2]);
  return null;
}

/**
 * The period a title speaks of, the most specific one found: a month, else a quarter, else a year.
 * Full dates (2026年10月10日) are not periods and are ignored. Null when nothing is found or two
 * equally specific periods disagree.
 */
export function periodFromText(text: string): string | null {
  let s = toHalfWidth(text).replace(/\s+/g, '');
  s = s
    .replace(/\d{4}年\d{1,2}月\d{1,2}[日号]/g, '　')
    .replace(/(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/g, '　');

  const months: string[] = [];
  const quarters: string[] = [];
  const years: string[] = [];
  const add = (list: string[], p: string | null) => p && list.push(p);

  // A month range: a whole quarter becomes the quarter, one month the month, anything else the year.
  for (const m of s.matchAll(/(?<!\d)(\d{4})年(?:度)?(\d{1,2})月?(?:份)?[-—–~至到](\d{1,2})月(?:份)?/g)) {
    const from = Number(m[2]);
    const to = Number(m[3]);
    if (from === to) add(months, month(m[1], m[2]));
    else if (from % 3 === 1 && to === from + 2) add(quarters, quarter(m[1], String((from + 2) / 3)));
    else if (from >= 1 && to <= 12 && from < to) add(years, year(m[1]));
    s = s.replace(m[0], '　');
  }
  for (const m of s.matchAll(/(?<!\d)(\d{4})年(\d{1,2})月/g)) add(months, month(m[1], m[2]));
  for (const m of s.matchAll(/(?<![\d-])(\d{4})-(\d{1,2})(?![\d-])/g)) add(months, month(m[1], m[2]));
  for (const m of s.matchAll(/(?<!\d)(\d{4})年?(?:度)?第?([一二三四1-4])季/g)) add(quarters, quarter(m[1], m[2]));
  for (const m of s.matchAll(/(?<!\d)(\d{4})-?[Qq]([1-4])(?![\d])/g)) add(quarters, quarter(m[1], m[2]));
  for (const m of s.matchAll(/(?<!\d)(\d{4})年/g)) add(years, year(m[1]));

  for (const list of [months, quarters, years]) {
    const distinct = new Set(list);
    if (distinct.size === 1) return list[0] ?? null;
    if (distinct.size > 1) return null;
  }
  return null;
}

/** The smallest month, else quarter, else year that contains every date; null if none or spanning years. */
export function periodFromDates(dates: string[]): string | null {
  const parts = dates.map((d) => /^(\d{4})-(\d{2})-\d{2}$/.exec(d));
  if (parts.length === 0 || parts.some((p) => !p)) return null;
  const years = new Set(parts.map((p) => p?.[1]));
  if (years.size !== 1) return null;
  const y = parts[0]?.[1] ?? '';
  const ms = new Set(parts.map((p) => Number(p?.[2])));
  if (ms.size === 1) return month(y, String([...ms][0]));
  const qs = new Set([...ms].map((m) => Math.ceil(m / 3)));
  if (qs.size === 1) return quarter(y, String([...qs][0]));
  return y;
}

/** Whether a YYYY-MM-DD date falls inside the period. */
export function periodContains(period: string, date: string): boolean {
  const p = requirePeriod(period);
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m) return false;
  const month = Number(m[2]);
  return Number(m[1]) === p.year && month >= p.startMonth && month < p.startMonth + p.months;
}

export function periodYear(period: string): number {
  return requirePeriod(period).year;
}

/** '2026年第三季度' / '2026年7月' / '2026年' */
export function periodLabel(period: string): string {
  const p = requirePeriod(period);
  if (p.months === 12) return `${p.year}年`;
  if (p.months === 3) return `${p.year}年第${CN_QUARTER[(p.startMonth + 2) / 3]}季度`;
  return `${p.year}年${p.startMonth}月`;
}

/** '2026 Q3' / 'July 2026' / '2026' */
export function periodLabelEn(period: string): string {
  const p = requirePeriod(period);
  if (p.months === 12) return String(p.year);
  if (p.months === 3) return `${p.year} Q${(p.startMonth + 2) / 3}`;
  return `${EN_MONTHS[p.startMonth - 1]} ${p.year}`;
}

/** Chronological by start; a longer period sorts before a shorter one starting the same month. */
export function comparePeriods(a: string, b: string): number {
  const pa = requirePeriod(a);
  const pb = requirePeriod(b);
  const start = pa.year * 12 + pa.startMonth - (pb.year * 12 + pb.startMonth);
  return start !== 0 ? start : pb.months - pa.months;
}

/** Parts of a canonical period, or null if it is not one. */
export function parsePeriod(period: string): PeriodParts | null {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2]) return { year: y, startMonth: Number(m[2]) * 3 - 2, months: 3 };
  if (m[3]) return { year: y, startMonth: Number(m[3]), months: 1 };
  return { year: y, startMonth: 1, months: 12 };
}

// ——— private helpers ———

function requirePeriod(period: string): PeriodParts {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period (YYYY, YYYY-Qn or YYYY-MM): ${JSON.stringify(period)}`);
  return p;
}

function plausibleYear(y: string | undefined): y is string {
  const n = Number(y);
  return y !== undefined && n >= 1900 && n <= 2199;
}

function year(y: string | undefined): string | null {
  return plausibleYear(y) ? y : null;
}

function quarter(y: string | undefined, q: string | undefined): string | null {
  const n = QUARTER_NUMERALS[q ?? ''];
  return plausibleYear(y) && n ? `${y}-Q${n}` : null;
}

function month(y: string | undefined, m: string | undefined): string | null {
  const n = Number(m);
  return plausibleYear(y) && Number.isInteger(n) && n >= 1 && n <= 12 ? `${y}-${String(n).padStart(2, '0')}` : null;
}
