import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';
import { posterContent, type PosterInput } from './poster-content.ts';
import type { PosterOptions } from './poster-options.ts';

/**
 * Bump when the layout or the renderers change what a poster looks like. Wording changes need no
 * bump: the key covers every string printed (posterContent), so they invalidate by themselves.
 */
export const POSTER_TEMPLATE_VERSION = 1;

export type PosterFormat = 'pdf' | 'png';

/**
 * The cache key of one village's poster: every string printed on it (village name, county and
 * township, base URL and so both QR codes, phone numbers, printed date), the template version,
 * paper size, colour and format. Anything that changes the poster changes the key.
 */
export function posterCacheKey(input: PosterInput, options: PosterOptions, format: PosterFormat): string {
  return sha256(canonicalJson({ template: POSTER_TEMPLATE_VERSION, format, size: options.size, mono: options.mono, content: posterContent(input) }));
}

/** A batch is as current as each of its pages: the key covers every page's key, in order. */
export function batchCacheKey(scope: string, inputs: readonly PosterInput[], options: PosterOptions): string {
  return sha256(canonicalJson({ scope, pages: inputs.map((i) => posterCacheKey(i, options, 'pdf')) }));
}

// ——— private helpers ———

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
