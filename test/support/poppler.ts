import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';

/**
 * The poppler command-line tools the poster tests read PDFs with, and a QR decoder over the
 * pixels they render. Like Chromium (environment.ts), a laptop without poppler may skip those
 * tests; under CI=true a missing tool is a failure, not a skip.
 */

const TOOLS = ['pdftoppm', 'pdftotext', 'pdffonts', 'pdfinfo'] as const;

export const popplerAvailable = TOOLS.every((tool) => ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'].some((dir) => existsSync(join(dir, tool))));

export function requirePoppler(): void {
  if (!popplerAvailable) throw new Error(`${TOOLS.join(', ')} not found: \`apt-get install -y poppler-utils\` (required under CI=true)`);
}

/** A PDF written to a temporary file for the duration of `use`. */
export function withPdf<T>(bytes: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cunwu-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One page rendered to PNG by pdftoppm (1-based page number). */
export function pdfPagePng(bytes: Uint8Array, page: number, dpi = 150): Buffer {
  return withPdf(bytes, (file) => execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', file], { maxBuffer: 1 << 28 }));
}

/** The text layer, pages separated by form feeds (pdftotext's own separator). */
export function pdfText(bytes: Uint8Array): string {
  return withPdf(bytes, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

export function pdfFonts(bytes: Uint8Array): { name: string; embedded: boolean; subset: boolean }[] {
  const out = withPdf(bytes, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', ...rest] = line.trim().split(/\s+/);
      // columns from the right: emb sub uni object-id generation
      const [emb, sub] = rest.slice(-5, -3);
      return { name, embedded: emb === 'yes', subset: sub === 'yes' };
    });
}

export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const out = withPdf(bytes, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/**
 * The text of the QR code in an image, decoded from its raw pixels; `region` (fractions of the
 * width and height) limits the search to one of several codes on a page.
 */
export async function decodeQr(png: Buffer, region?: { left: number; top: number; width: number; height: number }): Promise<string | null> {
  let image = sharp(png);
  if (region) {
    const meta = await sharp(png).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    image = image.extract({ left: Math.round(region.left * w), top: Math.round(region.top * h), width: Math.round(region.width * w), height: Math.round(region.height * h) });
  }
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  return code?.data ?? null;
}

/** Whether every pixel is a grey (r = g = b), allowing a little anti-aliasing noise. */
export async function allGrey(png: Buffer, tolerance = 2): Promise<boolean> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (Math.abs(r - g) > tolerance || Math.abs(g - b) > tolerance || Math.abs(r - b) > tolerance) return false;
  }
  return true;
}
