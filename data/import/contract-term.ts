import { parseDate } from '../dates.ts';
import { cellText, type Cell } from './grid.ts';
import { addDays, addYears } from './iso-date-math.ts';

/**
 * A 起止日期 or 期限 cell: two dates (2019.01.01-2033.12.31, 2019年1月1日至2033年12月31日) or a
 * number of years (15年, or 15 under a 承包期限（年） header).
 */
export type TermParse =
  | { kind: 'empty' }
  | { kind: 'range'; start: string; end: string }
  | { kind: 'years'; years: number }
  | { kind: 'invalid'; reason: string; reasonEn: string };

export function parseTerm(cell: Cell | undefined): TermParse {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1 && cell <= 100) return { kind: 'years', years: cell };
  const text = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
  if (text === '' || /^[-—–/无]+$/.test(text)) return { kind: 'empty' };
  const dates = [...text.matchAll(DATE)].map((m) => m[0]);
  if (dates.length === 2) {
    const [start, end] = dates.map((d) => parseDate(d));
    if (start?.kind === 'ok' && end?.kind === 'ok') return { kind: 'range', start: start.date, end: end.date };
    const bad = [start, end].find((p) => p?.kind === 'invalid');
    if (bad?.kind === 'invalid') return bad;
  }
  const years = /^(\d{1,3})(?:年|周年)?$/.exec(text);
  if (years && Number(years[1]) >= 1 && Number(years[1]) <= 100) return { kind: 'years', years: Number(years[1]) };
  return {
    kind: 'invalid',
    reason: `无法识别的合同期限“${text}”，请写成“2019.01.01-2033.12.31”“2019年1月1日至2033年12月31日”或“15年”`,
    reasonEn: `unrecognised term “${text}”; write it as 2019.01.01-2033.12.31, 2019年1月1日至2033年12月31日 or 15年`,
  };
}

/** The last day of a term of whole years: 2019-01-01 + 15 years → 2033-12-31. */
export function endAfterYears(start: string, years: number): string {
  return addDays(addYears(start, years), -1);
}

// ——— private helpers ———

const DATE = /\d{4}[年./-]\d{1,2}[月./-]\d{1,2}[日号]?|\d{8}/g;
