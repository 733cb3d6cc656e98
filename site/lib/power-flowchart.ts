import dagre from '@dagrejs/dagre';
import type { PowerItem } from '../../data/power/power-catalogue.ts';
import { wrapText } from './charts/chart-text.ts';
import { stepFacts, type StepFacts } from './power-step-text.ts';

/**
 * An item's procedure as a flowchart: one box per step, an arrow from each step to the next,
 * top to bottom. Built at build time as SVG primitives that site/components/PowerFlowchart.astro
 * prints element by element (never as markup text). Positions come from dagre, so a county list
 * whose steps branch later needs new edges here, not hand-placed boxes.
 *
 * The size rule, so an elderly reader on a 360 px phone needs no zoom and no sideways scroll:
 * the SVG is printed at width 100% of the page column, which at a 360 px viewport is
 * 360 − 2 × 14 px (the .w gutter in site.css) = 332 px. A single column of boxes keeps the
 * viewBox at VIEWBOX_WIDTH = 320 user units, so one unit renders as 332 / 320 ≥ 1 px, and text of
 * MIN_TEXT_SIZE = 16 units renders at ≥ 16.6 px. Lines are wrapped to the box's inner width by
 * estimated glyph widths (a Chinese character is one em), so no line leaves its box.
 */

export const VIEWBOX_WIDTH = 320;
/** The page column at a 360 px viewport: the width the SVG is drawn at there. */
export const NARROW_RENDERED_WIDTH = 360 - 2 * 14;
export const MIN_TEXT_SIZE = 16;
export const TITLE_SIZE = 18;
const MARGIN = 10;
export const BOX_WIDTH = VIEWBOX_WIDTH - 2 * MARGIN;
const PAD_X = 12;
const PAD_Y = 10;
/** What a line of text may take inside a box. */
export const LINE_WIDTH = BOX_WIDTH - 2 * PAD_X;
const LINE_HEIGHT = 1.4;
const RANK_GAP = 34;
const MARKER_ID = 'pf-arrow';

export interface FlowRect {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  rx: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
}

export interface FlowText {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  /** font-size in user units, never below MIN_TEXT_SIZE */
  size: number;
  bold: boolean;
  fill: string;
}

export interface FlowPath {
  kind: 'path';
  d: string;
  stroke: string;
  strokeWidth: number;
  /** an ArrowMarker id, printed as marker-end="url(#id)" */
  markerEnd: string | null;
}

export type FlowElement = FlowRect | FlowText | FlowPath;

/** The arrowhead, drawn once in <defs> and put on every arrow's end. */
export interface ArrowMarker {
  id: string;
  viewBox: string;
  width: number;
  height: number;
  refX: number;
  refY: number;
  d: string;
  fill: string;
}

export interface FlowBox {
  seq: number;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export interface FlowArrow {
  from: number;
  to: number;
  points: { x: number; y: number }[];
}

export interface PowerFlowchart {
  width: number;
  height: number;
  /** "0 0 320 812" */
  viewBox: string;
  /** the svg's accessible name: what it shows and where the same in words is */
  label: string;
  marker: ArrowMarker;
  boxes: FlowBox[];
  arrows: FlowArrow[];
  /** in paint order: boxes, their text, then arrows */
  elements: FlowElement[];
}

const INK = '#111';
const GREEN = '#0b5d3b';
/** A step that publishes something stands out, in a pale yellow that keeps black text at full contrast. */
const NOTICE_FILL = '#fff4c2';

export function buildPowerFlowchart(item: PowerItem): PowerFlowchart {
  const facts = item.steps.map(stepFacts);
  const laid = facts.map((f) => ({ facts: f, lines: boxLines(f) }));

  const g = new dagre.graphlib.Graph<Record<string, unknown>, { width: number; height: number; x?: number; y?: number }, { points?: { x: number; y: number }[] }>();
  g.setGraph({ rankdir: 'TB', ranksep: RANK_GAP, nodesep: 24, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const box of laid) g.setNode(String(box.facts.seq), { width: BOX_WIDTH, height: boxHeight(box.lines) });
  // The steps are done in order; a county list that branches will add its edges here.
  for (let i = 1; i < laid.length; i++) g.setEdge(String(laid[i - 1]!.facts.seq), String(laid[i]!.facts.seq));
  dagre.layout(g);

  const graph = g.graph() as { width?: number; height?: number };
  const width = Math.max(VIEWBOX_WIDTH, Math.ceil(graph.width ?? 0));
  const height = Math.ceil(graph.height ?? 0);

  const boxes: FlowBox[] = laid.map(({ facts: f, lines }) => {
    const n = g.node(String(f.seq));
    const w = n.width;
    const h = n.height;
    return { seq: f.seq, x: round((n.x ?? 0) - w / 2), y: round((n.y ?? 0) - h / 2), width: w, height: h, lines: lines.map((l) => l.text) };
  });
  const arrows: FlowArrow[] = g.edges().map((e) => ({
    from: Number(e.v),
    to: Number(e.w),
    points: (g.edge(e).points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
  }));

  const elements: FlowElement[] = [];
  laid.forEach(({ facts: f, lines }, i) => {
    const box = boxes[i]!;
    elements.push({ kind: 'rect', x: box.x, y: box.y, width: box.width, height: box.height, rx: 6, fill: f.disclosure === null ? '#fff' : NOTICE_FILL, stroke: GREEN, strokeWidth: 2 });
    let top = box.y + PAD_Y;
    for (const line of lines) {
      const lh = line.size * LINE_HEIGHT;
      // baseline: the line's box, less the leading above the glyphs, less their descent
      elements.push({ kind: 'text', x: box.x + PAD_X, y: round(top + (lh - line.size) / 2 + line.size * 0.88), text: line.text, size: line.size, bold: line.bold, fill: INK });
      top += lh;
    }
  });
  for (const a of arrows) {
    if (a.points.length < 2) continue;
    elements.push({ kind: 'path', d: a.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '), stroke: INK, strokeWidth: 2, markerEnd: MARKER_ID });
  }

  return {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    label: `${item.name}流程图，共${facts.length}步；各步内容见下方文字列表`,
    // markerUnits is strokeWidth by default: 5 × 2 = a 10-unit arrowhead whose tip ends on the box's edge
    marker: { id: MARKER_ID, viewBox: '0 0 10 10', width: 5, height: 5, refX: 10, refY: 5, d: 'M0 0 L10 5 L0 10 Z', fill: INK },
    boxes,
    arrows,
    elements,
  };
}

/** The size a text of `size` user units is drawn at when the viewBox is shown `renderedWidth` px wide. */
export function renderedPx(size: number, viewBoxWidth: number, renderedWidth = NARROW_RENDERED_WIDTH): number {
  return (size * renderedWidth) / viewBoxWidth;
}

// ——— private helpers ———

interface BoxLine {
  text: string;
  size: number;
  bold: boolean;
}

/** The step's name in bold, then one labelled line per fact, each wrapped to the box. */
function boxLines(f: StepFacts): BoxLine[] {
  const lines: BoxLine[] = wrapText(`${f.seq}. ${f.name}`, LINE_WIDTH, TITLE_SIZE).map((text) => ({ text, size: TITLE_SIZE, bold: true }));
  const details: [string, string | null][] = [
    ['执行', f.actor],
    ['时限', f.deadline],
    ['表决', f.quorum],
    ['留存', f.evidenceShort],
    ['公开', f.disclosureShort],
  ];
  for (const [label, value] of details) {
    if (value === null) continue;
    for (const text of wrapText(`${label}：${value}`, LINE_WIDTH, MIN_TEXT_SIZE)) lines.push({ text, size: MIN_TEXT_SIZE, bold: false });
  }
  return lines;
}

function boxHeight(lines: readonly BoxLine[]): number {
  return Math.ceil(2 * PAD_Y + lines.reduce((sum, l) => sum + l.size * LINE_HEIGHT, 0));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
