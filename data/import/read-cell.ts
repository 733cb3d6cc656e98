import { parseAmount, parseDecimal, parseQuantity, type AmountUnit } from '../money.ts';
import { parseDate } from '../dates.ts';
import { DEFAULT_ID_MASK, maskedPersonalNumber } from '../personal-data.ts';
import { recognisePersonalNumbers } from '../privacy/personal-numbers.ts';
import { cellText, type Cell, type GridRow } from './grid.ts';
import type { Column, ColumnMap } from './header-map.ts';
import { at, place, safe, type IssueLog } from './issues.ts';

/**
 * Reading one typed value from a row's mapped column, reporting a bad value with its row, column
 * and header. Readers return null for an empty or unreadable cell (the error is already logged),
 * so an importer can go on and report every problem in the file.
 */
export function cellOf(row: GridRow, column: Column | undefined): Cell | undefined {
  return column ? row.cells[column.index] : undefined;
}

export function textOf(row: GridRow, column: Column | undefined): string | null {
  const text = cellText(cellOf(row, column)).replace(/\s*\n\s*/g, ' ');
  return text === '' ? null : text;
}

export function readAmount(row: GridRow, column: Column | undefined, log: IssueLog, fallbackUnit: AmountUnit = 'yuan'): number | null {
  if (!column || personalNumberInNumber(row, column, log)) return null;
  const parsed = parseAmount(cellOf(row, column) ?? null, column.unit ?? fallbackUnit);
  if (parsed.kind === 'ok') return parsed.fen;
  if (parsed.kind === 'invalid') badValue(row, column, log, 'invalid-amount', parsed.reason, parsed.reasonEn);
  return null;
}

export function readDecimal(row: GridRow, column: Column | undefined, log: IssueLog): { text: string; unit: string | null } | null {
  if (!column || personalNumberInNumber(row, column, log)) return null;
  const cell = cellOf(row, column) ?? null;
  const parsed = typeof cell === 'string' ? parseQuantity(cell) : parseDecimal(cell);
  if (parsed.kind === 'ok') return { text: parsed.text, unit: 'unit' in parsed ? (parsed.unit as string | null) : null };
  if (parsed.kind === 'invalid') badValue(row, column, log, 'invalid-number', parsed.reason, parsed.reasonEn);
  return null;
}

export function readDate(row: GridRow, column: Column | undefined, log: IssueLog, year: number | undefined): string | null {
  if (!column) return null;
  const parsed = parseDate(cellOf(row, column) ?? null, year === undefined ? {} : { year });
  if (parsed.kind === 'ok') return parsed.date;
  if (parsed.kind === 'invalid') badValue(row, column, log, 'invalid-date', parsed.reason, parsed.reasonEn);
  return null;
}

/** Text cells of the columns that are not amounts, where a 合计 or 上期结余 label can sit. */
export function labelTexts(row: GridRow, columns: ColumnMap, amountFields: readonly string[]): string[] {
  const skip = new Set(amountFields.map((f) => columns[f]?.index).filter((i) => i !== undefined));
  return row.cells.flatMap((c, i) => (skip.has(i) || typeof c !== 'string' ? [] : [c]));
}

/**
 * An amount, quantity, rate or area cell holding an ID, phone or card number (typed into the
 * wrong column), or a number of 16+ digits Excel has rounded: refused with an error, never read —
 * these columns are published as written.
 */
export function personalNumberInNumber(row: GridRow, column: Column, log: IssueLog): boolean {
  const cell = cellOf(row, column);
  const [found] = recognisePersonalNumbers(cellText(cell));
  const rounded = typeof cell === 'number' && Math.abs(cell) >= 1e15;
  if (!found && !rounded) return false;
  const name = found ? NUMBER_NAMES[found.kind] : { zh: '被 Excel 存成数字的长号码', en: 'long number stored by Excel as a number' };
  const shown = found ? `（${maskedPersonalNumber(found, DEFAULT_ID_MASK)}）` : '';
  badValue(
    row,
    column,
    log,
    'personal-number-in-number',
    `这一格是${name.zh}${shown}，不是数值；这一列会原样公开，不能填个人号码，请核对`,
    `this cell holds a ${name.en}${shown ? ` ${shown.slice(1, -1)}` : ''}, not a number; this column is published as written and must not hold a personal number, please check it`,
  );
  return true;
}

const NUMBER_NAMES = {
  'id-number': { zh: '身份证号', en: 'ID number' },
  mobile: { zh: '手机号', en: 'mobile number' },
  landline: { zh: '电话号码', en: 'phone number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
} as const;

export function badValue(row: GridRow, column: Column, log: IssueLog, code: string, reason: string, reasonEn: string): void {
  const p = place(at(row.row, column), column.header);
  log.error(code, at(row.row, column), `${p.zh}：${safe(reason)}`, `${p.en}: ${safe(reasonEn)}`);
}
