import { describe, expect, it } from 'vitest';
import type { ChartInput, SvgElement, SvgLine, SvgRect, SvgText } from './chart-model.ts';
import { horizontalBarChart } from './horizontal-bar-chart.ts';
import { textWidth } from './chart-text.ts';
import { countFormat, moneyFormat } from './value-format.ts';

const LONG = '村道硬化工程（二期）及排水沟修缮与路灯安装补充工程';
const projects: ChartInput = {
  id: 'projects',
  title: '工程项目预算与已付',
  categoryLabel: '项目',
  categories: [LONG, '文化广场'],
  series: [
    { name: '预算', values: [80_000_000, 20_000_000] },
    { name: '已付', values: [40_000_000, null] },
  ],
  format: moneyFormat,
};

const bars = (els: SvgElement[]) => els.filter((e): e is SvgRect => e.kind === 'rect' && e.className === 'ch-bar' && !e.decorative);
const texts = (els: SvgElement[], className: string) => els.filter((e): e is SvgText => e.kind === 'text' && e.className === className);

describe('horizontal bar chart', () => {
  it('cuts a long name in the picture and keeps it whole in the table', () => {
    const view = horizontalBarChart(projects);
    const names = texts(view.svg.elements, 'ch-cat').map((t) => t.text);
    expect(names[0]).toBe('村道硬化工程（二期）及排水沟修缮与路灯安装…');
    expect(names[1]).toBe('文化广场');
    expect(view.table.rows.map((r) => r[0])).toEqual([LONG, '文化广场']);
  });

  it('sizes bars on one linear scale from zero, leaving room for the widest value label', () => {
    const els = horizontalBarChart(projects).svg.elements;
    const right = 340 - Math.ceil(textWidth('800,000.00', 14)) - 6;
    expect(bars(els).map((b) => [b.x, b.width])).toEqual([
      [1, right - 1],
      [1, (right - 1) / 2],
      [1, (right - 1) / 4],
    ]);
  });

  it('ends every bar with its exact value and marks a missing one with a dash', () => {
    const els = horizontalBarChart(projects).svg.elements;
    expect(texts(els, 'ch-val').map((t) => t.text)).toEqual(['800,000.00', '400,000.00', '200,000.00', '—']);
    const [first] = bars(els);
    expect(texts(els, 'ch-val')[0]?.x).toBe((first?.x ?? 0) + (first?.width ?? 0) + 4);
  });

  it('has one bar per present value under its name, in table order', () => {
    const view = horizontalBarChart(projects);
    expect(bars(view.svg.elements).map((b) => b.pattern)).toEqual(['projects-p0', 'projects-p1', 'projects-p0']);
    expect(view.table.rows).toEqual([[LONG, '800,000.00', '400,000.00'], ['文化广场', '200,000.00', '—']]);
    expect(view.description).toBe(`预算合计1,000,000.00元，已付合计400,000.00元。预算最多的是${LONG}（800,000.00元），已付最多的是${LONG}（400,000.00元）。`);
  });

  it('runs the zero line beside each name\'s bars and never through a name', () => {
    const els = horizontalBarChart(projects).svg.elements;
    const axes = els.filter((e): e is SvgLine => e.kind === 'line' && e.className === 'ch-axis');
    const names = texts(els, 'ch-cat');
    expect(axes).toHaveLength(2);
    for (const name of names) expect(axes.some((a) => a.y1 < name.y + 3 && a.y2 > name.y - 15)).toBe(false);
    for (const b of bars(els)) expect(axes.some((a) => a.y1 <= b.y && b.y + b.height <= a.y2)).toBe(true);
  });

  it('draws a negative value left of the zero line', () => {
    const els = horizontalBarChart({ ...projects, series: [{ name: '结余', values: [-100, 300] }], format: countFormat('个') }).svg.elements;
    const [negative, positive] = bars(els);
    expect((negative?.x ?? 0) + (negative?.width ?? 0)).toBe(positive?.x);
    expect(negative?.width).toBeCloseTo((positive?.width ?? 0) / 3, 1);
  });

  it('refuses three series and returns the empty view for all-zero data', () => {
    const three = [1, 2, 3].map((n) => ({ name: `s${n}`, values: [n, n] }));
    expect(() => horizontalBarChart({ ...projects, series: three })).toThrow(RangeError);
    const empty = horizontalBarChart({ ...projects, series: [{ name: '预算', values: [0, 0] }] });
    expect([empty.empty, empty.table.rows.length, empty.csvHref]).toEqual([true, 0, null]);
  });
});
