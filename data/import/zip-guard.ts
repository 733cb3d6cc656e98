/**
 * A zip's table of contents read from its central directory, and refused before anything is
 * unpacked when it could be a zip bomb: too many entries, too much declared output, an entry
 * that compresses far better than a spreadsheet does, or a name that climbs out of the archive.
 *
 * Anything zip readers disagree about (ZIP64 markers, bytes between the directory and its end
 * record, overlapping entries, a directory holding more or fewer records than its end record
 * says) is refused rather than interpreted. The declared sizes are only a first filter: they
 * can lie, so zip-unpack.ts holds every entry to its declared size, and exceljs is handed a
 * repacked copy of what was vetted, never the uploaded bytes.
 */

export interface ZipLimits {
  maxEntries: number;
  /** sum of the declared uncompressed sizes */
  maxTotalBytes: number;
  /** uncompressed : compressed, checked for entries above `ratioFloorBytes` */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;

/** An .xlsx from Excel or WPS has a dozen or two entries, a few hundred KB unpacked, 5–20:1. */
export const XLSX_ZIP_LIMITS: ZipLimits = { maxEntries: 1_000, maxTotalBytes: 100 * MB, maxRatio: 200, ratioFloorBytes: 1 * MB };

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** where the entry's (compressed) bytes start, after its local header */
  dataOffset: number;
}

export type ZipRefusal =
  | { kind: 'damaged'; detail: string }
  | { kind: 'zip64' }
  | { kind: 'encrypted'; name: string }
  | { kind: 'unsupported-method'; name: string; method: number }
  | { kind: 'too-many-entries'; count: number; limit: number }
  | { kind: 'too-large'; totalBytes: number; limit: number }
  | { kind: 'ratio'; name: string; ratio: number; limit: number }
  | { kind: 'unsafe-name'; name: string }
  /** found while unpacking (zip-unpack.ts): the entry does not unpack to the size it declares */
  | { kind: 'size-mismatch'; name: string; declared: number };

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; refusal: ZipRefusal };

export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits = XLSX_ZIP_LIMITS): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const damaged = (detail: string): ZipDirectory => ({ ok: false, refusal: { kind: 'damaged', detail } });

  // JSZip takes the last end-of-central-directory signature anywhere in the file; so do we.
  const eocd = lastIndexOf(bytes, EOCD_SIG);
  if (eocd < 0 || eocd + 22 > bytes.length) return damaged('no end of central directory');
  const disk = u16(eocd + 4);
  const cdDisk = u16(eocd + 6);
  const onDisk = u16(eocd + 8);
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if ([disk, cdDisk, onDisk, count].includes(0xffff) || [cdSize, cdOffset].includes(0xffffffff)) return { ok: false, refusal: { kind: 'zip64' } };
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return damaged('multi-volume archive');
  if (eocd + 22 + u16(eocd + 20) > bytes.length) return damaged('end record runs past the file');
  if (count > limits.maxEntries) return { ok: false, refusal: { kind: 'too-many-entries', count, limit: limits.maxEntries } };
  if (cdOffset + cdSize !== eocd) return damaged('central directory is not where its end record says');

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || !matches(bytes, at, CEN_SIG)) return damaged(`central directory record ${i + 1} is missing`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    const compressedSize = u32(at + 20);
    const uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const recordEnd = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const localHeaderOffset = u32(at + 42);
    if (recordEnd > eocd) return damaged(`central directory record ${i + 1} runs past the directory`);
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at = recordEnd;
    if ([compressedSize, uncompressedSize, localHeaderOffset].includes(0xffffffff)) return { ok: false, refusal: { kind: 'zip64' } };
    if (flags & 0x0001) return { ok: false, refusal: { kind: 'encrypted', name } };
    if (method !== 0 && method !== 8) return { ok: false, refusal: { kind: 'unsupported-method', name, method } };
    if (!safeName(name)) return { ok: false, refusal: { kind: 'unsafe-name', name } };
    if (method === 0 && compressedSize !== uncompressedSize) return damaged(`stored entry ${name} has two sizes`);
    totalBytes += uncompressedSize;
    if (totalBytes > limits.maxTotalBytes) return { ok: false, refusal: { kind: 'too-large', totalBytes, limit: limits.maxTotalBytes } };
    const ratio = uncompressedSize / Math.max(compressedSize, 1);
    if (uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      return { ok: false, refusal: { kind: 'ratio', name, ratio: Math.round(ratio), limit: limits.maxRatio } };
    }
    if (localHeaderOffset + 30 > cdOffset || !matches(bytes, localHeaderOffset, LOC_SIG)) return damaged(`local header of ${name} is missing`);
    const dataOffset = localHeaderOffset + 30 + u16(localHeaderOffset + 26) + u16(localHeaderOffset + 28);
    if (dataOffset + compressedSize > cdOffset) return damaged(`data of ${name} runs into the central directory`);
    entries.push({ name, method, crc32, compressedSize, uncompressedSize, localHeaderOffset, dataOffset });
  }
  // JSZip keeps reading records while their signature matches; ending exactly at the end record
  // means it reads the same `count` entries we did.
  if (at !== eocd) return damaged('central directory holds more than its end record says');

  // Entries sharing bytes are the overlapping-file zip bomb; no spreadsheet writer does that.
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1] as ZipEntry;
    const next = byOffset[i] as ZipEntry;
    if (prev.dataOffset + prev.compressedSize > next.localHeaderOffset) return damaged(`entries ${prev.name} and ${next.name} overlap`);
  }
  return { ok: true, entries };
}

/** Chinese and English text for a refusal, for the official who uploaded the file. */
export function zipRefusalMessage(refusal: ZipRefusal): { message: string; messageEn: string } {
  const resave = '请在 Excel/WPS 中重新“另存为” Excel 工作簿（.xlsx）后上传。';
  const resaveEn = 'Save it again as an Excel Workbook (.xlsx) in Excel/WPS and upload that.';
  switch (refusal.kind) {
    case 'damaged':
      return { message: `这个 Excel 文件的压缩结构已损坏，无法安全打开。${resave}`, messageEn: `This Excel file's zip structure is damaged (${refusal.detail}) and cannot be opened safely. ${resaveEn}` };
    case 'zip64':
      return { message: `这个 Excel 文件使用 ZIP64 超大文件格式，不支持。${resave}`, messageEn: `This Excel file uses the ZIP64 format for very large archives, which is not supported. ${resaveEn}` };
    case 'encrypted':
      return { message: '这个 Excel 文件已加密。请取消密码后再上传。', messageEn: 'This Excel file is encrypted. Remove the password and upload it again.' };
    case 'unsupported-method':
      return { message: `这个 Excel 文件用了不支持的压缩方式（${refusal.method}）。${resave}`, messageEn: `This Excel file uses an unsupported compression method (${refusal.method}). ${resaveEn}` };
    case 'too-many-entries':
      return {
        message: `这个 Excel 文件内部有 ${refusal.count} 个文件，超过上限 ${refusal.limit} 个，不是正常的表格文件，未处理。`,
        messageEn: `This Excel file holds ${refusal.count} internal files, more than the limit of ${refusal.limit}; it is not an ordinary spreadsheet and was not opened.`,
      };
    case 'too-large':
      return {
        message: `这个 Excel 文件解压后超过 ${sizeText(refusal.limit)}（至少 ${sizeText(refusal.totalBytes)}），未处理。请删去多余的工作表和图片后再上传。`,
        messageEn: `This Excel file unpacks to more than ${sizeText(refusal.limit)} (at least ${sizeText(refusal.totalBytes)}) and was not opened. Remove extra sheets and pictures and upload it again.`,
      };
    case 'ratio':
      return {
        message: `这个 Excel 文件中的 ${shortName(refusal.name)} 压缩比异常（${refusal.ratio}:1，上限 ${refusal.limit}:1），疑似“压缩炸弹”，未处理。`,
        messageEn: `${shortName(refusal.name)} in this Excel file is compressed ${refusal.ratio}:1 (limit ${refusal.limit}:1), like a zip bomb; the file was not opened.`,
      };
    case 'unsafe-name':
      return {
        message: `这个 Excel 文件内有不安全的路径 ${shortName(refusal.name)}，未处理。`,
        messageEn: `This Excel file contains an unsafe path ${shortName(refusal.name)}; it was not opened.`,
      };
    case 'size-mismatch':
      return {
        message: `这个 Excel 文件中的 ${shortName(refusal.name)} 解压后的大小与登记的 ${refusal.declared} 字节不符，文件已损坏或被篡改，未处理。${resave}`,
        messageEn: `${shortName(refusal.name)} in this Excel file does not unpack to the ${refusal.declared} bytes it declares; the file is damaged or tampered with and was not opened. ${resaveEn}`,
      };
  }
}

// ——— private helpers ———

const EOCD_SIG = [0x50, 0x4b, 0x05, 0x06];
const CEN_SIG = [0x50, 0x4b, 0x01, 0x02];
const LOC_SIG = [0x50, 0x4b, 0x03, 0x04];

function matches(bytes: Uint8Array, at: number, sig: number[]): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

function lastIndexOf(bytes: Uint8Array, sig: number[]): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(Uint8Array.from(sig));
}

/** Relative, forward-slash names without `..` segments, NUL or a drive letter. */
function safeName(name: string): boolean {
  if (name === '' || name.includes('\0') || name.includes('\\')) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..');
}

function shortName(name: string): string {
  // eslint-disable-next-line no-control-regex -- a hostile name may carry control characters
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.floor(bytes / MB)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
