import sharp from 'sharp';
import type { PosterItem, PosterLayout } from '../../data/poster/poster-layout.ts';
import { POSTER_PREVIEW_PX } from '../../data/poster/poster-paths.ts';
import { runsPath } from '../../data/poster/qr-runs.ts';
import { POSTER_BOLD_STROKE_EM, posterFonts, type PosterFonts } from './poster-fonts.ts';

/**
 * The poster as SVG, from the same layout as the PDF, with the text drawn as the same Noto Sans
 * SC glyph outlines (no system font involved), and rasterised by sharp into the PNG preview the
 * village page shows. Each glyph's outline is defined once and placed with <use>.
 */

/** Width of the preview PNG in pixels; the height follows the paper's proportions. */
export const PREVIEW_WIDTH_PX = POSTER_PREVIEW_PX.width;

export function posterSvg(layout: PosterLayout, widthPx: number = PREVIEW_WIDTH_PX): string {
  const fonts = posterFonts();
  const defs = new Map<string, string>();
  const body: string[] = [];
  for (const item of layout.items) body.push(drawItem(item, fonts, defs));
  const heightPx = previewHeight(layout, widthPx);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<defs>${[...defs].map(([id, d]) => `<path id="${id}" d="${d}"/>`).join('')}</defs>`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** The PNG preview: the SVG rasterised, as a small palette image. */
export async function renderPosterPng(layout: PosterLayout, widthPx: number = PREVIEW_WIDTH_PX): Promise<Uint8Array> {
  const png = await sharp(Buffer.from(posterSvg(layout, widthPx)))
    .flatten({ background: '#ffffff' })
    .png({ palette: true, colours: 64, compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

// ——— private helpers ———

function drawItem(item: PosterItem, fonts: PosterFonts, defs: Map<string, string>): string {
  switch (item.kind) {
    case 'text': {
      const font = fonts.font;
      const run = font.layout(item.text);
      const s = item.size / font.unitsPerEm;
      const uses: string[] = [];
      let x = 0;
      let y = 0;
      for (let i = 0; i < run.glyphs.length; i++) {
        const glyph = run.glyphs[i]!;
        const pos = run.positions[i]!;
        const id = `g${glyph.id}`;
        if (!defs.has(id)) defs.set(id, glyph.path.toSVG());
        if (defs.get(id) !== '') uses.push(`<use xlink:href="#${id}" x="${num(x + pos.xOffset)}" y="${num(y + pos.yOffset)}"/>`);
        x += pos.xAdvance;
        y += pos.yAdvance;
      }
      // Font units, y up, to millimetres on the page, y down.
      const outline = item.weight === 'bold' ? ` stroke="${item.colour}" stroke-width="${num(POSTER_BOLD_STROKE_EM * font.unitsPerEm)}" stroke-linejoin="round"` : '';
      return `<g fill="${item.colour}"${outline} transform="matrix(${num(s, 6)} 0 0 ${num(-s, 6)} ${num(item.x)} ${num(item.baseline)})">${uses.join('')}</g>`;
    }
    case 'rect':
      return item.stroke === null
        ? `<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" fill="${item.colour}"/>`
        : `<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" fill="none" stroke="${item.colour}" stroke-width="${num(item.stroke)}"/>`;
    case 'qr': {
      const d = runsPath(item.runs);
      return `<path fill="${item.colour}" shape-rendering="crispEdges" transform="matrix(${num(item.module, 5)} 0 0 ${num(item.module, 5)} ${num(item.x)} ${num(item.y)})" d="${d}"/>`;
    }
  }
}

function previewHeight(layout: PosterLayout, widthPx: number): number {
  return Math.round((widthPx * layout.height) / layout.width);
}

function num(n: number, digits = 3): string {
  return String(Number(n.toFixed(digits)));
}
