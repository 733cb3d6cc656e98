import PDFDocument from 'pdfkit';
import { posterFonts } from './poster-fonts.ts';

/**
 * A PDF in the posters' font, for the QR posters (pdf-poster.ts) and the power-list notices
 * (power-sheet-pdf.ts): the parsed Noto Sans SC registered as `poster` (embedded as a subset of the
 * glyphs used), the document's date the caller's so equal content gives equal bytes, and the
 * bytes collected as they are written.
 */
export interface PdfMeta {
  title: string;
  author: string;
  /** the document's creation date: the printed date, so equal documents are equal bytes */
  created: Date;
}

export function openPosterPdf(meta: PdfMeta): { doc: PDFKit.PDFDocument; finish(): Promise<Uint8Array> } {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Creator: meta.author, CreationDate: meta.created },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit accepts a parsed fontkit font where its types only name bytes: the font is parsed once per process.
  doc.registerFont('poster', posterFonts().font as unknown as Uint8Array);
  doc.font('poster');
  return {
    doc,
    async finish() {
      doc.end();
      await finished;
      return concat(chunks);
    },
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
