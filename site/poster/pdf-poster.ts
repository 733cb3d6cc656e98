import type { PosterItem, PosterLayout } from '../../data/poster/poster-layout.ts';
import { openPosterPdf, type PdfMeta } from './pdf-document.ts';
import { POSTER_BOLD_STROKE_EM } from './poster-fonts.ts';

export type { PdfMeta } from './pdf-document.ts';

/**
 * Draws poster layouts into one PDF, a page each. Text is real text in the embedded Noto Sans SC
 * subset (searchable, copyable, sharp at any size); the QR codes are filled vector rectangles,
 * never a bitmap. A batch shares one font subset across its pages, which keeps a township's
 * PDF small: the glyphs are embedded once, not once per village.
 */

export interface PdfProgress {
  /** called after each page */
  onPage?: (done: number, total: number) => void;
  /** hand the event loop back after this many pages, so a server answers other requests meanwhile */
  yieldEvery?: number;
}

export async function renderPosterPdf(count: number, pageAt: (index: number) => PosterLayout, meta: PdfMeta, progress: PdfProgress = {}): Promise<Uint8Array> {
  const { doc, finish } = openPosterPdf(meta);

  for (let i = 0; i < count; i++) {
    const layout = pageAt(i);
    doc.addPage({ size: [layout.width * PT, layout.height * PT], margin: 0 });
    for (const item of layout.items) draw(doc, item);
    progress.onPage?.(i + 1, count);
    if (progress.yieldEvery && (i + 1) % progress.yieldEvery === 0 && i + 1 < count) await new Promise((r) => setImmediate(r));
  }
  return finish();
}

// ——— private helpers ———

/** points per millimetre */
const PT = 72 / 25.4;

function draw(doc: PDFKit.PDFDocument, item: PosterItem): void {
  switch (item.kind) {
    case 'text': {
      const bold = item.weight === 'bold';
      doc.fontSize(item.size * PT).fillColor(item.colour);
      if (bold) doc.strokeColor(item.colour).lineWidth(item.size * PT * POSTER_BOLD_STROKE_EM).lineJoin('round');
      doc.text(item.text, item.x * PT, item.baseline * PT, { lineBreak: false, baseline: 'alphabetic', fill: true, stroke: bold });
      return;
    }
    case 'rect':
      if (item.stroke === null) {
        doc.rect(item.x * PT, item.y * PT, item.width * PT, item.height * PT).fill(item.colour);
      } else {
        doc
          .lineWidth(item.stroke * PT)
          .rect(item.x * PT, item.y * PT, item.width * PT, item.height * PT)
          .stroke(item.colour);
      }
      return;
    case 'qr':
      // In module units every rectangle is a few small integers: a short content stream, one fill.
      doc.save();
      doc.transform(item.module * PT, 0, 0, item.module * PT, item.x * PT, item.y * PT);
      for (const run of item.runs) doc.rect(run.col, run.row, run.length, 1);
      doc.fill(item.colour);
      doc.restore();
      return;
  }
}
