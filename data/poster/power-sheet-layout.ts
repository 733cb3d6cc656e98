import { PAPER_MM } from './poster-options.ts';
import { ASCENT, columnHeight, measureBox, placeColumns, placeFlow, PT_MM, shift, type FlowFit, type FlowRegion, type PlacedBox, type SheetItem, type SheetStep } from './power-flow-layout.ts';
import { wrapText, type FontWeight, type Measure } from './text-wrap.ts';

/**
 * A 小微权力清单 item as an A4 notice for the village board, in millimetres from the top-left of
 * the sheet: the item's name, its category and when it applies, the procedure as a flowchart, the
 * legal basis in small print and whose list it is. Black on white only: the notice is photocopied.
 *
 * The type is as large as lets the whole procedure fit one page (SHEET_FITS, largest first); step
 * names never go below MIN_STEP_NAME_PT. A procedure too long for one page even at the smallest
 * sizes (a county list may have up to 40 steps) continues on further pages, in one column, each
 * page with the same head and foot, marked 转下页 / 接上页 — never shrunk below the minimum.
 */

export interface PowerSheetContent {
  /** the item's name */
  title: string;
  /** 集体管理事项　事项编码 major-decision */
  subtitle: string;
  /** 金额 and the item's note; null when it applies to every matter */
  applies: string | null;
  hint: string;
  steps: SheetStep[];
  legalBasis: string[];
  /** 以本村所属县公布的清单为准 */
  caveat: string;
  /** the site's name, the list and version, the item's web address */
  footer: string;
}

export interface PowerSheetLayout {
  width: number;
  height: number;
  pages: SheetItem[][];
  boxes: (PlacedBox & { page: number })[];
  /** the sizes and arrangement chosen */
  fit: FlowFit;
}

/** The brief's floor for step names: legible at arm's length on a notice board. */
export const MIN_STEP_NAME_PT = 14;

/** Tried in order; the first that fits one page wins. Larger type first, then one column before two. */
export const SHEET_FITS: readonly FlowFit[] = [
  { columns: 1, nameSize: 16, detailSize: 12, packed: false },
  { columns: 1, nameSize: 15, detailSize: 11, packed: false },
  { columns: 2, nameSize: 15, detailSize: 11, packed: false },
  { columns: 1, nameSize: 14, detailSize: 10.5, packed: true },
  { columns: 2, nameSize: 14, detailSize: 10.5, packed: true },
  { columns: 2, nameSize: 14, detailSize: 9.5, packed: true },
];

/** When nothing fits one page: one column over several, at these sizes. */
export const CONTINUED_FIT: FlowFit = { columns: 1, nameSize: 14, detailSize: 10.5, packed: true };

export function layoutPowerSheet(content: PowerSheetContent, measure: Measure): PowerSheetLayout {
  const head = headBlock(content, measure);
  const foot = footBlock(content, measure);
  const footTop = A4.height - BOTTOM - foot.height;
  const region: FlowRegion = { x: MARGIN, y: head.height + 3, width: WIDTH, height: footTop - 4 - (head.height + 3) };
  const page = (flow: SheetItem[]) => [...head.items, ...flow, ...foot.items.map((i) => shift(i, 0, footTop))];

  for (const fit of SHEET_FITS) {
    const placed = placeFlow(content.steps, region, fit, measure);
    if (placed) return { width: A4.width, height: A4.height, pages: [page(placed.items)], boxes: placed.boxes.map((b) => ({ ...b, page: 1 })), fit };
  }
  return continued(content, region, page, measure);
}

// ——— private helpers ———

const A4 = PAPER_MM.a4;
const MARGIN = 12;
const WIDTH = A4.width - 2 * MARGIN;
const TOP = 9;
const BOTTOM = 9;
const RULE = 0.8;
/** the line that says a procedure goes on over the page */
const MARK_PT = 10.5;

interface Block {
  height: number;
  items: SheetItem[];
}

/** Lines of text set one under another from `y`, wrapped to `width`, with an optional bold label hanging them. */
class Setter {
  items: SheetItem[] = [];
  constructor(
    public y: number,
    private readonly measure: Measure,
  ) {}

  para(text: string, pt: number, weight: FontWeight, lead: number, label = '', x = MARGIN, width = WIDTH): void {
    const size = pt * PT_MM;
    const indent = label === '' ? 0 : this.measure(label, 'bold') * size;
    if (label !== '') this.items.push({ kind: 'text', x, baseline: this.y + ASCENT * size, size, text: label, weight: 'bold' });
    const lines = wrapText(text, (width - indent) / size, weight, this.measure);
    for (const line of lines) {
      this.items.push({ kind: 'text', x: x + indent, baseline: this.y + ASCENT * size, size, text: line, weight });
      this.y += size * lead;
    }
    if (lines.length === 0 && label !== '') this.y += size * lead;
  }

  rule(height: number): void {
    this.items.push({ kind: 'rect', x: MARGIN, y: this.y, width: WIDTH, height, stroke: null });
  }
}

function headBlock(content: PowerSheetContent, measure: Measure): Block {
  const s = new Setter(TOP, measure);
  s.rule(RULE);
  s.y += RULE + 3;
  s.para(content.title, 22, 'bold', 1.24, '');
  s.y += 0.6;
  s.para(content.subtitle, 11, 'regular', 1.5);
  if (content.applies !== null) s.para(content.applies, 11, 'regular', 1.4, '适用情形：');
  s.para(content.hint, 10.5, 'regular', 1.3);
  return { height: s.y, items: s.items };
}

/** Positioned from 0; the layout moves it to the foot of the page. */
function footBlock(content: PowerSheetContent, measure: Measure): Block {
  const s = new Setter(0, measure);
  s.rule(0.3);
  s.y += 2;
  s.para('', 8, 'bold', 1.45, '依据');
  for (const basis of content.legalBasis) s.para(basis, 7, 'regular', 1.32, '· ');
  s.y += 1.5;
  s.para(content.caveat, 12, 'bold', 1.4);
  s.para(content.footer, 8, 'regular', 1.3);
  s.y += 0.6;
  s.rule(RULE);
  s.y += RULE;
  return { height: s.y, items: s.items };
}

/** The procedure at CONTINUED_FIT, as many boxes to a page as fit, marked where it breaks. */
function continued(content: PowerSheetContent, region: FlowRegion, page: (flow: SheetItem[]) => SheetItem[], measure: Measure): PowerSheetLayout {
  const mark = MARK_PT * PT_MM;
  const markRoom = mark * 1.6;
  const boxes = content.steps.map((s) => measureBox(s, region.width, CONTINUED_FIT, measure));
  // Every page keeps room for both marks, so a page's boxes do not depend on where it falls.
  const room = region.height - 2 * markRoom;
  const chunks: (typeof boxes)[] = [];
  let current: typeof boxes = [];
  for (const box of boxes) {
    if (current.length > 0 && columnHeight([...current, box]) > room) {
      chunks.push(current);
      current = [];
    }
    current.push(box);
  }
  if (current.length > 0) chunks.push(current);

  const pages: SheetItem[][] = [];
  const placedBoxes: PowerSheetLayout['boxes'] = [];
  chunks.forEach((chunk, i) => {
    const flow: SheetItem[] = [];
    const text = (t: string, baseline: number) => flow.push({ kind: 'text', x: region.x, baseline, size: mark, text: t, weight: 'bold' });
    const first = chunk[0]!.step.seq;
    if (i > 0) text(`（接上页，第${first}步起）`, region.y + ASCENT * mark);
    const placed = placeColumns([chunk], { ...region, y: region.y + markRoom }, region.width, 0);
    flow.push(...placed.items);
    const next = chunks[i + 1]?.[0]?.step.seq;
    if (next !== undefined) text(`（转下页，第${next}步）`, placed.bottom + 2 + ASCENT * mark);
    pages.push(page(flow));
    placedBoxes.push(...placed.boxes.map((b) => ({ ...b, page: i + 1 })));
  });
  return { width: A4.width, height: A4.height, pages, boxes: placedBoxes, fit: CONTINUED_FIT };
}
