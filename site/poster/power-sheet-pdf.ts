import type { SheetItem } from '../../data/poster/power-flow-layout.ts';
import type { PowerSheetLayout } from '../../data/poster/power-sheet-layout.ts';
import { openPosterPdf, type PdfMeta } from './pdf-document.ts';
import { POSTER_BOLD_STROKE_EM } from './poster-fonts.ts';

/**
 * Draws a power-list notice (data/poster/power-sheet-layout.ts) into a PDF, in the posters' font:
 * the same parsed Noto Sans SC, embedded as a subset of the glyphs used, headings as the same
 * faux bold. Its own small renderer rather than pdf-poster.ts, whose items have no arrows.
 */

/** `created`: the list's publication day, so the same list gives the same bytes */
export type SheetMeta = PdfMeta;

export async function renderPowerSheetPdf(layout: PowerSheetLayout, meta: SheetMeta): Promise<Uint8Array> {
  const { doc, finish } = openPosterPdf(meta);
  for (const items of layout.pages) {
    doc.addPage({ size: [layout.width * PT, layout.height * PT], margin: 0 });
    for (const item of items) draw(doc, item);
  }
  return finish();
}

// ——— private helpers ———

/** points per millimetre */
const PT = 72 / 25.4;
const INK = '#000000';

function draw(doc: PDFKit.PDFDocument, item: SheetItem): void {
  switch (item.kind) {
    case 'text': {
      const bold = item.weight === 'bold';
      doc.fontSize(item.size * PT).fillColor(INK);
      if (bold) doc.strokeColor(INK).lineWidth(item.size * PT * POSTER_BOLD_STROKE_EM).lineJoin('round');
      doc.text(item.text, item.x * PT, item.baseline * PT, { lineBreak: false, baseline: 'alphabetic', fill: true, stroke: bold });
      return;
    }
    case 'rect':
      if (item.stroke === null) doc.rect(item.x * PT, item.y * PT, item.width * PT, item.height * PT).fill(INK);
      else doc.lineWidth(item.stroke * PT).lineJoin('miter').rect(item.x * PT, item.y * PT, item.width * PT, item.height * PT).stroke(INK);
      return;
    case 'line': {
      const [first, ...rest] = item.points;
      if (!first) return;
      doc.lineWidth(item.width * PT).lineJoin('miter').lineCap('butt').moveTo(first.x * PT, first.y * PT);
      for (const p of rest) doc.lineTo(p.x * PT, p.y * PT);
      doc.stroke(INK);
      return;
    }
    case 'polygon':
      doc.polygon(...item.points.map((p): [number, number] => [p.x * PT, p.y * PT])).fill(INK);
      return;
  }
}
