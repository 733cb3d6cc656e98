import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Bytes of a text file (CSV, JSON) to a string. A BOM decides; otherwise valid UTF-8 is UTF-8
 * and anything else is GB18030, the superset of GBK/GB2312 that Excel on a Chinese Windows writes.
 *
 * Decoding never fails: bytes the encoding cannot read (invalid UTF-8 after a UTF-8 BOM, a byte no
 * GB18030 sequence has, an unpaired UTF-16 surrogate) become U+FFFD, so no lone surrogate leaves
 * here. U+FFFD is refused afterwards with the other invalid text, where the cell or field it is in
 * can be named (cell-text.ts for sheets, json-import.ts for JSON; data/text-validity.ts).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8(bytes.subarray(3)) ?? lossyUtf8(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(bytes.subarray(2), 'le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(bytes.subarray(2), 'be'), encoding: 'utf-16be' };
  const bomless = bomlessUtf16(bytes);
  if (bomless) return { text: utf16(bytes, bomless), encoding: bomless === 'le' ? 'utf-16le' : 'utf-16be' };
  const text = utf8(bytes);
  if (text !== null) return { text, encoding: 'utf-8' };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}

// ——— private helpers ———

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function lossyUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function utf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (order === 'le') return new TextDecoder('utf-16le').decode(even);
  const swapped = new Uint8Array(even.length);
  for (let i = 0; i + 1 < even.length; i += 2) {
    swapped[i] = even[i + 1] ?? 0;
    swapped[i + 1] = even[i] ?? 0;
  }
  return new TextDecoder('utf-16le').decode(swapped);
}

/** UTF-16 without a BOM: ASCII characters leave a NUL in every other byte. */
function bomlessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul === 0) return 'le';
  if (evenNul > pairs * 0.3 && oddNul === 0) return 'be';
  return null;
}
