import { scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { categoryLabels, valueGrid, valueScale, withLabelRoom } from './chart-axis.ts';
import { chartHeader, chartView, checkInput, emptyChart, isEmptyData, presentValues } from './chart-frame.ts';
import type { ChartInput, ChartView, SvgElement } from './chart-model.ts';
import { dashOf, FONT, seriesStyle, text, WIDTH } from './chart-style.ts';
import { textWidth } from './chart-text.ts';

/**
 * A monthly trend: one to three series as lines, each with its own dash and marker shape
 * (circle, square, triangle) so they stay apart in black and white. A missing month breaks the
 * line instead of pretending it was zero. A single series gets its values over the points
 * where they fit.
 */
export function lineChart(input: ChartInput): ChartView {
  checkInput(input, 3);
  if (isEmptyData(input)) return emptyChart(input);
  const header = chartHeader(input, 'line');
  const scale = valueScale(presentValues(input), input.format);
  const plotTop = header.height + VALUE_ROOM;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const at = scale.place([plotBottom, plotTop]);
  const labelTop = plotBottom + 6;

  const draw = (left: number) => {
    const right = WIDTH - 4;
    const x = scalePoint<number>().domain(input.categories.map((_, i) => i)).range([left, right]).padding(0.5);
    const centers = input.categories.map((_, i) => x(i) ?? 0);
    const cats = categoryLabels(input.categories, centers, x.step(), labelTop);
    return { cats, elements: [...valueGrid(scale, at, left, right), ...seriesLines(input, centers, x.step(), at), ...cats.elements] };
  };
  const drawn = withLabelRoom(Math.ceil(scale.labelWidth) + 10, draw);
  return chartView(input, labelTop + drawn.cats.height, [], [...header.elements, ...drawn.elements]);
}

// ——— private helpers ———

const PLOT_HEIGHT = 200;
const VALUE_ROOM = FONT + 8;

interface Point {
  x: number;
  v: number | null;
}

function seriesLines(input: ChartInput, xs: readonly number[], step: number, at: (raw: number) => number): SvgElement[] {
  const lines: SvgElement[] = [];
  const markers: SvgElement[] = [];
  const labels: SvgElement[] = [];
  input.series.forEach((s, j) => {
    const style = seriesStyle(j);
    const points: Point[] = s.values.map((v, i) => ({ x: xs[i] ?? 0, v }));
    const d = line<Point>()
      .defined((p) => p.v !== null)
      .x((p) => p.x)
      .y((p) => at(p.v ?? 0))
      .digits(2)(points);
    if (d) lines.push({ kind: 'path', d, fill: 'none', stroke: style.colour, strokeWidth: 2.5, className: 'ch-ink-s', ...dashOf(style) });
    for (const p of points) {
      if (p.v === null) continue;
      const y = at(p.v);
      markers.push({ kind: 'path', d: style.marker, at: { x: p.x, y }, fill: style.colour, stroke: '#fff', strokeWidth: 1, className: 'ch-ink' });
      const label = input.format.display(p.v);
      if (input.series.length === 1 && textWidth(label, FONT) <= step - 2) labels.push(text(p.x, y - 9, label, 'middle', FONT, { className: 'ch-val' }));
    }
  });
  return [...lines, ...markers, ...labels];
}
