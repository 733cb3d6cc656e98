import type { SourceFormat } from './import-result.ts';

export type FormatDetection =
  | { kind: 'ok'; format: SourceFormat }
  | {
      kind: 'unsupported';
      reason: 'empty' | 'xls' | 'binary' | 'not-a-spreadsheet' | 'mismatch';
      /** what the bytes look like, in English: 'PDF', 'ZIP archive', 'CSV text'… */
      looksLike: string | null;
      message: string;
      messageEn: string;
    };

/**
 * What kind of file was uploaded, decided by its bytes: an .xlsx is a zip holding a workbook,
 * JSON starts with { or [, other readable text is CSV. The name (or, without a known extension,
 * the declared type) is never trusted to decide, but when it names a format the bytes must
 * agree: a "财务.xlsx" that is really a CSV, a web page or a PDF, or a ".csv" that is really a
 * zip or a program, is refused, saying what the file actually is.
 */
export function detectFormat(bytes: Uint8Array, contentType?: string, filename?: string): FormatDetection {
  if (bytes.length === 0) return unsupported('empty', null, '上传的文件是空的。', 'The uploaded file is empty.');
  const claim = claimedFormat(filename, contentType);
  const actual = sniff(bytes, claim?.format ?? null);
  if (actual.kind === 'other') {
    const notTable = actual.isTable ? '' : '，不是表格';
    const notTableEn = actual.isTable ? '' : ', not a spreadsheet';
    // An old .xls named .xls is what it says it is, just not something we read.
    const contradicts = claim !== null && !(claim.format === 'xls' && actual.reason === 'xls');
    const intro = contradicts ? `${claim.zh}，但内容实际是${actual.what.zh}${notTable}。` : `这是${actual.what.zh}${notTable}。`;
    const introEn = contradicts ? `${claim.en}, but it is actually ${actual.what.en}${notTableEn}.` : `This is ${actual.what.en}${notTableEn}.`;
    return unsupported(actual.reason, actual.what.en, `${intro}${actual.advice.zh}`, `${introEn} ${actual.advice.en}`);
  }
  if (claim && claim.format !== actual.format) {
    const what = FORMAT_NAMES[actual.format];
    return unsupported(
      'mismatch',
      what.en,
      `${claim.zh}，但内容实际是${what.zh}。请确认选对了文件；如果内容没错，请把文件扩展名改为 ${what.extension} 后再上传。`,
      `${claim.en}, but its content is actually ${what.en}. Check that this is the right file; if it is, rename it to end in ${what.extension} and upload it again.`,
    );
  }
  return { kind: 'ok', format: actual.format };
}

// ——— private helpers ———

type Claimed = SourceFormat | 'xls';

interface Claim {
  format: Claimed;
  zh: string;
  en: string;
}

const FORMAT_NAMES: Record<SourceFormat, { zh: string; en: string; extension: string }> = {
  xlsx: { zh: 'Excel 工作簿（.xlsx）', en: 'an Excel workbook (.xlsx)', extension: '.xlsx' },
  csv: { zh: 'CSV 文本', en: 'CSV text', extension: '.csv' },
  json: { zh: 'JSON 数据', en: 'JSON data', extension: '.json' },
};

const EXTENSIONS: Record<string, Claimed> = { xlsx: 'xlsx', xlsm: 'xlsx', csv: 'csv', tsv: 'csv', txt: 'csv', json: 'json', xls: 'xls', et: 'xls' };

/** Types that name one format; application/vnd.ms-excel does not (Windows gives it to .csv files). */
const TYPES: Record<string, SourceFormat> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/json': 'json',
};

function claimedFormat(filename: string | undefined, contentType: string | undefined): Claim | null {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(filename ?? '')?.[1]?.toLowerCase();
  const byName = extension === undefined ? undefined : EXTENSIONS[extension];
  if (byName) return { format: byName, zh: `文件名是 .${extension}`, en: `The file is named .${extension}` };
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const byType = TYPES[type];
  if (byType) return { format: byType, zh: `上传时声明的类型是 ${type}`, en: `The upload declares type ${type}` };
  return null;
}

type Sniffed =
  | { kind: 'format'; format: SourceFormat }
  | {
      kind: 'other';
      reason: 'xls' | 'binary' | 'not-a-spreadsheet';
      what: { zh: string; en: string };
      advice: { zh: string; en: string };
      /** a table in a format we do not read (.xls, .ods), rather than something else entirely */
      isTable: boolean;
    };

const UPLOAD = { zh: '请上传 Excel（.xlsx）、CSV 或 JSON 文件。', en: 'Please upload an Excel (.xlsx), CSV or JSON file.' };
const SAVE_AS = {
  zh: '请在 Excel/WPS 中打开，“另存为” Excel 工作簿（.xlsx）或 CSV 后再上传。',
  en: 'Open it in Excel/WPS, use “Save As” Excel Workbook (.xlsx) or CSV and upload that.',
};

function sniff(bytes: Uint8Array, claim: Claimed | null): Sniffed {
  const other = (reason: 'xls' | 'binary' | 'not-a-spreadsheet', zh: string, en: string, advice = UPLOAD): Sniffed => ({
    kind: 'other',
    reason,
    what: { zh, en },
    advice,
    isTable: advice === SAVE_AS,
  });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'xl/workbook.xml')) return { kind: 'format', format: 'xlsx' };
    if (containsAscii(bytes, 'word/document.xml')) return other('not-a-spreadsheet', 'Word 文档', 'a Word document');
    if (containsAscii(bytes, 'ppt/presentation.xml')) return other('not-a-spreadsheet', 'PPT 演示文稿', 'a PowerPoint presentation');
    if (containsAscii(bytes, 'opendocument.spreadsheet')) return other('not-a-spreadsheet', 'ODS 表格（OpenDocument）', 'an OpenDocument spreadsheet (.ods)', SAVE_AS);
    return other('binary', 'ZIP 压缩包', 'a ZIP archive', { zh: '请解压后上传其中的表格文件。', en: 'Unpack it and upload the spreadsheet inside.' });
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Office's old container also wraps password-protected .xlsx files and Word .doc files.
    if (containsUtf16(bytes, 'EncryptedPackage')) {
      return other('not-a-spreadsheet', '设置了打开密码的 Excel 文件', 'a password-protected Excel file', { zh: '请在 Excel/WPS 中取消密码后再上传。', en: 'Remove the password in Excel/WPS and upload it again.' });
    }
    if (containsUtf16(bytes, 'WordDocument')) return other('not-a-spreadsheet', 'Word 文档（.doc）', 'a Word document (.doc)');
    return other('xls', '旧版 Excel 97-2003（.xls）或 WPS（.et）文件，暂不支持', 'an old Excel 97-2003 (.xls) or WPS (.et) file, which is not supported', SAVE_AS);
  }
  for (const [magic, zh, en] of BINARY_MAGIC) {
    if (startsWith(bytes, magic)) return other('binary', zh, en);
  }
  if (startsWith(bytes, [0x4d, 0x5a]) && bytes.subarray(0, 64).includes(0)) return other('binary', 'Windows 程序', 'a Windows program');
  if (isWebp(bytes)) return other('binary', 'WebP 图片', 'a WebP image');
  const head = textHead(bytes);
  if (/^<(!doctype\s+html|html|head|body|table|meta|style|div)\b/i.test(head)) {
    return other('not-a-spreadsheet', '网页（HTML）', 'a web page (HTML)', {
      zh: `有些系统导出的 .xls 其实是网页。${SAVE_AS.zh}`,
      en: `Some systems export web pages named .xls. ${SAVE_AS.en}`,
    });
  }
  if (/^<\?xml/i.test(head)) {
    if (containsAscii(bytes, 'urn:schemas-microsoft-com:office:spreadsheet')) return other('not-a-spreadsheet', 'Excel 2003 XML 表格', 'an Excel 2003 XML spreadsheet', SAVE_AS);
    return other('not-a-spreadsheet', 'XML 文件', 'an XML file');
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    // A CSV whose title starts with [ is still a CSV; JSON must parse as JSON to be called one.
    return claim === 'csv' && !parsesAsJson(bytes) ? { kind: 'format', format: 'csv' } : { kind: 'format', format: 'json' };
  }
  if (looksBinary(bytes)) return other('binary', '无法识别的二进制文件', 'an unrecognised binary file');
  return { kind: 'format', format: 'csv' };
}

const BINARY_MAGIC: ReadonlyArray<[number[], string, string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件', 'a PDF file'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片', 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片', 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片', 'a GIF image'],
  [[0x49, 0x49, 0x2a, 0x00], 'TIFF 图片', 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF 图片', 'a TIFF image'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包', 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包', 'a 7z archive'],
  [[0x1f, 0x8b], 'gzip 压缩包', 'a gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'Linux 程序（ELF）', 'a Linux program (ELF)'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'SQLite 数据库', 'an SQLite database'],
];

function unsupported(reason: Extract<FormatDetection, { kind: 'unsupported' }>['reason'], looksLike: string | null, message: string, messageEn: string): FormatDetection {
  return { kind: 'unsupported', reason, looksLike, message, messageEn };
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function isWebp(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50;
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return buffer(bytes).includes(text, 0, 'latin1');
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  return buffer(bytes).includes(text, 0, 'utf16le');
}

/** The first characters after a BOM and whitespace; UTF-16 text is read through its low bytes. */
function textHead(bytes: Uint8Array): string {
  let i = 0;
  let step = 1;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) i = 3;
  else if (startsWith(bytes, [0xff, 0xfe])) [i, step] = [2, 2];
  else if (startsWith(bytes, [0xfe, 0xff])) [i, step] = [3, 2];
  const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  while (i < bytes.length && isSpace(bytes[i])) i += step;
  let head = '';
  for (; i < bytes.length && head.length < 32; i += step) head += String.fromCharCode(bytes[i] ?? 0);
  return head;
}

function parsesAsJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8').decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/** NUL bytes in text that has no UTF-16 BOM mean it is not text we can read. */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const sample = bytes.subarray(0, 4096);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  // UTF-16 without a BOM has a NUL in about every other byte of ASCII text; that is still text.
  return nul > 0 && nul < sample.length / 4;
}
