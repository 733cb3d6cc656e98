import { wrapText, type FontWeight, type Measure } from './text-wrap.ts';

/**
 * The procedure of a 小微权力清单 item as boxes and arrows on paper, in millimetres: one box per
 * step, top to bottom, in one column or, when one column does not fit, two (the arrow from the
 * foot of the left column runs up the gutter to the head of the right one). The web page draws
 * the same boxes with dagre for a 320-unit phone column (site/lib/power-flowchart.ts); a sheet of
 * A4 must hold up to a dozen steps at notice-board sizes, so here the column count and the type
 * sizes are chosen to fit the page, and the step order is all that decides the position.
 */

export type SheetItem =
  /** `baseline` is the alphabetic baseline; `size` the font size (em) in mm */
  | { kind: 'text'; x: number; baseline: number; size: number; text: string; weight: FontWeight }
  /** outlined with a line `stroke` mm wide, or filled when stroke is null */
  | { kind: 'rect'; x: number; y: number; width: number; height: number; stroke: number | null }
  | { kind: 'line'; points: Point[]; width: number }
  /** filled */
  | { kind: 'polygon'; points: Point[] };

export interface Point {
  x: number;
  y: number;
}

export interface SheetStep {
  seq: number;
  name: string;
  /** 执行、时限、表决、留存、公开, in that order, only those the step has */
  facts: { label: string; value: string }[];
  /** the step puts something on the board: its box gets the heavy outline */
  discloses: boolean;
}

/** Type sizes in points (what a printer and the brief speak in), and how the boxes are arranged. */
export interface FlowFit {
  columns: 1 | 2;
  nameSize: number;
  detailSize: number;
  /** short facts share a line when they fit whole */
  packed: boolean;
}

export interface PlacedBox {
  seq: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowPlacement {
  items: SheetItem[];
  boxes: PlacedBox[];
  /** the bottom of the lowest box */
  bottom: number;
}

/** millimetres per point */
export const PT_MM = 25.4 / 72;
/** top of a CJK ideograph above the baseline, in ems (as poster-layout.ts) */
export const ASCENT = 0.88;
/** space between two boxes: room for the arrow */
export const ARROW_GAP = 6.5;

export interface MeasuredBox {
  step: SheetStep;
  height: number;
  /** relative to the box's top-left corner */
  items: SheetItem[];
}

/** One step's box at `width` mm: the numbered name in bold, then each fact with its label in bold. */
export function measureBox(step: SheetStep, width: number, fit: FlowFit, measure: Measure): MeasuredBox {
  const items: SheetItem[] = [];
  const inner = width - 2 * PAD_X;
  const name = fit.nameSize * PT_MM;
  const detail = fit.detailSize * PT_MM;
  let y = PAD_Y;
  for (const line of wrapText(`${step.seq}. ${step.name}`, inner / name, 'bold', measure)) {
    items.push({ kind: 'text', x: PAD_X, baseline: y + ASCENT * name, size: name, text: line, weight: 'bold' });
    y += name * NAME_LEAD;
  }
  y += 0.6;
  const lead = detail * DETAIL_LEAD;
  const gap = measure('　', 'regular') * detail;
  /** where the current fact line ends, or null when no line is open */
  let cursor: number | null = null;
  for (const fact of step.facts) {
    const label = `${fact.label}：`;
    const labelW = measure(label, 'bold') * detail;
    const whole = labelW + measure(fact.value, 'regular') * detail;
    if (fit.packed && cursor !== null && cursor + gap + whole <= inner) {
      const x = PAD_X + cursor + gap;
      items.push({ kind: 'text', x, baseline: y - lead + ASCENT * detail, size: detail, text: label, weight: 'bold' });
      items.push({ kind: 'text', x: x + labelW, baseline: y - lead + ASCENT * detail, size: detail, text: fact.value, weight: 'regular' });
      cursor += gap + whole;
      continue;
    }
    items.push({ kind: 'text', x: PAD_X, baseline: y + ASCENT * detail, size: detail, text: label, weight: 'bold' });
    // Wrapped lines hang under the value, so the labels stand in a column of their own.
    const lines = wrapText(fact.value, (inner - labelW) / detail, 'regular', measure);
    for (const line of lines) {
      items.push({ kind: 'text', x: PAD_X + labelW, baseline: y + ASCENT * detail, size: detail, text: line, weight: 'regular' });
      y += lead;
    }
    if (lines.length === 0) y += lead;
    cursor = lines.length === 1 ? whole : null;
  }
  return { step, height: y + PAD_Y - (lead - detail) / 2, items };
}

/** Where the boxes go in `region` at `fit`, or null when they do not fit it. */
export function placeFlow(steps: readonly SheetStep[], region: FlowRegion, fit: FlowFit, measure: Measure): FlowPlacement | null {
  if (fit.columns === 1) {
    const boxes = steps.map((s) => measureBox(s, region.width, fit, measure));
    const total = columnHeight(boxes);
    return total <= region.height ? placeColumns([boxes], region, region.width, 0) : null;
  }
  const colWidth = (region.width - GUTTER) / 2;
  const boxes = steps.map((s) => measureBox(s, colWidth, fit, measure));
  if (boxes.length < 2) return null;
  // The connector needs room above the right column and below the left one.
  const room = region.height - 2 * CONNECTOR;
  let best: { split: number; height: number } | null = null;
  for (let split = 1; split < boxes.length; split++) {
    const height = Math.max(columnHeight(boxes.slice(0, split)), columnHeight(boxes.slice(split)));
    if (best === null || height < best.height) best = { split, height };
  }
  if (best === null || best.height > room) return null;
  const inner = { ...region, y: region.y + CONNECTOR, height: room };
  return placeColumns([boxes.slice(0, best.split), boxes.slice(best.split)], inner, colWidth, GUTTER);
}

/** The boxes one under another from the region's top, with an arrow between each two. */
export function placeColumns(columns: readonly MeasuredBox[][], region: FlowRegion, colWidth: number, gutter: number): FlowPlacement {
  const items: SheetItem[] = [];
  const boxes: PlacedBox[] = [];
  let bottom = region.y;
  let previous: { cx: number; bottom: number } | null = null;
  columns.forEach((column, c) => {
    const x = region.x + c * (colWidth + gutter);
    const cx = x + colWidth / 2;
    let y = region.y;
    column.forEach((box, i) => {
      if (previous !== null) {
        if (i > 0) items.push(...arrow([{ x: cx, y: previous.bottom }, { x: cx, y }]));
        else {
          // From the foot of the last column to the head of this one, along the gutter.
          const gx = x - gutter / 2;
          const below = previous.bottom + CONNECTOR / 2;
          const above = y - CONNECTOR / 2 - 0.5;
          items.push(...arrow([{ x: previous.cx, y: previous.bottom }, { x: previous.cx, y: below }, { x: gx, y: below }, { x: gx, y: above }, { x: cx, y: above }, { x: cx, y }]));
        }
      }
      items.push({ kind: 'rect', x, y, width: colWidth, height: box.height, stroke: box.step.discloses ? HEAVY : LIGHT });
      for (const item of box.items) items.push(shift(item, x, y));
      boxes.push({ seq: box.step.seq, x, y, width: colWidth, height: box.height });
      previous = { cx, bottom: y + box.height };
      bottom = Math.max(bottom, y + box.height);
      y += box.height + ARROW_GAP;
    });
  });
  return { items, boxes, bottom };
}

export function columnHeight(boxes: readonly MeasuredBox[]): number {
  return boxes.reduce((sum, b) => sum + b.height, 0) + Math.max(0, boxes.length - 1) * ARROW_GAP;
}

/** A line through `points` whose last segment ends in an arrowhead touching the last point. */
export function arrow(points: readonly Point[]): SheetItem[] {
  const end = points[points.length - 1]!;
  const from = points[points.length - 2]!;
  const len = Math.hypot(end.x - from.x, end.y - from.y) || 1;
  const ux = (end.x - from.x) / len;
  const uy = (end.y - from.y) / len;
  const base = { x: end.x - ux * HEAD_LENGTH, y: end.y - uy * HEAD_LENGTH };
  return [
    { kind: 'line', points: [...points.slice(0, -1), base], width: SHAFT },
    { kind: 'polygon', points: [end, { x: base.x - uy * HEAD_HALF, y: base.y + ux * HEAD_HALF }, { x: base.x + uy * HEAD_HALF, y: base.y - ux * HEAD_HALF }] },
  ];
}

export function shift(item: SheetItem, dx: number, dy: number): SheetItem {
  switch (item.kind) {
    case 'text':
      return { ...item, x: item.x + dx, baseline: item.baseline + dy };
    case 'rect':
      return { ...item, x: item.x + dx, y: item.y + dy };
    case 'line':
    case 'polygon':
      return { ...item, points: item.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
  }
}

// ——— private helpers ———

const PAD_X = 2.8;
const PAD_Y = 2.2;
const NAME_LEAD = 1.28;
const DETAIL_LEAD = 1.32;
const GUTTER = 9;
/** the connector's run above the right column and below the left one */
const CONNECTOR = 4;
/** A step that publishes something has the heavy outline: black on white cannot use the page's yellow. */
const HEAVY = 0.9;
const LIGHT = 0.35;
const SHAFT = 0.45;
const HEAD_LENGTH = 2.6;
const HEAD_HALF = 1.5;
