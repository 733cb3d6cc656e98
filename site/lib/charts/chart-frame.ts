import { describeChart } from './chart-description.ts';
import type { ChartInput, ChartView, SvgElement, SvgModel, SvgPattern } from './chart-model.ts';
import { LABEL_FONT, LINE_HEIGHT, legend, text, WIDTH } from './chart-style.ts';
import { chartTable } from './chart-table.ts';

/** What every builder does around its own drawing: checks, the empty case, header, the view. */

/**
 * Builder inputs come from page code, not from villagers, so a mismatch is a programming error
 * and is thrown rather than drawn wrong.
 */
export function checkInput(input: ChartInput, maxSeries: number): void {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(input.id)) throw new RangeError(`chart id must be kebab-case: ${JSON.stringify(input.id)}`);
  if (input.series.length < 1 || input.series.length > maxSeries) throw new RangeError(`chart ${input.id}: 1 to ${maxSeries} series, got ${input.series.length}`);
  for (const s of input.series) {
    if (s.values.length !== input.categories.length) {
      throw new RangeError(`chart ${input.id}: series ${s.name} has ${s.values.length} values for ${input.categories.length} categories`);
    }
    if (s.values.some((v) => v !== null && !Number.isFinite(v))) throw new RangeError(`chart ${input.id}: series ${s.name} has a value that is not a finite number`);
  }
}

/** Nothing to draw: no categories, or every value missing or zero. */
export function isEmptyData(input: ChartInput): boolean {
  const nothing = (v: number | null) => v === null || (v === 0 && !input.zeroIsData);
  return input.categories.length === 0 || input.series.every((s) => s.values.every(nothing));
}

/** The view of a chart with nothing to draw: a picture that says so, a table without rows, no CSV. */
export function emptyChart(input: ChartInput): ChartView {
  const table = chartTable(input);
  const height = 60;
  return {
    id: input.id,
    title: input.title,
    description: input.description ?? '暂无数据。',
    unit: input.format.unit,
    empty: true,
    svg: { width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, patterns: [], elements: [text(WIDTH / 2, 36, '暂无数据', 'middle', 18)] },
    table: { ...table, rows: [], values: [] },
    csvHref: null,
  };
}

export interface Header {
  elements: SvgElement[];
  height: number;
}

/** The legend (two or more series) and the unit line, at the top of the picture. */
export function chartHeader(input: ChartInput, kind: 'bar' | 'line'): Header {
  const key = legend(input.id, input.series.map((s) => s.name), kind, 0);
  const unitTop = key.height === 0 ? 0 : key.height + 2;
  return {
    elements: [...key.elements, text(0, unitTop + LABEL_FONT, `单位：${input.format.unit}`, 'start', LABEL_FONT, { className: 'ch-unit' })],
    height: unitTop + LINE_HEIGHT + 4,
  };
}

export function chartView(input: ChartInput, height: number, patterns: SvgPattern[], elements: SvgElement[]): ChartView {
  const h = Math.ceil(height);
  const svg: SvgModel = { width: WIDTH, height: h, viewBox: `0 0 ${WIDTH} ${h}`, patterns, elements };
  return {
    id: input.id,
    title: input.title,
    description: input.description ?? describeChart(input.categories, input.series, input.format),
    unit: input.format.unit,
    empty: false,
    svg,
    table: chartTable(input),
    csvHref: input.csvHref ?? null,
  };
}

/** Every value drawn, missing ones left out. */
export function presentValues(input: ChartInput): number[] {
  return input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
}
