/**
 * Which published files are text to scan for personal numbers. Known text extensions are
 * scanned; known binary ones (photos, posters, fonts) are not — a number inside a PNG or a PDF
 * stream is compressed bytes, not text anyone reads; anything else is scanned unless it
 * contains a NUL byte (tiles and checkpoints of the transparency log have no extension).
 */
export type FileNature = 'text' | 'binary' | 'sniff';

export function fileNature(path: string): FileNature {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (dot <= slash + 1) return 'sniff';
  const ext = path.slice(dot + 1).toLowerCase();
  if (TEXT.has(ext)) return 'text';
  if (BINARY.has(ext)) return 'binary';
  return 'sniff';
}

/** A NUL byte in the first 8 KB: what git and grep take for a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export const TEXT_EXTENSIONS: readonly string[] = ['html', 'htm', 'json', 'csv', 'txt', 'xml', 'js', 'mjs', 'css', 'svg', 'webmanifest', 'map', 'md'];

// ——— private helpers ———

const TEXT = new Set(TEXT_EXTENSIONS);
const BINARY = new Set(['webp', 'png', 'jpg', 'jpeg', 'gif', 'avif', 'ico', 'pdf', 'woff', 'woff2', 'ttf', 'otf', 'gz', 'br', 'zst', 'zip', 'wasm', 'pf_fragment', 'pf_index', 'pf_meta', 'pagefind']);
