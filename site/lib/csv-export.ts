import { looksLikeFormula } from '../../data/csv-formula.ts';
import type { TwinTable } from './twin-tables.ts';

/**
 * The CSV data twins: UTF-8 with a BOM (so Excel on Windows reads the Chinese), CRLF line ends,
 * amounts as plain yuan decimals ("20150.00"), and formula-safe: a text cell that a spreadsheet
 * would run as a formula gets a leading apostrophe. Amount columns keep "-300.00" as a number.
 */

export interface CsvColumn {
  header: string;
  /** a number column: plain decimals are written as they are */
  numeric?: boolean;
}

export function toCsv(columns: readonly CsvColumn[], rows: readonly (readonly (string | null)[])[]): string {
  const lines = [columns.map((c) => quote(safeCell(c.header, false)))];
  for (const row of rows) lines.push(columns.map((c, i) => quote(safeCell(row[i] ?? null, c.numeric ?? false))));
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** A cell as a spreadsheet should see it: formulas neutralised, numbers left alone in number columns. */
export function safeCell(value: string | null, numeric: boolean): string {
  if (value === null) return '';
  if (numeric && PLAIN_NUMBER.test(value)) return value;
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** A twin's table as CSV: its number columns (integer, amount, number) written as plain decimals. */
export function tableCsv(table: TwinTable): string {
  return toCsv(
    table.columns.map((c) => ({ header: c.header, numeric: c.type !== 'text' && c.type !== 'date' })),
    table.rows,
  );
}

// ——— private helpers ———

const BOM = '\uFEFF';
/**
 * What a spreadsheet may run as a formula: = + - @, or their full-width forms ＝＋－＠ (which
 * spreadsheets set up for Chinese input may fold to the same), after any leading whitespace
 * (spaces, the ideographic space, NBSP: some spreadsheets and import settings trim it first);
 * and a cell that starts with a tab or a line break, where a tool that splits on them would
 * start a new cell.
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
