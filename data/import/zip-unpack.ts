import { crc32, inflateRawSync } from 'node:zlib';
import type { ZipEntry, ZipRefusal } from './zip-guard.ts';

/**
 * Unpacking entries the central directory has vetted, never past the size each one declares:
 * a directory can lie, so the inflater is capped at the declared size and anything else
 * (more, fewer bytes or a broken stream) refuses the file. The entries are unpacked one at a
 * time, so memory stays within the declared total the guard already limited.
 */

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

export type Unpacked = { ok: true; files: ZipFile[] } | { ok: false; refusal: ZipRefusal };

export function unpackZip(bytes: Uint8Array, entries: readonly ZipEntry[]): Unpacked {
  const files: ZipFile[] = [];
  for (const entry of entries) {
    const data = unpackEntry(bytes, entry);
    if (data === null) return { ok: false, refusal: { kind: 'size-mismatch', name: entry.name, declared: entry.uncompressedSize } };
    files.push({ name: entry.name, data });
  }
  return { ok: true, files };
}

/**
 * The files as a zip that only stores them (no compression), so whoever reads it next
 * unpacks exactly these bytes and nothing else.
 */
export function storedZip(files: readonly ZipFile[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.data) >>> 0;
    const local = header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 0x0800, true); // names are UTF-8
      v.setUint32(14, crc, true);
      v.setUint32(18, file.data.length, true);
      v.setUint32(22, file.data.length, true);
      v.setUint16(26, name.length, true);
    });
    local.set(name, 30);
    const record = header(46 + name.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0800, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, file.data.length, true);
      v.setUint32(24, file.data.length, true);
      v.setUint16(28, name.length, true);
      v.setUint32(42, offset, true);
    });
    record.set(name, 46);
    parts.push(local, file.data);
    central.push(record);
    offset += local.length + file.data.length;
  }
  const centralSize = central.reduce((n, r) => n + r.length, 0);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, files.length, true);
    v.setUint16(10, files.length, true);
    v.setUint32(12, centralSize, true);
    v.setUint32(16, offset, true);
  });
  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const part of [...parts, ...central, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ——— private helpers ———

function unpackEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const raw = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return raw;
  try {
    // maxOutputLength must be at least 1; an entry declared empty that inflates to a byte still fails below.
    const data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    return data.length === entry.uncompressedSize ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  } catch {
    // ERR_BUFFER_TOO_LARGE (more than declared) or a broken deflate stream
    return null;
  }
}

function header(length: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(length);
  fill(new DataView(bytes.buffer));
  return bytes;
}
