import { numberToDecimalString } from '../money.ts';

/**
 * A sheet as the importers see it, whatever file it came from: rows of cells, each row carrying
 * the 1-based row number the official sees in Excel (or the CSV record number), so every issue
 * can point back into the file.
 */

/** CSV cells are strings; XLSX cells keep numbers as numbers and date cells as Date. */
export type Cell = string | number | Date | null;

export interface GridRow {
  row: number;
  cells: Cell[];
}

export interface Grid {
  /** worksheet name for XLSX, null for CSV */
  sheet: string | null;
  rows: GridRow[];
}

/**
 * The most a sheet may hold, from A1 to its last row and column with content. A township's
 * subsidy roster, the largest table we expect, is ~10,000 rows × 15 columns; past these the
 * file is the wrong one or built to exhaust the server (a 4 MB CSV of line breaks alone
 * became 700 MB of empty rows).
 */
export const MAX_GRID_ROWS = 100_000;
export const MAX_GRID_CELLS = 2_000_000;
/**
 * Columns, as far as an XLSX sheet's content reaches: 256 (IV), old Excel's own width, is some ten
 * times the widest village table. A value typed far to the right (XFD) in a sheet of thirty rows
 * made half a million cells to read, a second of work from a file of 7 KB (found by the import
 * fuzz): such a sheet is refused like one too long, naming how far it reaches.
 */
export const MAX_GRID_COLUMNS = 256;

/** 0 → A, 25 → Z, 26 → AA */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The text of a cell as the official would read it: trimmed, dates as YYYY-MM-DD. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return integerText(cell) ?? numberToDecimalString(cell);
  return cell.trim();
}

export function isEmptyRow(row: GridRow): boolean {
  return row.cells.every((c) => cellText(c) === '');
}

/** The row's text cells joined, with merged (repeated) neighbours read once. */
export function rowLine(row: GridRow): string {
  const parts: string[] = [];
  for (const cell of row.cells) {
    const text = cellText(cell);
    if (text !== '' && parts[parts.length - 1] !== text) parts.push(text);
  }
  return parts.join('  ');
}

/**
 * Large integers (an 18-digit ID typed into a numeric cell) in full digits rather than 4.3e+17,
 * so the masking code sees the digits Excel kept.
 */
function integerText(n: number): string | null {
  if (!Number.isFinite(n) || !Number.isInteger(n) || Math.abs(n) < 1e15) return null;
  return BigInt(n).toString();
}
