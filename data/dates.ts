/**
 * Calendar dates as written in village files, normalised to YYYY-MM-DD.
 * No time zones: a date is a calendar day, and exceljs date cells are read by their UTC fields.
 */
import { toHalfWidth } from './money.ts';

export type DateParse =
  | { kind: 'empty' }
  | { kind: 'ok'; date: string /* YYYY-MM-DD */ }
  | { kind: 'invalid'; reason: string; reasonEn: string };

/** Years a village record can plausibly carry; outside this a date is a typo. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** Excel 1900-system serials accepted as dates: 20000 = 1954-10-03, 80000 = 2119-01-11. */
export const MIN_SERIAL = 20000;
export const MAX_SERIAL = 80000;

const EMPTY_MARKS = new Set(['', '-', '--', '—', '——', '–', '/']);

export function parseDate(value: unknown, context: { year?: number } = {}): DateParse {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return invalid('日期无效', 'invalid date');
    return dateFromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return fromSerial(value);
  if (typeof value !== 'string') return invalid('不是日期', 'not a date');

  const original = value.trim();
  const s = toHalfWidth(value).replace(/\s+/g, ' ').trim();
  if (EMPTY_MARKS.has(s)) return { kind: 'empty' };
  // CSV exports often carry a midnight time after the date
  const text = s.replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '').replace(/\s+/g, '');

  const full =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (full) return dateFromParts(Number(full[1]), Number(full[2]), Number(full[3]));

  const short = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(text) ?? /^(\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (short) {
    if (context.year === undefined) {
      return invalid(`“${original}”缺少年份`, `"${original}" has no year`);
    }
    return dateFromParts(context.year, Number(short[1]), Number(short[2]));
  }

  if (/^\d{4}(年\d{1,2}月?|[-/.]\d{1,2})$/.test(text)) {
    return invalid(`“${original}”缺少日`, `"${original}" has no day of the month`);
  }
  return invalid(`无法识别的日期“${original}”`, `unrecognised date "${original}"`);
}

/** Rejects impossible days such as 2026-02-30 and years outside MIN_YEAR–MAX_YEAR. */
export function dateFromParts(year: number, month: number, day: number): DateParse {
  if (![year, month, day].every(Number.isInteger)) {
    return invalid('日期的年月日必须是整数', 'year, month and day must be whole numbers');
  }
  const written = `${year}-${month}-${day}`;
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return invalid(`日期 ${written} 的年份不合理`, `date ${written} has an implausible year`);
  }
  if (month < 1 || month > 12) {
    return invalid(`日期 ${written} 的月份不存在`, `date ${written} has no such month`);
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return invalid(`日期 ${written} 不存在（${month}月没有${day}日）`, `date ${written} does not exist`);
  }
  return { kind: 'ok', date: `${year}-${pad2(month)}-${pad2(day)}` };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ——— private helpers ———

function fromSerial(serial: number): DateParse {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial >= MAX_SERIAL + 1) {
    return invalid(
      `数字 ${serial} 不是日期（Excel 日期序号应在 ${MIN_SERIAL}–${MAX_SERIAL} 之间）`,
      `the number ${serial} is not a date (Excel date serials run ${MIN_SERIAL}–${MAX_SERIAL})`,
    );
  }
  // Day 0 of the 1900 system is 1899-12-30 for every serial after Excel's phantom 1900-02-29;
  // a fractional part is the time of day.
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  const d = new Date(ms);
  return dateFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function invalid(reason: string, reasonEn: string): DateParse {
  return { kind: 'invalid', reason, reasonEn };
}
