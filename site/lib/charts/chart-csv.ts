import { safeCell, toCsv } from '../csv-export.ts';
import type { ChartView } from './chart-model.ts';
import { MISSING } from './chart-table.ts';

/**
 * A chart's numbers as CSV, like the data twins (csv-export.ts): UTF-8 with a BOM, CRLF, text
 * that a spreadsheet would run as a formula neutralised with a leading apostrophe, and numbers
 * as plain values a spreadsheet can sum.
 *
 * Every table cell maps to exactly one CSV cell, same row and column (the CSV's first line is
 * the table's column labels):
 *   number column   "1,234.50" ↔ "1234.50"   (money: yuan with two decimals)
 *                   "1,234"    ↔ "1234"      (counts)
 *                   "87.5"     ↔ "87.5"      (percent; the % is in the column label)
 *                   "—"        ↔ ""          (missing value)
 *   text column     "2026-07"  ↔ "2026-07";  "=cmd()" ↔ "'=cmd()"
 * csvCellOf implements this mapping; chartTableValues gives the CSV's cells to compare with.
 */
export function chartCsv(view: ChartView): string {
  return toCsv(
    view.table.columns.map((c) => ({ header: c.label, numeric: c.num })),
    view.table.values,
  );
}

/** The CSV's cells as a spreadsheet reads them (neutralised, unquoted), header row first. */
export function chartTableValues(view: ChartView): string[][] {
  const { columns, values } = view.table;
  return [columns.map((c) => safeCell(c.label, false)), ...values.map((row) => columns.map((c, i) => safeCell(row[i] ?? null, c.num)))];
}

/** The CSV cell that a displayed table cell stands for (the mapping above). */
export function csvCellOf(display: string, num: boolean): string {
  if (!num) return safeCell(display, false);
  return display === MISSING ? '' : safeCell(display.replace(/,/g, ''), true);
}
