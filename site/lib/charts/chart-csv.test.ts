import { describe, expect, it } from 'vitest';
import { chartCsv, chartTableValues, csvCellOf } from './chart-csv.ts';
import type { ChartInput, ChartView } from './chart-model.ts';
import { groupedBarChart } from './grouped-bar-chart.ts';
import { horizontalBarChart } from './horizontal-bar-chart.ts';
import { lineChart } from './line-chart.ts';
import { countFormat, moneyFormat, percentFormat } from './value-format.ts';

/** RFC 4180 cells of a CSV with a BOM and CRLF line ends; fails on anything it cannot read. */
function parseCsv(csv: string): string[][] {
  const body = csv.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let read = 0;
  for (const [whole, raw = '', end] of body.matchAll(/("(?:[^"]|"")*"|[^,"\r\n]*)(,|\r\n)/g)) {
    read += whole.length;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (end === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  expect(read).toBe(body.length);
  return rows;
}

/** Every displayed cell maps to its CSV cell, and the CSV holds exactly chartTableValues. */
function expectCsvMatchesTable(view: ChartView): void {
  const cells = parseCsv(chartCsv(view));
  const values = chartTableValues(view);
  expect(cells).toEqual(values);
  expect(values[0]).toEqual(view.table.columns.map((c) => c.label));
  expect(values).toHaveLength(view.table.rows.length + 1);
  view.table.rows.forEach((row, r) => {
    row.forEach((display, c) => expect(csvCellOf(display, view.table.columns[c]?.num ?? false)).toBe(values[r + 1]?.[c]));
  });
}

const money: ChartInput = {
  id: 'q',
  title: '收支',
  categoryLabel: '期间',
  categories: ['2026年第三季度', '=cmd()'],
  series: [
    { name: '收入', values: [9_848_840, 123_456_789] },
    { name: '支出', values: [-30_000, null] },
  ],
  format: moneyFormat,
};

describe('chart CSV', () => {
  it('writes a small chart byte for byte: BOM, CRLF, plain yuan, empty for missing, formula neutralised', () => {
    expect(chartCsv(groupedBarChart(money))).toBe(
      '\uFEFF期间,收入(元),支出(元)\r\n2026年第三季度,98488.40,-300.00\r\n\'=cmd(),1234567.89,\r\n',
    );
  });

  it('neutralises a category named like a formula, and quotes one with a comma', () => {
    const view = horizontalBarChart({ ...money, categories: ['=cmd()', '道路,桥梁'] });
    expect(chartTableValues(view).map((r) => r[0])).toEqual(['期间', "'=cmd()", '道路,桥梁']);
    expect(chartCsv(view)).toContain('\r\n"道路,桥梁",');
    expect(view.table.rows[0]?.[0]).toBe('=cmd()');
  });

  it('matches its table cell for cell, for each builder', () => {
    expectCsvMatchesTable(groupedBarChart(money));
    expectCsvMatchesTable(horizontalBarChart(money));
    expectCsvMatchesTable(lineChart(money));
    expectCsvMatchesTable(
      groupedBarChart({ ...money, categories: ['7月', '8月'], series: [{ name: '受理', values: [1_234, 0] }, { name: '办结', values: [1_000, null] }], format: countFormat('件') }),
    );
    expectCsvMatchesTable(lineChart({ ...money, categories: ['一组', '二组'], series: [{ name: '满意率', values: [87.46, 100] }], format: percentFormat }));
  });

  it('maps display to CSV by dropping separators and the missing-value dash, and nothing else', () => {
    expect(csvCellOf('1,234,567.89', true)).toBe('1234567.89');
    expect(csvCellOf('—', true)).toBe('');
    expect(csvCellOf('-300.00', true)).toBe('-300.00');
    expect(csvCellOf('1,234', false)).toBe('1,234');
    expect(csvCellOf('@sum', false)).toBe("'@sum");
  });

  it('writes only the header for an empty chart', () => {
    expect(chartCsv(lineChart({ ...money, series: [{ name: '收入', values: [0, 0] }] }))).toBe('\uFEFF期间,收入(元)\r\n');
  });
});
