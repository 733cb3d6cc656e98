import type { PosterFormat } from './poster-cache-key.ts';
import { PAPER_MM, posterQuery, type PosterOptions } from './poster-options.ts';

/** Where the posters are served (ingest/routes/posters.ts), for the pages that link them. */

export function posterPath(village: string, format: PosterFormat, options: PosterOptions = { size: 'a4', mono: false }): string {
  return `/v/${village}/poster.${format}${posterQuery(options)}`;
}

/** A page per village of a township or county. */
export function batchPosterPath(scope: string, options: PosterOptions = { size: 'a4', mono: false }): string {
  return `/posters/${scope}.pdf${posterQuery(options)}`;
}

/** A 小微权力清单 item's procedure as an A4 notice (ingest/routes/power-pdf.ts); beside its page /power/<code>/. */
export function powerSheetPath(code: string, scope = ''): string {
  return `/power/${scope === '' ? '' : `${encodeURIComponent(scope)}/`}${encodeURIComponent(code)}.pdf`;
}

/** The PNG preview's size in pixels: twice what the village page shows, for sharp phone screens. */
export const POSTER_PREVIEW_PX = {
  width: 360,
  height: Math.round((360 * PAPER_MM.a4.height) / PAPER_MM.a4.width),
};
