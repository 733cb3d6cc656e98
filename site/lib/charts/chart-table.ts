import type { ChartInput, ChartTable } from './chart-model.ts';

/** Shown in a table cell for a missing value; its CSV cell is empty. */
export const MISSING = '—';

/**
 * The chart's numbers as a table: the category column, then one column per series headed
 * "收入(元)" like the data twins' columns (csv-export.ts), one row per category in drawing order.
 */
export function chartTable(input: ChartInput): ChartTable {
  const { format } = input;
  return {
    caption: `数据表：${input.title}`,
    columns: [{ label: input.categoryLabel, num: false }, ...input.series.map((s) => ({ label: `${s.name}(${format.unit})`, num: true }))],
    rows: input.categories.map((c, i) => [c, ...input.series.map((s) => valueAt(s.values, i, format.display) ?? MISSING)]),
    values: input.categories.map((c, i) => [c, ...input.series.map((s) => valueAt(s.values, i, format.plain))]),
  };
}

function valueAt(values: readonly (number | null)[], i: number, write: (n: number) => string): string | null {
  const v = values[i];
  return v === null || v === undefined ? null : write(v);
}
