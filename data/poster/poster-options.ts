/**
 * The variants of a poster a URL can ask for: paper size and colour. Everything else on a poster
 * comes from the village and the configuration, never from the request.
 */

export type PaperSize = 'a4' | 'a3';

export interface PosterOptions {
  size: PaperSize;
  /** black and grey only, for cheap printers */
  mono: boolean;
}

export const DEFAULT_POSTER_OPTIONS: PosterOptions = { size: 'a4', mono: false };

/** ISO 216 portrait sheets, in millimetres. */
export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  a4: { width: 210, height: 297 },
  a3: { width: 297, height: 420 },
};

export type PosterOptionsResult =
  | { ok: true; options: PosterOptions }
  | { ok: false; field: 'size' | 'mono'; value: string; message: string; messageEn: string };

/** `?size=a3&mono=1` → options; anything else in those two fields is refused, not guessed. */
export function parsePosterOptions(get: (name: string) => string | undefined | null): PosterOptionsResult {
  const size = (get('size') ?? '').trim().toLowerCase();
  const mono = (get('mono') ?? '').trim().toLowerCase();
  if (size !== '' && size !== 'a4' && size !== 'a3') {
    return { ok: false, field: 'size', value: size.slice(0, 20), message: 'size 只能是 a4 或 a3', messageEn: 'size must be a4 or a3' };
  }
  if (!MONO_VALUES.has(mono)) {
    return { ok: false, field: 'mono', value: mono.slice(0, 20), message: 'mono 只能是 1 或 0', messageEn: 'mono must be 1 or 0' };
  }
  return { ok: true, options: { size: size === 'a3' ? 'a3' : 'a4', mono: mono === '1' || mono === 'true' } };
}

/** The query string that asks for these options ('' for the default A4 in colour). */
export function posterQuery(options: PosterOptions): string {
  const params: string[] = [];
  if (options.size !== 'a4') params.push(`size=${options.size}`);
  if (options.mono) params.push('mono=1');
  return params.length > 0 ? `?${params.join('&')}` : '';
}

// ——— private helpers ———

const MONO_VALUES = new Set(['', '0', '1', 'true', 'false']);
