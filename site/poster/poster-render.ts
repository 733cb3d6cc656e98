import { posterContent, type PosterInput } from '../../data/poster/poster-content.ts';
import { layoutPoster, type PosterLayout } from '../../data/poster/poster-layout.ts';
import type { PosterOptions } from '../../data/poster/poster-options.ts';
import { renderPosterPdf, type PdfProgress } from './pdf-poster.ts';
import { posterFonts } from './poster-fonts.ts';
import { COMPLAINT_QR_LEVEL, qrMatrix, VILLAGE_QR_LEVEL } from './qr-matrix.ts';
import { renderPosterPng } from './svg-poster.ts';

/** From a village's poster input to bytes, without any cache: the poster service and the CLI call these. */

export function posterLayout(input: PosterInput, options: PosterOptions): PosterLayout {
  const content = posterContent(input);
  const qr = { village: qrMatrix(content.villageUrl, VILLAGE_QR_LEVEL), complaint: qrMatrix(content.complaintUrl, COMPLAINT_QR_LEVEL) };
  return layoutPoster(content, qr, options, posterFonts().measure);
}

export function renderVillagePdf(input: PosterInput, options: PosterOptions): Promise<Uint8Array> {
  const { village } = input;
  return renderPosterPdf(1, () => posterLayout(input, options), {
    title: `${village.county}${village.township}${village.name} 村务公开二维码海报（${village.code}）`,
    author: input.siteName,
    created: printedDate(input.printedOn),
  });
}

export function renderVillagePng(input: PosterInput, options: PosterOptions): Promise<Uint8Array> {
  return renderPosterPng(posterLayout(input, options));
}

/** One page per input, in the order given. `title` names the township or county. */
export function renderBatchPdf(inputs: readonly PosterInput[], options: PosterOptions, title: string, progress: PdfProgress = {}): Promise<Uint8Array> {
  const first = inputs[0];
  return renderPosterPdf(
    inputs.length,
    (i) => posterLayout(inputs[i]!, options),
    { title: `${title} 村务公开二维码海报（${inputs.length} 个村）`, author: first?.siteName ?? '', created: printedDate(first?.printedOn ?? '') },
    progress,
  );
}

// ——— private helpers ———

/** Midnight in China on the printed day. */
function printedDate(isoDate: string): Date {
  const d = new Date(`${isoDate}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}
