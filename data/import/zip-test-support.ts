import { readFileSync } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { readZipDirectory } from './zip-guard.ts';
import { unpackZip, type ZipFile } from './zip-unpack.ts';

/**
 * Test helpers: zips written byte by byte, so a test can make one lie (sizes, counts, offsets)
 * the way a hostile upload would; and the field sample workbook taken apart for editing.
 */

export interface RawEntry {
  name: string;
  /** the content; deflated unless `compressed` is given */
  data?: Uint8Array;
  /** deflated bytes to store as they are */
  compressed?: Uint8Array;
  method?: 0 | 8;
  /** what the directory claims; defaults to the truth */
  declaredSize?: number;
  crc?: number;
  flags?: number;
  /** write the central record pointing at another entry's local header (by index) */
  localHeaderOf?: number;
}

export interface ZipOptions {
  /** the entry count written in the end record */
  count?: number;
  /** added to the central directory offset in the end record */
  cdOffsetShift?: number;
}

export function buildZip(entries: readonly RawEntry[], options: ZipOptions = {}): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  const prepared = entries.map((e) => {
    const method = e.method ?? 8;
    const data = e.data ?? new Uint8Array();
    const body = e.compressed ?? (method === 8 ? new Uint8Array(deflateRawSync(data)) : data);
    return { e, method, body, size: e.declaredSize ?? data.length, crc: e.crc ?? crc32(data) >>> 0, name: enc.encode(e.name) };
  });
  for (const p of prepared) {
    offsets.push(offset);
    const local = new Uint8Array(30 + p.name.length);
    const v = new DataView(local.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, p.e.flags ?? 0, true);
    v.setUint16(8, p.method, true);
    v.setUint32(14, p.crc, true);
    v.setUint32(18, p.body.length, true);
    v.setUint32(22, p.size, true);
    v.setUint16(26, p.name.length, true);
    local.set(p.name, 30);
    locals.push(local, p.body);
    offset += local.length + p.body.length;
  }
  prepared.forEach((p, i) => {
    const record = new Uint8Array(46 + p.name.length);
    const v = new DataView(record.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(8, p.e.flags ?? 0, true);
    v.setUint16(10, p.method, true);
    v.setUint32(16, p.crc, true);
    v.setUint32(20, p.body.length, true);
    v.setUint32(24, p.size, true);
    v.setUint16(28, p.name.length, true);
    v.setUint32(42, offsets[p.e.localHeaderOf ?? i] ?? 0, true);
    record.set(p.name, 46);
    centrals.push(record);
  });
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, options.count ?? entries.length, true);
  v.setUint16(10, options.count ?? entries.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset + (options.cdOffsetShift ?? 0), true);
  return concat([...locals, ...centrals, end]);
}

/** `total` zero bytes deflated as a stream, never held in memory whole, with their CRC. */
export async function deflatedZeros(total: number): Promise<{ compressed: Uint8Array; crc: number }> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const chunk = Buffer.alloc(1 << 20);
  let crc = 0;
  for (let written = 0; written < total; written += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, total - written));
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { compressed: concat(out), crc: crc >>> 0 };
}

export const SAMPLE_XLSX = new Uint8Array(readFileSync(new URL('../../test/fixtures/430821211227-龙岗村-2026年工程项目公示.xlsx', import.meta.url)));

/** The sample workbook's parts, by name, as text for the XML ones. */
export function sampleParts(): Map<string, Uint8Array> {
  const dir = readZipDirectory(SAMPLE_XLSX);
  if (!dir.ok) throw new Error('the sample workbook does not read');
  const files = unpackZip(SAMPLE_XLSX, dir.entries);
  if (!files.ok) throw new Error('the sample workbook does not unpack');
  return new Map(files.files.map((f: ZipFile) => [f.name, f.data]));
}

/** The sample workbook with some parts' text edited, zipped again (deflated). */
export function editedSample(edit: Record<string, (xml: string) => string>): Uint8Array {
  const parts = sampleParts();
  const entries: RawEntry[] = [];
  for (const [name, data] of parts) {
    const change = edit[name];
    entries.push({ name, data: change ? new TextEncoder().encode(change(new TextDecoder().decode(data))) : data });
  }
  return buildZip(entries);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
