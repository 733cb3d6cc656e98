import { scaleLinear } from 'd3-scale';
import { chartHeader, chartView, checkInput, emptyChart, isEmptyData, presentValues } from './chart-frame.ts';
import type { ChartInput, ChartView, SvgElement } from './chart-model.ts';
import { bar, FONT, INK, LABEL_FONT, LINE_HEIGHT, r2, seriesPatterns, text, WIDTH } from './chart-style.ts';
import { MISSING } from './chart-table.ts';
import { textWidth, truncateText } from './chart-text.ts';

/**
 * Horizontal bars for named things (科目, projects, statuses), one or two series (预算/已付).
 * On a 360 px phone a name beside its bar would leave the bar no room, so each name takes the
 * full width on its own line with its bars under it; a name too long for that line ends in
 * "…" and is written in full in the table. Every bar has its exact value at its end.
 */
export function horizontalBarChart(input: ChartInput): ChartView {
  checkInput(input, 2);
  if (isEmptyData(input)) return emptyChart(input);
  const { format, id } = input;
  const values = presentValues(input);

  const header = chartHeader(input, 'bar');
  const labelWidth = Math.max(...values.map((v) => textWidth(format.display(v), FONT)));
  const left = 1;
  const right = WIDTH - Math.ceil(labelWidth) - 6;
  const scale = scaleLinear().domain([Math.min(0, ...values), Math.max(0, ...values)]).range([left, right]);
  const at = (v: number) => r2(scale(v));
  const zero = at(0);

  const elements: SvgElement[] = [...header.elements];
  let y = header.height;
  input.categories.forEach((category, i) => {
    elements.push(text(0, y + LABEL_FONT, truncateText(category, WIDTH, LABEL_FONT), 'start', LABEL_FONT, { className: 'ch-cat' }));
    y += LINE_HEIGHT + 4;
    // the zero line runs beside this name's bars only, so it never strikes through a name
    elements.push({ kind: 'line', x1: zero, y1: y - 2, x2: zero, y2: y + input.series.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 2, stroke: INK, strokeWidth: 1.5, className: 'ch-axis', decorative: true });
    input.series.forEach((s, j) => {
      const v = s.values[i];
      if (v !== null && v !== undefined) {
        const x0 = Math.min(at(v), zero);
        elements.push(bar(id, j, x0, y, Math.abs(at(v) - zero), BAR_HEIGHT));
        elements.push(text(Math.max(at(v), zero) + 4, y + BAR_HEIGHT / 2 + FONT * 0.35, format.display(v), 'start', FONT, { className: 'ch-val' }));
      } else {
        elements.push(text(zero + 4, y + BAR_HEIGHT / 2 + FONT * 0.35, MISSING, 'start', FONT, { className: 'ch-val' }));
      }
      y += BAR_HEIGHT + BAR_GAP;
    });
    y += ROW_GAP;
  });
  return chartView(input, y - ROW_GAP + 4, seriesPatterns(id, input.series.length), elements);
}

const BAR_HEIGHT = 20;
const BAR_GAP = 4;
const ROW_GAP = 10;
