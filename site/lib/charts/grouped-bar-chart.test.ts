import { describe, expect, it } from 'vitest';
import type { ChartInput, SvgElement, SvgLine, SvgRect, SvgText } from './chart-model.ts';
import { textWidth } from './chart-text.ts';
import { groupedBarChart } from './grouped-bar-chart.ts';
import { countFormat, moneyFormat } from './value-format.ts';

const quarters: ChartInput = {
  id: 'finance-quarters',
  title: '各季度收支',
  categoryLabel: '期间',
  categories: ['2026年第二季度', '2026年第三季度'],
  series: [
    { name: '收入', values: [5_000_000, 9_848_840] },
    { name: '支出', values: [3_000_000, 7_439_950] },
  ],
  format: moneyFormat,
  csvHref: '/v/430802108214/charts/finance-quarters.csv',
};

const bars = (els: SvgElement[]) => els.filter((e): e is SvgRect => e.kind === 'rect' && e.className === 'ch-bar' && !e.decorative);
const texts = (els: SvgElement[], className: string) => els.filter((e): e is SvgText => e.kind === 'text' && e.className === className);
const gridY = (els: SvgElement[], label: string) => {
  const i = els.findIndex((e) => e.kind === 'text' && e.className === 'ch-tick' && e.text === label);
  return (els[i - 1] as SvgLine).y1;
};

describe('grouped bar chart', () => {
  it('draws one patterned bar per value, series told apart by pattern and named in a legend', () => {
    const view = groupedBarChart(quarters);
    const drawn = bars(view.svg.elements);
    expect(drawn).toHaveLength(4);
    expect(drawn.map((b) => b.pattern)).toEqual(['finance-quarters-p0', 'finance-quarters-p1', 'finance-quarters-p0', 'finance-quarters-p1']);
    expect(view.svg.patterns.map((p) => p.id)).toEqual(['finance-quarters-p0', 'finance-quarters-p1']);
    const swatches = view.svg.elements.filter((e) => e.kind === 'rect' && e.decorative);
    expect(swatches).toHaveLength(2);
    expect(texts(view.svg.elements, 'ch-tx').map((t) => t.text)).toEqual(['收入', '支出']);
    expect(view.svg.width).toBe(340);
    expect(view.svg.viewBox).toBe(`0 0 340 ${view.svg.height}`);
  });

  it('makes a bar exactly as tall as the axis scale says for its value', () => {
    const els = groupedBarChart(quarters).svg.elements;
    const zero = gridY(els, '0');
    const tenWan = gridY(els, '10万');
    const income = bars(els)[2];
    expect(income?.y).toBe(Math.round((zero - ((zero - tenWan) * 9_848_840) / 10_000_000) * 100) / 100);
    expect(income?.height).toBe(196.98);
    expect((income?.y ?? 0) + (income?.height ?? 0)).toBe(zero);
    expect(bars(els)[0]?.height).toBe((zero - tenWan) / 2);
  });

  it('labels the value axis with d3 ticks in 万', () => {
    expect(texts(groupedBarChart(quarters).svg.elements, 'ch-tick').map((t) => t.text)).toEqual(['0', '2万', '4万', '6万', '8万', '10万']);
  });

  it('wraps long period names under four narrow groups and keeps them whole', () => {
    const view = groupedBarChart({ ...quarters, categories: ['2026年第一季度', '2026年第二季度', '2026年第三季度', '2026年第四季度'], series: [{ name: '收入', values: [1, 2, 3, 4] }] });
    expect(texts(view.svg.elements, 'ch-cat').map((t) => t.text)).toEqual(['2026年', '第一季度', '2026年', '第二季度', '2026年', '第三季度', '2026年', '第四季度']);
  });

  it('turns twelve month labels and widens the margin so the first stays in the picture', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const view = groupedBarChart({ ...quarters, categories: months, series: [{ name: '受理', values: months.map((_, i) => i) }], format: countFormat('件') });
    const cats = texts(view.svg.elements, 'ch-cat');
    expect(cats.map((t) => t.text)).toEqual(months);
    expect(cats.every((t) => t.rotate === -45)).toBe(true);
    expect(cats[0]!.x).toBeGreaterThanOrEqual((textWidth('2026-01', 15) + 12) * Math.SQRT1_2);
  });

  it('writes a value over its bar only where the label fits', () => {
    const counts = groupedBarChart({ ...quarters, categories: ['7月', '8月'], series: [{ name: '受理', values: [3, 12] }], format: countFormat('件') });
    const values = texts(counts.svg.elements, 'ch-val');
    expect(values.map((t) => t.text)).toEqual(['3', '12']);
    expect(values[1]?.y).toBe((bars(counts.svg.elements)[1]?.y ?? 0) - 4);
    expect(texts(groupedBarChart(quarters).svg.elements, 'ch-val')).toEqual([]);
  });

  it('hangs a refund below the zero line and leaves a missing value undrawn', () => {
    const els = groupedBarChart({ ...quarters, series: [{ name: '支出', values: [-30_000, null] }, { name: '收入', values: [100_000, 50_000] }] }).svg.elements;
    const zero = gridY(els, '0');
    expect(bars(els)).toHaveLength(3);
    expect(bars(els)[0]?.y).toBe(zero);
    expect(bars(els)[0]?.height).toBeGreaterThan(0);
  });

  it('describes the totals and largest period, and tables the same numbers in drawing order', () => {
    const view = groupedBarChart(quarters);
    expect(view.description).toBe('收入合计148,488.40元，支出合计104,399.50元。收入最多的是2026年第三季度（98,488.40元），支出最多的是2026年第三季度（74,399.50元）。');
    expect(view.table.columns).toEqual([{ label: '期间', num: false }, { label: '收入(元)', num: true }, { label: '支出(元)', num: true }]);
    expect(view.table.rows).toEqual([['2026年第二季度', '50,000.00', '30,000.00'], ['2026年第三季度', '98,488.40', '74,399.50']]);
    expect(view.csvHref).toBe('/v/430802108214/charts/finance-quarters.csv');
    expect(groupedBarChart({ ...quarters, description: '自定' }).description).toBe('自定');
  });

  it('says 暂无数据 with an empty table when every value is zero or missing', () => {
    const view = groupedBarChart({ ...quarters, series: [{ name: '收入', values: [0, null] }] });
    expect(view.empty).toBe(true);
    expect(view.svg.elements).toEqual([expect.objectContaining({ kind: 'text', text: '暂无数据' })]);
    expect(view.table.rows).toEqual([]);
    expect(view.table.columns).toHaveLength(2);
    expect(view.csvHref).toBeNull();
    expect(groupedBarChart({ ...quarters, categories: [], series: [{ name: '收入', values: [] }] }).empty).toBe(true);
    expect(groupedBarChart(quarters).empty).toBe(false);
  });

  it('refuses a series whose values do not match the categories, and a fourth series', () => {
    expect(() => groupedBarChart({ ...quarters, series: [{ name: '收入', values: [1] }] })).toThrow(RangeError);
    const four = [1, 2, 3, 4].map((n) => ({ name: `s${n}`, values: [n, n] }));
    expect(() => groupedBarChart({ ...quarters, series: four })).toThrow(RangeError);
    expect(() => groupedBarChart({ ...quarters, id: 'Finance Q' })).toThrow(RangeError);
  });
});
