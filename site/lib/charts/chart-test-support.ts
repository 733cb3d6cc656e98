import { expect } from 'vitest';
import { chartTableValues, csvCellOf } from './chart-csv.ts';
import type { ChartView } from './chart-model.ts';

/** Tests only: every displayed table cell maps to the CSV cell in its place, and the header is the column labels. */
export function expectCsvMatchesTable(view: ChartView): void {
  const values = chartTableValues(view);
  expect(values).toHaveLength(view.table.rows.length + 1);
  expect(values[0]).toEqual(view.table.columns.map((c) => csvCellOf(c.label, false)));
  view.table.rows.forEach((row, r) => {
    expect(row).toHaveLength(view.table.columns.length);
    row.forEach((display, c) => expect(csvCellOf(display, view.table.columns[c]!.num), `${view.id} row ${r} col ${c}`).toBe(values[r + 1]![c]));
  });
}

/** Tests only: the chart with this id, or a failure naming it. */
export function chartById(charts: readonly ChartView[], id: string): ChartView {
  const found = charts.find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id}`);
  return found;
}
