import { describe, expect, it } from 'vitest';
import type { ChartInput, SvgElement, SvgPath, SvgText } from './chart-model.ts';
import { lineChart } from './line-chart.ts';
import { SERIES_STYLES } from './chart-style.ts';
import { textWidth } from './chart-text.ts';
import { countFormat } from './value-format.ts';

const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
const complaints: ChartInput = {
  id: 'complaints-monthly',
  title: '每月投诉受理与办结',
  categoryLabel: '月份',
  categories: months,
  series: [
    { name: '受理', values: [4, 6, null, 2] },
    { name: '办结', values: [3, 5, 4, 2] },
  ],
  format: countFormat('件'),
};

const paths = (els: SvgElement[]) => els.filter((e): e is SvgPath => e.kind === 'path' && !e.decorative);
const lines = (els: SvgElement[]) => paths(els).filter((p) => p.fill === 'none');
const markers = (els: SvgElement[]) => paths(els).filter((p) => p.at !== undefined);
const texts = (els: SvgElement[], className: string) => els.filter((e): e is SvgText => e.kind === 'text' && e.className === className);

describe('line chart', () => {
  it('draws one d3 line per series, dashed differently, broken where a month is missing', () => {
    const drawn = lines(lineChart(complaints).svg.elements);
    expect(drawn).toHaveLength(2);
    expect(drawn.map((l) => l.dash)).toEqual([undefined, '7 4']);
    expect(drawn[0]?.d.match(/M/g)).toHaveLength(2);
    expect(drawn[1]?.d.match(/M/g)).toHaveLength(1);
    const silent = lineChart({ ...complaints, series: [{ name: '受理', values: [null, null, null, null] }, { name: '办结', values: [3, 5, 4, 2] }] });
    expect(lines(silent.svg.elements)).toHaveLength(1);
  });

  it('marks every present point with its series shape: circles, then squares', () => {
    const marks = markers(lineChart(complaints).svg.elements);
    expect(marks).toHaveLength(7);
    expect(marks.slice(0, 3).every((m) => m.d === SERIES_STYLES[0]?.marker)).toBe(true);
    expect(marks.slice(3).every((m) => m.d === SERIES_STYLES[1]?.marker)).toBe(true);
    expect(new Set(SERIES_STYLES.map((s) => s.marker)).size).toBe(3);
  });

  it('puts a point where the value axis places its value', () => {
    const els = lineChart(complaints).svg.elements;
    const ticks = texts(els, 'ch-tick');
    expect(ticks.map((t) => t.text)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    const tickY = (label: string) => (ticks.find((t) => t.text === label)?.y ?? 0) - 14 * 0.35;
    const marks = markers(els);
    expect(marks[1]?.at?.y).toBeCloseTo(tickY('6'), 2);
    expect(marks[3]?.at?.y).toBeCloseTo(tickY('3'), 2);
  });

  it('writes the values of a single series over its points, and none for two series', () => {
    const one = lineChart({ ...complaints, series: [{ name: '受理', values: [4, 6, 1, 2] }] });
    expect(texts(one.svg.elements, 'ch-val').map((t) => t.text)).toEqual(['4', '6', '1', '2']);
    expect(texts(lineChart(complaints).svg.elements, 'ch-val')).toEqual([]);
    expect(one.svg.patterns).toEqual([]);
  });

  it('describes totals and the busiest month, and tables the missing month as a dash', () => {
    const view = lineChart(complaints);
    expect(view.description).toBe('受理合计12件，办结合计14件。受理最多的是2026-08（6件），办结最多的是2026-08（5件）。');
    expect(view.table.rows).toEqual([
      ['2026-07', '4', '3'],
      ['2026-08', '6', '5'],
      ['2026-09', '—', '4'],
      ['2026-10', '2', '2'],
    ]);
    expect(texts(view.svg.elements, 'ch-cat').map((t) => t.text)).toEqual(months);
  });

  it('writes all twelve month names in full, turned, inside the picture', () => {
    const year = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const view = lineChart({ ...complaints, categories: year, series: [{ name: '受理', values: year.map((_, i) => i % 4) }] });
    const cats = texts(view.svg.elements, 'ch-cat');
    expect(cats.map((t) => t.text)).toEqual(year);
    expect(cats.every((t) => t.rotate === -45)).toBe(true);
    expect(cats[0]!.x).toBeGreaterThanOrEqual((textWidth('2026-01', 15) + 12) * Math.SQRT1_2);
  });

  it('returns the empty view when there are no months', () => {
    const view = lineChart({ ...complaints, categories: [], series: [{ name: '受理', values: [] }] });
    expect(view.empty).toBe(true);
    expect(view.description).toBe('暂无数据。');
  });
});
