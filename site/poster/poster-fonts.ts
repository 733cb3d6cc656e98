import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Measure } from '../../data/poster/text-wrap.ts';

/**
 * Noto Sans SC Medium (SIL Open Font License 1.1, see NOTO-SANS-SC-OFL.txt beside this file), from
 * the `@expo-google-fonts/noto-sans-sc` package. The file is 10 MB: it is read and parsed once per
 * process, and the parsed font is handed to every PDF document, which embeds only the glyphs it
 * uses (a subset).
 *
 * One weight only: every Chinese glyph embedded costs about 165 bytes, and a second weight for
 * the headings embeds many of them twice (the same poster measured 42 KB with Regular and Bold,
 * 30 KB with one weight). Medium serves as body text and, drawn with a thin outline
 * (POSTER_BOLD_STROKE_EM), as headings; it is a little heavier than Regular, which helps on cheap
 * printers and photocopies.
 */

/** The parts of a fontkit font the posters use. */
export interface PosterFont {
  postscriptName: string;
  unitsPerEm: number;
  layout(text: string): GlyphRun;
}

export interface GlyphRun {
  glyphs: { id: number; path: { toSVG(): string } }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}

export interface PosterFonts {
  font: PosterFont;
  /** width in ems, memoised: the same strings are measured on every poster */
  measure: Measure;
}

/** Headings are the same glyphs filled and outlined with a stroke this wide (in ems): a faux bold. */
export const POSTER_BOLD_STROKE_EM = 0.035;

const require = createRequire(import.meta.url);

export const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf');

let loaded: PosterFonts | undefined;

export function posterFonts(): PosterFonts {
  if (loaded) return loaded;
  // pdfkit's own font engine, resolved from pdfkit's location so it is the copy pdfkit uses.
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(bytes: Uint8Array): PosterFont };
  const font = fontkit.create(readFileSync(FONT_FILE));
  const memo = new Map<string, number>();
  // The outline of faux bold does not change advances: both weights measure the same.
  const measure: Measure = (text) => {
    let em = memo.get(text);
    if (em === undefined) {
      em = font.layout(text).advanceWidth / font.unitsPerEm;
      // Village names differ on every poster: keep the memo from growing without bound.
      if (memo.size >= 20_000) memo.clear();
      memo.set(text, em);
    }
    return em;
  };
  loaded = { font, measure };
  return loaded;
}
