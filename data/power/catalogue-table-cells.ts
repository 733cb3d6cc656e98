import { looksLikeFormula } from '../csv-formula.ts';
import { parseDate } from '../dates.ts';
import type { Fraction } from '../fraction.ts';
import { cellText, type Cell } from '../import/grid.ts';
import { quote } from '../import/issues.ts';
import { fenToPlain, parseAmount, toHalfWidth } from '../money.ts';

/**
 * What one cell of the power-catalogue table (catalogue-table.ts) means, both ways: readers turn
 * a cell into a value or say why they cannot, writers turn a value into the text the reader takes
 * back. They sit side by side so that a downloaded list always reads back as it was.
 */

export type CellRead<T> = { kind: 'ok'; value: T } | { kind: 'empty' } | { kind: 'invalid'; reason: string; reasonEn: string };

/**
 * A cell's text made safe to open in a spreadsheet: an apostrophe before a formula. Text that
 * already starts with an apostrophe gets one more, so that `cellString` gives back exactly the text.
 */
export function formulaSafe(text: string): string {
  return looksLikeFormula(text) || text.startsWith("'") ? `'${text}` : text;
}

/** The cell's text as the official meant it: trimmed, the download's formula guard taken off. */
export function cellString(cell: Cell | undefined): string {
  const text = cellText(cell);
  if (!text.startsWith("'")) return text;
  const rest = text.slice(1);
  return looksLikeFormula(rest) || rest.startsWith("'") ? rest.trim() : text;
}

export function readText(cell: Cell | undefined): CellRead<string> {
  const text = cellString(cell);
  return text === '' ? EMPTY : ok(text);
}

/** 步骤序号, 时限天数, 公开天数: a whole number, typed or from a number cell. Its range is the schema's to judge. */
export function readWhole(cell: Cell | undefined): CellRead<number> {
  if (typeof cell === 'number') {
    return Number.isSafeInteger(cell) ? ok(cell) : invalid(`“${cellText(cell)}”不是整数`, `"${cellText(cell)}" is not a whole number`);
  }
  const text = toHalfWidth(cellString(cell)).replace(/\s+/g, '');
  if (text === '') return EMPTY;
  const n = Number(text);
  return /^[+-]?\d{1,15}$/.test(text) && Number.isSafeInteger(n) ? ok(n) : invalid(`“${quote(text)}”不是整数`, `"${quote(text)}" is not a whole number`);
}

/** 金额下限（元）: yuan as written, to integer fen by parseAmount (never through a float product). */
export function readFen(cell: Cell | undefined): CellRead<number> {
  const parsed = parseAmount(typeof cell === 'string' ? cellString(cell) : (cell ?? null));
  if (parsed.kind === 'ok') return ok(parsed.fen);
  return parsed.kind === 'empty' ? EMPTY : invalid(parsed.reason, parsed.reasonEn);
}

export function writeFen(fen: number | null): string {
  return fen === null ? '' : fenToPlain(fen);
}

/** 发布日期: a date cell, 2026-03-01, 2026/3/1 or 2026年3月1日. */
export function readDate(cell: Cell | undefined): CellRead<string> {
  const parsed = parseDate(typeof cell === 'string' ? cellString(cell) : (cell ?? null));
  if (parsed.kind === 'ok') return ok(parsed.date);
  return parsed.kind === 'empty' ? EMPTY : invalid(parsed.reason, parsed.reasonEn);
}

/**
 * 到会比例, 赞成比例: 2/3. Excel turns a typed 2/3 into 2月3日 unless the cell is text, and which of
 * the two numbers is the month depends on the computer's locale, so a date is refused with that hint
 * rather than guessed back.
 */
export function readFraction(cell: Cell | undefined): CellRead<Fraction> {
  const text = toHalfWidth(cellString(cell)).replace(/\s+/g, '');
  if (text === '') return EMPTY;
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (m && !(cell instanceof Date)) return ok({ num: Number(m[1]), den: Number(m[2]) });
  if (cell instanceof Date || parseDate(text).kind === 'ok') {
    return invalid(
      `“${quote(text)}”被表格软件存成了日期；请把这一列设为“文本”格式后重新填写分数，如 2/3`,
      `"${quote(text)}" was stored as a date by the spreadsheet; format the column as text and type the fraction again, e.g. 2/3`,
    );
  }
  return invalid(`“${quote(text)}”不是比例，应写成分数，如 2/3`, `"${quote(text)}" is not a share; write a fraction such as 2/3`);
}

/** 时限单位 as the table writes it. */
export const DEADLINE_UNIT_CELL = { working: '工作日', calendar: '日' } as const;

/** The catalogue's own 个工作日 (DEADLINE_UNIT_NAME) reads too, and 天 / 自然日 as calendar days. */
export function readDeadlineUnit(cell: Cell | undefined): CellRead<'working' | 'calendar'> {
  return readName(cell, DEADLINE_UNIT_CELL, { zh: '时限单位', en: 'deadline unit' }, { 个工作日: 'working', 天: 'calendar', 自然日: 'calendar' });
}

export function writeFraction(f: Fraction | null): string {
  return f === null ? '' : `${f.num}/${f.den}`;
}

/**
 * One of a fixed list of names (责任主体, 类别, 表决基数 …). Quotes, spaces and full- or half-width
 * brackets do not matter, so 村"两委" and 乡镇(街道) read as 村“两委” and 乡镇（街道）.
 */
export function readName<K extends string>(
  cell: Cell | undefined,
  names: Readonly<Record<K, string>>,
  what: { zh: string; en: string },
  synonyms: Readonly<Record<string, K>> = {},
): CellRead<K> {
  const text = cellString(cell);
  if (text === '') return EMPTY;
  const found = lookup(text, names, synonyms);
  if (found !== null) return ok(found);
  const list = Object.values<string>(names).join('、');
  return invalid(`“${quote(text)}”不是可用的${what.zh}，可填：${list}`, `"${quote(text)}" is not a known ${what.en}; use one of: ${list}`);
}

/** 留存材料: several names from a fixed list, separated by 、 ， or , (or line breaks). */
export function readNames<K extends string>(cell: Cell | undefined, names: Readonly<Record<K, string>>, what: { zh: string; en: string }): CellRead<K[]> {
  const pieces = splitOn(cellString(cell), /[、，,\r\n]/);
  if (pieces.length === 0) return EMPTY;
  const found = pieces.map((p) => lookup(p, names, {}));
  const unknown = pieces.filter((_, i) => found[i] === null);
  if (unknown.length === 0) return ok(found as K[]);
  const list = Object.values<string>(names).join('、');
  const shown = unknown.map((u) => `“${quote(u)}”`).join('、');
  return invalid(`${shown}不是可用的${what.zh}，可填：${list}（用“、”分隔）`, `${shown} is not a known ${what.en}; use: ${list} (separated by 、)`);
}

/** 公开地点: places separated by 、 (or line breaks). */
export function readPlaces(cell: Cell | undefined): CellRead<string[]> {
  const pieces = splitOn(cellString(cell), /[、\r\n]/);
  return pieces.length === 0 ? EMPTY : ok(pieces);
}

export function writeList(values: readonly string[]): string {
  return values.join('、');
}

/**
 * 法律依据: one per line. A cell of a single line may use ； between them instead; a cell with any
 * line break is split at line breaks only, because a basis may quote a rule that itself has ；.
 * Reads the raw cell, as cellText would trim away a final line break.
 */
export function readLines(cell: Cell | undefined): CellRead<string[]> {
  const raw = typeof cell === 'string' ? cell : cellText(cell);
  const text = cellString(raw.trim());
  const pieces = splitOn(text, /[\r\n]/.test(raw) ? /\r\n|\r|\n/ : /；/);
  return pieces.length === 0 ? EMPTY : ok(pieces);
}

/** One per line; a single basis that holds ； ends in a line break so it is not split when read back. */
export function writeLines(values: readonly string[]): string {
  const text = values.join('\n');
  return values.length === 1 && text.includes('；') ? `${text}\n` : text;
}

export const EMPTY: CellRead<never> = { kind: 'empty' };

// ——— private helpers ———

function ok<T>(value: T): CellRead<T> {
  return { kind: 'ok', value };
}

function invalid(reason: string, reasonEn: string): CellRead<never> {
  return { kind: 'invalid', reason, reasonEn };
}

function splitOn(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function nameKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s“”"'‘’「」]/g, '');
}

function lookup<K extends string>(text: string, names: Readonly<Record<K, string>>, synonyms: Readonly<Record<string, K>>): K | null {
  const key = nameKey(text);
  for (const [value, name] of Object.entries<string>(names)) if (nameKey(name) === key) return value as K;
  for (const [name, value] of Object.entries<K>(synonyms)) if (nameKey(name) === key) return value;
  return null;
}
