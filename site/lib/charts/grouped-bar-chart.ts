import { scaleBand, type ScaleBand } from 'd3-scale';
import { categoryLabels, valueGrid, valueScale, withLabelRoom } from './chart-axis.ts';
import { chartHeader, chartView, checkInput, emptyChart, isEmptyData, presentValues } from './chart-frame.ts';
import type { ChartInput, ChartView, SvgElement } from './chart-model.ts';
import { bar, FONT, seriesPatterns, text, WIDTH } from './chart-style.ts';
import { textWidth } from './chart-text.ts';

/**
 * Vertical bars grouped by category (periods, months), one to three series side by side
 * (收入/支出, 受理/办结). Each bar carries its exact value where the label fits over it; the
 * table under the chart always has them all.
 */
export function groupedBarChart(input: ChartInput): ChartView {
  checkInput(input, 3);
  if (isEmptyData(input)) return emptyChart(input);
  const values = presentValues(input);
  const header = chartHeader(input, 'bar');
  const scale = valueScale(values, input.format);
  const plotTop = header.height + VALUE_ROOM;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const at = scale.place([plotBottom, plotTop]);
  const labelTop = plotBottom + (values.some((v) => v < 0) ? VALUE_ROOM : 0) + 6;

  const draw = (left: number) => {
    const right = WIDTH - 4;
    const x = scaleBand<number>().domain(input.categories.map((_, i) => i)).range([left, right]).paddingInner(0.25).paddingOuter(0.15);
    const centers = input.categories.map((_, i) => (x(i) ?? 0) + x.bandwidth() / 2);
    const cats = categoryLabels(input.categories, centers, x.step(), labelTop);
    return { cats, elements: [...valueGrid(scale, at, left, right), ...bars(input, x, at), ...cats.elements] };
  };
  const drawn = withLabelRoom(Math.ceil(scale.labelWidth) + 10, draw);
  return chartView(input, labelTop + drawn.cats.height, seriesPatterns(input.id, input.series.length), [...header.elements, ...drawn.elements]);
}

// ——— private helpers ———

const PLOT_HEIGHT = 200;
/** above the plot (and below it, with negative bars): a value label's height */
const VALUE_ROOM = FONT + 6;

function bars(input: ChartInput, x: ScaleBand<number>, at: (raw: number) => number): SvgElement[] {
  const inner = scaleBand<number>().domain(input.series.map((_, j) => j)).range([0, x.bandwidth()]).paddingInner(0.1);
  const shapes: SvgElement[] = [];
  const labels: SvgElement[] = [];
  input.categories.forEach((_, i) => {
    input.series.forEach((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      const x0 = (x(i) ?? 0) + (inner(j) ?? 0);
      const top = at(Math.max(v, 0));
      const bottom = at(Math.min(v, 0));
      shapes.push(bar(input.id, j, x0, top, inner.bandwidth(), bottom - top));
      const label = input.format.display(v);
      if (textWidth(label, FONT) <= inner.step()) {
        labels.push(text(x0 + inner.bandwidth() / 2, v < 0 ? bottom + FONT + 2 : top - 4, label, 'middle', FONT, { className: 'ch-val' }));
      }
    });
  });
  return [...shapes, ...labels];
}
