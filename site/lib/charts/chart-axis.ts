import { scaleLinear } from 'd3-scale';
import type { SvgElement } from './chart-model.ts';
import { FONT, GRID, INK, LABEL_FONT, LINE_HEIGHT, r2, text } from './chart-style.ts';
import { textWidth, truncateText, wrapText } from './chart-text.ts';
import type { AxisUnit, ValueFormat } from './value-format.ts';

/**
 * The value axis: d3 picks the nice domain and the ticks, and its tickFormat the decimals a tick
 * step needs; we only choose the unit (元, 万, 亿) and put the suffix on. Tick labels are the one
 * place the page rounds money ("12.5万"); the table keeps exact amounts.
 */
export interface ValueScale {
  unit: AxisUnit;
  /** `raw` in the chart's values (fen, count, percent) */
  ticks: { raw: number; label: string }[];
  /** the widest tick label, to size the margin it sits in */
  labelWidth: number;
  /** the scale laid over a pixel range: raw value → coordinate */
  place(range: readonly [number, number]): (raw: number) => number;
}

/** Always includes zero, so bar lengths compare honestly. */
export function valueScale(values: readonly number[], format: ValueFormat, wanted = 5): ValueScale {
  const maxAbs = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const unit = format.axisUnit(maxAbs);
  const lo = Math.min(0, ...values) / unit.per;
  const hi = Math.max(0, ...values) / unit.per;
  const top = lo === hi ? 1 : hi;
  // counts: fewer ticks than the span has whole numbers, so every tick step is at least 1
  const count = format.wholeTicks ? Math.max(1, Math.min(wanted, Math.ceil(top - lo))) : wanted;
  const scale = scaleLinear().domain([lo, top]).nice(count);
  const tickText = scale.tickFormat(count, ',~f');
  const ticks = scale.ticks(count).map((t) => ({ raw: t * unit.per, label: t === 0 ? '0' : `${tickText(t)}${unit.suffix}` }));
  return {
    unit,
    ticks,
    labelWidth: Math.max(...ticks.map((t) => textWidth(t.label, FONT))),
    place(range) {
      const placed = scale.copy().range([...range]);
      return (raw) => r2(placed(raw / unit.per));
    },
  };
}

/** Horizontal grid lines across the plot with their labels to the left; the zero line in ink. */
export function valueGrid(scale: ValueScale, at: (raw: number) => number, left: number, right: number): SvgElement[] {
  const elements: SvgElement[] = [];
  for (const tick of scale.ticks) {
    const y = at(tick.raw);
    const zero = tick.raw === 0;
    elements.push({ kind: 'line', x1: r2(left), y1: y, x2: r2(right), y2: y, stroke: zero ? INK : GRID, strokeWidth: zero ? 1.5 : 1, className: zero ? 'ch-axis' : 'ch-grid', decorative: true });
    elements.push(text(left - 6, y + FONT * 0.35, tick.label, 'end', FONT, { className: 'ch-tick' }));
  }
  return elements;
}

export interface CategoryLabels {
  elements: SvgElement[];
  height: number;
  /** how far the first turned labels would run past the picture's left edge: widen the margin by this */
  overhang: number;
}

/**
 * Category names under the plot. Each is wrapped to its slot (at most three lines); when one
 * does not fit that way they are all turned 45° and, if the slots are narrower than a line,
 * only every second or third is written. The table lists every category in full.
 */
export function categoryLabels(categories: readonly string[], centers: readonly number[], step: number, top: number): CategoryLabels {
  const wrapped = categories.map((c) => wrapText(c, step - 4, LABEL_FONT));
  if (wrapped.every((lines) => lines.length <= MAX_LINES && lines.every((l) => textWidth(l, LABEL_FONT) <= step - 4))) {
    const elements = wrapped.flatMap((lines, i) => lines.map((line, j) => text(centers[i] ?? 0, top + LABEL_FONT + j * LINE_HEIGHT, line, 'middle', LABEL_FONT, { className: 'ch-cat' })));
    const lines = Math.max(1, ...wrapped.map((l) => l.length));
    return { elements, height: LABEL_FONT + (lines - 1) * LINE_HEIGHT + 8, overhang: 0 };
  }
  const every = Math.ceil(ROTATED_SPACING / step);
  // A turned label runs down and to the left of its slot, its glyphs reaching a further ascent
  // to the left of its baseline; one that would leave the picture is cut.
  const anchorX = (i: number) => (centers[i] ?? 0) + 4;
  const room = (i: number) => Math.min(MAX_ROTATED, anchorX(i) / Math.SQRT1_2 - ASCENT);
  const shown = categories.map((c, i) => (i % every === 0 ? truncateText(c, room(i), LABEL_FONT) : null));
  const wanted = categories.map((c, i) => (i % every === 0 ? (Math.min(MAX_ROTATED, textWidth(c, LABEL_FONT)) + ASCENT) * Math.SQRT1_2 - anchorX(i) : 0));
  const longest = Math.max(...shown.map((s) => (s === null ? 0 : textWidth(s, LABEL_FONT))));
  const elements = shown.flatMap((s, i) => (s === null ? [] : [text(anchorX(i), top + 10, s, 'end', LABEL_FONT, { rotate: -45, className: 'ch-cat' })]));
  return { elements, height: Math.ceil(longest * Math.SQRT1_2 + LABEL_FONT + 10), overhang: Math.ceil(Math.max(0, ...wanted)) };
}

/**
 * Draws with the left margin widened until the turned category labels fit: widening the margin
 * narrows the slots and moves the first label less than the margin grew, hence a few rounds.
 */
export function withLabelRoom<T extends { cats: CategoryLabels }>(base: number, draw: (left: number) => T): T {
  let left = base;
  let drawn = draw(left);
  for (let round = 0; round < 4 && drawn.cats.overhang > 0; round++) {
    left += drawn.cats.overhang;
    drawn = draw(left);
  }
  return drawn;
}

// ——— private helpers ———

const MAX_LINES = 3;
/** the horizontal distance two 45° labels need not to touch */
const ROTATED_SPACING = 22;
const MAX_ROTATED = 120;
const ASCENT = LABEL_FONT * 0.8;
