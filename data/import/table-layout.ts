import type { PublicationKind } from '../publication.ts';
import type { AmountUnit } from '../money.ts';
import { cellText, isEmptyRow, rowLine, type Grid, type GridRow } from './grid.ts';
import { mapColumns, matchHeader, noteUnit, type ColumnMap } from './header-map.ts';
import { rowLabel } from './row-labels.ts';
import { mergeTotalBlocks } from './total-blocks.ts';

/**
 * Where the table is in a sheet: title and note lines above the header, the header (one or two
 * rows), the data rows, and footer lines (监督电话：…, 制表人：…) below or between them.
 */
export type Layout =
  | {
      kind: 'ok';
      title: string | null;
      /** title, note and footer lines in file order, published as written */
      notes: string[];
      /** the sheet row of each of `notes` */
      noteRows: number[];
      headerRows: number[];
      /** the header rows' cell texts, upper row first (header-map.ts headerTexts reads them per column) */
      headerCells: string[][];
      columns: ColumnMap;
      /** 单位：万元 above the header, for columns whose header names no unit */
      defaultUnit: AmountUnit | null;
      /** non-empty rows below the header that are not footer lines */
      body: GridRow[];
      /** the first row below the header that is another table's header (not the same one repeated): the sheet holds two tables */
      secondHeaderRow: number | null;
    }
  | { kind: 'no-header'; found: string[] };

/** A header must name at least this many fields of the kind to count as one. */
export const MIN_HEADER_FIELDS = 3;

export function findLayout(grid: Grid, kind: PublicationKind): Layout {
  const rows = grid.rows;
  // Lines above the row being tried, gathered as we go: recomputing them for every row made a
  // long file without a header take quadratic time (20,000 lines: 80 s).
  const above: string[] = [];
  const aboveRows: number[] = [];
  let defaultUnit: AmountUnit | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as GridRow;
    if (isEmptyRow(row)) continue;
    const upper = texts(row);
    const single = mapColumns(kind, [upper], defaultUnit);
    const next = rows[i + 1];
    const singleCount = Object.keys(single).length;
    // The upper row of a two-row header names fields itself (日期, 金额); a note row above a
    // one-row header (公开单位：…) does not.
    const upperIsHeader = singleCount >= 1 && distinct(upper) >= 2 && !upper.some((t) => /[:：]/.test(t));
    const grouped = next && upperIsHeader ? groupedUpper(upper, texts(next)) : null;
    const pair = grouped ? mapColumns(kind, [grouped, texts(next!)], defaultUnit) : next && upperIsHeader && isHeaderLike(kind, next) ? mapColumns(kind, [upper, texts(next)], defaultUnit) : null;
    const pairCount = pair ? Object.keys(pair).length : 0;
    if (Math.max(singleCount, pairCount) < MIN_HEADER_FIELDS) {
      const line = rowLine(row);
      above.push(line);
      aboveRows.push(row.row);
      defaultUnit ??= noteUnit(line);
      continue;
    }
    const twoRows = grouped !== null || (pair !== null && pairCount > singleCount);
    const headerEnd = twoRows ? i + 2 : i + 1;
    const headerLines = rows.slice(i, headerEnd).map(rowLine);
    const notes = [...above];
    const noteRows = [...aboveRows];
    const body: GridRow[] = [];
    let secondHeaderRow: number | null = null;
    for (const r of rows.slice(headerEnd)) {
      if (isEmptyRow(r)) continue;
      const line = rowLine(r);
      if (headerLines.includes(line)) continue; // the header repeated on each printed page
      secondHeaderRow ??= isAnotherHeader(kind, r) ? r.row : null;
      if (isFooterLine(r)) {
        notes.push(line);
        noteRows.push(r.row);
      } else body.push(r);
    }
    const blocks = mergeTotalBlocks(body);
    const lines = [...notes.map((line, k) => ({ row: noteRows[k]!, line })), ...blocks.notes].sort((a, b) => a.row - b.row);
    return {
      kind: 'ok',
      title: above[0] ?? null,
      notes: lines.map((l) => l.line),
      noteRows: lines.map((l) => l.row),
      headerRows: rows.slice(i, headerEnd).map((r) => r.row),
      headerCells: twoRows ? [grouped ?? upper, texts(rows[i + 1]!)] : [upper],
      columns: twoRows && pair ? pair : single,
      defaultUnit,
      body: totalsFirstMovedLast(blocks.body),
      secondHeaderRow,
    };
  }
  return { kind: 'no-header', found: bestGuessHeader(rows) };
}

/**
 * A line of text that is not an entry: only "label：value" cells (制表人：张三  审核人：李四), or one
 * or two texts of which one is a label, a 注/说明 or a sentence. Numbers and dates make it data.
 */
export function isFooterLine(row: GridRow): boolean {
  const values = row.cells.filter((c) => cellText(c) !== '');
  if (values.some((c) => typeof c === 'number' || c instanceof Date)) return false;
  const unique = [...new Set(values.map((c) => cellText(c).normalize('NFKC')))];
  if (unique.some((t) => TOTAL_OR_OPENING.test(t.replace(/\s+/g, '')))) return false;
  const label = (t: string): boolean => /^[^\d:：]{1,14}[:：]/.test(t) || /^(注|说明|备注|附注)/.test(t);
  if (unique.every(label)) return true;
  if (unique.some(looksNumeric)) return false;
  const only = unique[0] ?? '';
  if (unique.length === 1) return only.length >= 8 || /^\d{4}年\d{1,2}月\d{1,2}日$/.test(only);
  return unique.length === 2 && unique.some(label);
}

// ——— private helpers ———

/**
 * 合计 right under the header (some villages put the total first) is read where a total belongs,
 * after the rows it adds up: each importer checks a total against the rows before it.
 */
function totalsFirstMovedLast(body: GridRow[]): GridRow[] {
  let leading = 0;
  while (leading < body.length && rowLabel(body[leading]!.cells.filter((c): c is string => typeof c === 'string'))?.kind === 'total') leading++;
  return leading === 0 || leading === body.length ? body : [...body.slice(leading), ...body.slice(0, leading)];
}

/** Row labels the importers read as totals or opening balances, never as footer notes. */
const TOTAL_OR_OPENING = /^(.{0,6}(小计|合计|总计|累计)|上期结余|上年结余|上月结余|期初余额|年初余额|承上页|过次页|上期结转|上年结转|上月结转)/;

function looksNumeric(text: string): boolean {
  return /^[\d.,\s()+\-¥元万%]+$/.test(text);
}

function texts(row: GridRow): string[] {
  return row.cells.map((c) => cellText(c));
}

function distinct(values: string[]): number {
  return new Set(values.filter((v) => v !== '')).size;
}

/**
 * The upper row of a header whose second row splits a group (资金来源 over 国补 / 财政奖补 / 村民自筹,
 * merged across them), with the group's name filled into each of its columns; null when the next
 * row is not such a row. Excel's CSV writes a merged cell's text in its first column only, its XLSX
 * reader into every one: both read the same. The lower row holds short texts only, each under a
 * group of two or more columns.
 */
export function groupedUpper(upper: readonly string[], lower: readonly string[]): string[] | null {
  const filled = [...upper];
  let groups = 0;
  for (let k = 0; k < lower.length; k++) {
    const text = (lower[k] ?? '').trim();
    if (text === '') continue;
    if (text.length > 12 || /^[\d.,\s()（）+\-¥￥元%*]+$/.test(text.normalize('NFKC')) || /[:：]/.test(text)) return null;
    if ((filled[k] ?? '') === '') {
      // a merged cell as CSV writes it: the group's name is in the first column of its span
      if (k === 0 || (filled[k - 1] ?? '') === '' || (lower[k - 1] ?? '').trim() === '') return null;
      filled[k] = filled[k - 1]!;
    }
    const spansTwo = filled[k] === filled[k - 1] || filled[k] === upper[k + 1] || ((upper[k + 1] ?? '') === '' && (lower[k + 1] ?? '').trim() !== '');
    if (!spansTwo) return null;
    if (filled[k] !== filled[k - 1]) groups++;
  }
  return groups > 0 ? filled : null;
}

/**
 * A row below the header that is a header itself — texts only, no number or date, naming as many
 * fields as a header must — but not the same header repeated (skipped before this is asked).
 * Rows with a number are entries, so the header matching runs on few rows.
 */
function isAnotherHeader(kind: PublicationKind, row: GridRow): boolean {
  const values = row.cells.filter((c) => cellText(c) !== '');
  if (values.length < MIN_HEADER_FIELDS || values.some((c) => typeof c !== 'string' || /\d/.test(c))) return false;
  return Object.keys(mapColumns(kind, [texts(row)], null)).length >= MIN_HEADER_FIELDS;
}

/** The lower row of a two-row header: short texts only, at least two of them naming fields. */
function isHeaderLike(kind: PublicationKind, row: GridRow): boolean {
  const values = row.cells.filter((c) => cellText(c) !== '');
  if (values.length === 0) return false;
  if (values.some((c) => typeof c !== 'string' || c.trim().length > 16)) return false;
  if (values.some((c) => /^[\d.,\s()（）+\-¥￥元%*]+$/.test(cellText(c).normalize('NFKC')))) return false;
  return values.filter((c) => matchHeader(kind, cellText(c)) !== null).length >= 2;
}

/** For the no-header error: the row that looks most like a header, else the first non-empty one. */
export function bestGuessHeader(rows: readonly GridRow[]): string[] {
  let best: GridRow | undefined;
  let bestCount = -1;
  for (const row of rows.slice(0, 30)) {
    const values = texts(row).filter((t) => t !== '' && t.length <= 20 && !/^[\d.,\-/]+$/.test(t));
    const count = new Set(values).size;
    if (count > bestCount) {
      best = row;
      bestCount = count;
    }
  }
  return best ? [...new Set(texts(best).filter((t) => t !== ''))] : [];
}
