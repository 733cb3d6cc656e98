import { symbol, symbolCircle, symbolSquare, symbolTriangle, type SymbolType } from 'd3-shape';
import type { SvgElement, SvgPattern } from './chart-model.ts';
import { textWidth } from './chart-text.ts';

/**
 * The look shared by every chart. Series differ three ways at once, so none depends on colour:
 * fill pattern (solid, diagonal hatch, dots) for bars, dash and marker shape (circle, square,
 * triangle) for lines, and a legend naming each. Colours are the site's (site.css): green
 * #0b5d3b, amber #8a6d00, dark grey; class names let chart.css print them all in black.
 */

export const WIDTH = 340;
/** axis ticks, value labels */
export const FONT = 14;
/** category names, legend, the unit line */
export const LABEL_FONT = 15;
export const LINE_HEIGHT = 18;
export const INK = '#111';
export const GRID = '#bdbdbd';

export const GREEN = '#0b5d3b';
export const AMBER = '#8a6d00';
export const GREY = '#3a3a3a';

export interface SeriesStyle {
  colour: string;
  /** stroke-dasharray of the series' line; undefined for solid */
  dash: string | undefined;
  marker: string;
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { colour: GREEN, dash: undefined, marker: markerPath(symbolCircle) },
  { colour: AMBER, dash: '7 4', marker: markerPath(symbolSquare) },
  { colour: GREY, dash: '2 3', marker: markerPath(symbolTriangle) },
];

export function seriesStyle(index: number): SeriesStyle {
  const style = SERIES_STYLES[index];
  if (style === undefined) throw new RangeError(`a chart has at most ${SERIES_STYLES.length} series`);
  return style;
}

export function patternId(chartId: string, index: number): string {
  return `${chartId}-p${index}`;
}

/** Solid green, amber diagonal hatch, dark grey dots: one per series, in that order. */
export function seriesPatterns(chartId: string, count: number): SvgPattern[] {
  const tiles: SvgPattern[] = [
    { id: patternId(chartId, 0), size: 6, marks: [{ kind: 'rect', x: 0, y: 0, width: 6, height: 6, fill: GREEN, className: 'ch-ink' }] },
    {
      id: patternId(chartId, 1),
      size: 6,
      marks: [
        { kind: 'rect', x: 0, y: 0, width: 6, height: 6, fill: '#fff' },
        { kind: 'path', d: 'M-1,1l2,-2M0,6l6,-6M5,7l2,-2', stroke: AMBER, strokeWidth: 2, className: 'ch-ink-s' },
      ],
    },
    {
      id: patternId(chartId, 2),
      size: 6,
      marks: [
        { kind: 'rect', x: 0, y: 0, width: 6, height: 6, fill: '#fff' },
        { kind: 'path', d: 'M1.2,3a1.8,1.8 0 1 0 3.6,0a1.8,1.8 0 1 0 -3.6,0', fill: GREY, className: 'ch-ink' },
      ],
    },
  ];
  return tiles.slice(0, count);
}

/** A bar: patterned, outlined so a white-based pattern still has an edge. */
export function bar(chartId: string, series: number, x: number, y: number, width: number, height: number): SvgElement {
  return { kind: 'rect', x: r2(x), y: r2(y), width: r2(width), height: r2(height), pattern: patternId(chartId, series), stroke: INK, strokeWidth: 1, className: 'ch-bar' };
}

export function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end', size = FONT, extra: { rotate?: number; className?: string } = {}): SvgElement {
  return { kind: 'text', x: r2(x), y: r2(y), text: content, anchor, size, fill: INK, className: extra.className ?? 'ch-tx', ...(extra.rotate === undefined ? {} : { rotate: extra.rotate }) };
}

export interface LegendBlock {
  elements: SvgElement[];
  height: number;
}

/**
 * Series names with their swatch, left to right, wrapping onto more rows on a narrow chart.
 * A single series needs none: the caption and the table's column already name it.
 */
export function legend(chartId: string, names: readonly string[], kind: 'bar' | 'line', top: number): LegendBlock {
  if (names.length < 2) return { elements: [], height: 0 };
  const elements: SvgElement[] = [];
  const swatch = 22;
  let x = 0;
  let row = 0;
  names.forEach((name, i) => {
    const itemWidth = swatch + 6 + textWidth(name, LABEL_FONT);
    if (x > 0 && x + itemWidth > WIDTH) {
      x = 0;
      row += 1;
    }
    const y = top + row * (LINE_HEIGHT + 6);
    if (kind === 'bar') {
      elements.push({ ...bar(chartId, i, x + 1, y + 2, swatch - 2, LABEL_FONT - 1), decorative: true });
    } else {
      const style = seriesStyle(i);
      elements.push({ kind: 'line', x1: x, y1: y + 9, x2: x + swatch, y2: y + 9, stroke: style.colour, strokeWidth: 2.5, className: 'ch-ink-s', decorative: true, ...dashOf(style) });
      elements.push({ kind: 'path', d: style.marker, at: { x: x + swatch / 2, y: y + 9 }, fill: style.colour, stroke: '#fff', strokeWidth: 1, className: 'ch-ink', decorative: true });
    }
    elements.push(text(x + swatch + 6, y + LABEL_FONT, name, 'start', LABEL_FONT));
    x += itemWidth + 16;
  });
  return { elements, height: (row + 1) * (LINE_HEIGHT + 6) };
}

export function dashOf(style: SeriesStyle): { dash?: string } {
  return style.dash === undefined ? {} : { dash: style.dash };
}

/** Coordinates to two decimals: smaller pages, and exact values in tests. */
export function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

// ——— private helpers ———

function markerPath(type: SymbolType): string {
  return symbol(type, 70).digits(2)() ?? '';
}
