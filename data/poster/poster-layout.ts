import type { PosterContent } from './poster-content.ts';
import { PAPER_MM, type PosterOptions } from './poster-options.ts';
import { darkRuns, QUIET_ZONE_MODULES, type QrMatrix, type QrRun } from './qr-runs.ts';
import { fitSize, wrapText, type FontWeight, type Measure } from './text-wrap.ts';

/**
 * Where everything on a poster goes, in millimetres from the top-left corner of the sheet. One
 * layout feeds both renderers (the PDF for printing, the SVG behind the PNG preview), so the
 * preview shows the poster that prints. Designed on A4; A3 is the same page scaled by √2.
 */

export type PosterItem =
  /** `baseline` is the alphabetic baseline; `size` the font size (em) in mm */
  | { kind: 'text'; x: number; baseline: number; size: number; text: string; weight: FontWeight; colour: string }
  /** filled, or outlined with a line `stroke` mm wide */
  | { kind: 'rect'; x: number; y: number; width: number; height: number; colour: string; stroke: number | null }
  /** (x, y) is the symbol's top-left module; the layout keeps QUIET_ZONE_MODULES around it blank */
  | { kind: 'qr'; x: number; y: number; module: number; modules: number; runs: QrRun[]; colour: string };

export interface PosterLayout {
  width: number;
  height: number;
  items: PosterItem[];
}

export interface PosterQrCodes {
  /** encodes content.villageUrl */
  village: QrMatrix;
  /** encodes content.complaintUrl */
  complaint: QrMatrix;
}

/** The large QR must be at least this wide on A4 to scan from a metre away in poor light. */
export const MIN_VILLAGE_QR_MM = 70;

export function layoutPoster(content: PosterContent, qr: PosterQrCodes, options: PosterOptions, measure: Measure): PosterLayout {
  const c = options.mono ? MONO : COLOUR;
  const items: PosterItem[] = [];
  const text = (t: string, x: number, baseline: number, size: number, weight: FontWeight, colour: string) => {
    if (t !== '') items.push({ kind: 'text', x, baseline, size, text: t, weight, colour });
  };
  const centred = (t: string, baseline: number, size: number, weight: FontWeight, colour: string) =>
    text(t, CX - (measure(t, weight) * size) / 2, baseline, size, weight, colour);

  // Rules rather than bands to the edge: office printers leave the outer 5 mm blank anyway.
  items.push({ kind: 'rect', x: MARGIN, y: 6, width: WIDTH, height: 1.2, colour: c.accent, stroke: null });

  // The head: whose poster this is.
  let y = 11;
  const line = (t: string, size: number, lineHeight: number, weight: FontWeight, colour: string) => {
    centred(t, y + ASCENT * size, size, weight, colour);
    y += size * lineHeight;
  };
  line(content.kicker, 5.5, 1.55, 'bold', c.accent);
  line(content.villageName, fitSize(content.villageName, 17, 8, WIDTH, 'bold', measure), 1.28, 'bold', c.text);
  line(content.fullName, fitSize(content.fullName, 6.5, 3.5, WIDTH, 'regular', measure), 1.45, 'regular', c.text);
  line(content.codeLine, 4.5, 1.6, 'regular', c.muted);
  line(content.scanCall, fitSize(content.scanCall, 7, 4, WIDTH, 'bold', measure), 1.15, 'bold', c.accent);
  const qrTop = y;

  // The foot, from the bottom of the sheet up: footer, complaint box, what is published.
  const footBaseline = A4.height - 10;
  items.push({ kind: 'rect', x: MARGIN, y: A4.height - 7.2, width: WIDTH, height: 1.2, colour: c.accent, stroke: null });
  text(content.printed, MARGIN, footBaseline, 3.5, 'regular', c.muted);
  text(content.footer, A4.width - MARGIN - measure(content.footer, 'regular') * 3.5, footBaseline, 3.5, 'regular', c.muted);

  const box = complaintBox(content, qr.complaint, c, measure);
  const boxTop = footBaseline - 6 - box.height;
  items.push({ kind: 'rect', x: MARGIN, y: boxTop, width: WIDTH, height: box.height, colour: c.accent, stroke: 0.5 });
  for (const item of box.items) items.push(shift(item, MARGIN, boxTop));

  const info = publishedBlock(content, c, measure);
  const infoTop = boxTop - 5 - info.height;
  for (const item of info.items) items.push(shift(item, MARGIN, infoTop));
  const ruleY = infoTop - 4;
  items.push({ kind: 'rect', x: MARGIN, y: ruleY, width: WIDTH, height: 0.4, colour: c.accent, stroke: null });

  // The middle: as large a QR as the space allows, the URL under it for people who type.
  const hintSize = 4.2;
  const urlSize = fitSize(content.villageUrl, 5.6, 3, WIDTH, 'regular', measure);
  const underQr = hintSize * 1.45 + urlSize * 1.3 + 2;
  const n = qr.village.size + 2 * QUIET_ZONE_MODULES;
  const side = Math.min(MAX_QR_BOX, ruleY - qrTop - underQr);
  const module = side / n;
  items.push({
    kind: 'qr',
    x: CX - (qr.village.size * module) / 2,
    y: qrTop + QUIET_ZONE_MODULES * module,
    module,
    modules: qr.village.size,
    runs: darkRuns(qr.village),
    colour: QR_COLOUR,
  });
  y = qrTop + side;
  line(content.typeHint, hintSize, 1.45, 'regular', c.muted);
  line(content.villageUrl, urlSize, 1.3, 'regular', c.text);

  const scale = PAPER_MM[options.size].width / A4.width;
  return { width: PAPER_MM[options.size].width, height: PAPER_MM[options.size].height, items: scale === 1 ? items : items.map((i) => scaled(i, scale)) };
}

// ——— private helpers ———

const A4 = PAPER_MM.a4;
const MARGIN = 15;
const WIDTH = A4.width - 2 * MARGIN;
const CX = A4.width / 2;
/** top of a CJK ideograph above the baseline, in ems (Noto Sans SC's ideographic em box: −0.12 to 0.88) */
const ASCENT = 0.88;
const MAX_QR_BOX = 116;
const QR_COLOUR = '#000000';

interface Palette {
  accent: string;
  text: string;
  muted: string;
}
/** 中国红 for headings and rules; body text near-black. The QR is always pure black on white. */
const COLOUR: Palette = { accent: '#b3261e', text: '#1a1a1a', muted: '#555555' };
/** Black and greys only (r = g = b): cheap laser printers and photocopies. */
const MONO: Palette = { accent: '#000000', text: '#000000', muted: '#4d4d4d' };

interface Block {
  height: number;
  /** positioned relative to the block's top-left corner */
  items: PosterItem[];
}

/** What is published and how often: headings with short lists, the full content width. */
function publishedBlock(content: PosterContent, c: Palette, measure: Measure): Block {
  const items: PosterItem[] = [];
  const size = 4.1;
  const lead = size * 1.45;
  let y = 0;
  const heading = (t: string) => {
    items.push({ kind: 'text', x: 0, baseline: y + ASCENT * 5, size: 5, text: t, weight: 'bold', colour: c.accent });
    y += 5 * 1.5;
  };
  heading(content.publishedHeading);
  for (const entry of content.published) {
    const label = `${entry.label}：`;
    const indent = measure(`· ${label}`, 'bold') * size;
    items.push({ kind: 'text', x: 0, baseline: y + ASCENT * size, size, text: `· ${label}`, weight: 'bold', colour: c.text });
    for (const l of wrapText(entry.detail, (WIDTH - indent) / size, 'regular', measure)) {
      items.push({ kind: 'text', x: indent, baseline: y + ASCENT * size, size, text: l, weight: 'regular', colour: c.text });
      y += lead;
    }
  }
  y += 1.5;
  for (const paragraph of content.frequency) {
    for (const l of wrapText(paragraph, WIDTH / size, 'regular', measure)) {
      items.push({ kind: 'text', x: 0, baseline: y + ASCENT * size, size, text: l, weight: 'regular', colour: c.text });
      y += lead;
    }
  }
  return { height: y, items };
}

/** The complaint QR on the left; the call to complain and the supervision phones beside it. */
function complaintBox(content: PosterContent, matrix: QrMatrix, c: Palette, measure: Measure): Block {
  const pad = 3;
  const qrSide = 32;
  const module = qrSide / (matrix.size + 2 * QUIET_ZONE_MODULES);
  const items: PosterItem[] = [
    { kind: 'qr', x: pad + QUIET_ZONE_MODULES * module, y: pad + QUIET_ZONE_MODULES * module, module, modules: matrix.size, runs: darkRuns(matrix), colour: QR_COLOUR },
  ];
  const x = pad + qrSide + 3;
  const width = WIDTH - x - pad;
  let y = pad + 2;
  const put = (t: string, dx: number, size: number, weight: FontWeight, colour: string) =>
    items.push({ kind: 'text', x: x + dx, baseline: y + ASCENT * size, size, text: t, weight, colour });
  put(content.complaintHeading, 0, 5, 'bold', c.accent);
  y += 5 * 1.4;
  put(content.complaintCall, 0, 4.1, 'regular', c.text);
  y += 4.1 * 1.6;
  put(`${content.phonesHeading}：`, 0, 4.1, 'bold', c.text);
  y += 4.1 * 1.45;
  for (const phone of content.phones) {
    const label = `${phone.label}  `;
    const size = fitSize(`${label}${phone.number}`, 4.6, 3, width, 'bold', measure);
    put(label, 0, size, 'regular', c.text);
    put(phone.number, measure(label, 'regular') * size, size, 'bold', c.text);
    y += size * 1.4;
  }
  return { height: Math.max(y + pad - 1, qrSide + 2 * pad), items };
}

function shift(item: PosterItem, dx: number, dy: number): PosterItem {
  switch (item.kind) {
    case 'text':
      return { ...item, x: item.x + dx, baseline: item.baseline + dy };
    case 'rect':
    case 'qr':
      return { ...item, x: item.x + dx, y: item.y + dy };
  }
}

function scaled(item: PosterItem, s: number): PosterItem {
  switch (item.kind) {
    case 'text':
      return { ...item, x: item.x * s, baseline: item.baseline * s, size: item.size * s };
    case 'rect':
      return { ...item, x: item.x * s, y: item.y * s, width: item.width * s, height: item.height * s, stroke: item.stroke === null ? null : item.stroke * s };
    case 'qr':
      return { ...item, x: item.x * s, y: item.y * s, module: item.module * s };
  }
}
