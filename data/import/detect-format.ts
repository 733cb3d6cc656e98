import type { SourceFormat } from './import-result.ts';

export type FormatDetection =
  | { kind: 'ok'; format: SourceFormat }
  | { kind: 'unsupported'; reason: 'empty' | 'xls' | 'binary' | 'not-a-spreadsheet'; message: string; messageEn: string };

/**
 * What kind of file was uploaded, decided by its bytes alone, because browsers and WeChat often
 * send application/octet-stream or a wrong extension.
 */
export function detectFormat(bytes: Uint8Array, contentType?: string, filename?: string): FormatDetection {
  if (bytes.length === 0) {
    return unsupported('empty', '上传的文件是空的。', 'The uploaded file is empty.');
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'word/document.xml') || containsAscii(bytes, 'ppt/presentation.xml')) {
      return unsupported(
        'not-a-spreadsheet',
        '这是 Word 或 PPT 文件，不是表格。请上传 Excel（.xlsx）或 CSV 文件。',
        'This is a Word or PowerPoint file, not a spreadsheet. Please upload an Excel (.xlsx) or CSV file.',
      );
    }
    return { kind: 'ok', format: 'xlsx' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return unsupported(
      'xls',
      '这是旧版 Excel 97-2003（.xls）或 WPS（.et）文件，暂不支持。请在 Excel/WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再上传。',
      'This is an old Excel 97-2003 (.xls) or WPS (.et) file, which is not supported. In Excel/WPS use “Save As” Excel Workbook (.xlsx) or CSV and upload that.',
    );
  }
  for (const [magic, what] of BINARY_MAGIC) {
    if (startsWith(bytes, magic)) {
      return unsupported(
        'binary',
        `这是${what}文件，不是表格。请上传 Excel（.xlsx）、CSV 或 JSON 文件。`,
        `This is a ${what} file, not a spreadsheet. Please upload an Excel (.xlsx), CSV or JSON file.`,
      );
    }
  }
  const first = firstTextByte(bytes);
  if (first === 0x7b || first === 0x5b) return { kind: 'ok', format: 'json' };
  if (looksBinary(bytes)) {
    return unsupported(
      'binary',
      '无法识别的文件格式。请上传 Excel（.xlsx）、CSV 或 JSON 文件。',
      'Unrecognised file format. Please upload an Excel (.xlsx), CSV or JSON file.',
    );
  }
  // Text that is not JSON is read as CSV (comma, semicolon or tab separated). The content type
  // and file name are not trusted over the bytes: WeChat and browsers get them wrong too often.
  void contentType;
  void filename;
  return { kind: 'ok', format: 'csv' };
}

// ——— private helpers ———

const BINARY_MAGIC: ReadonlyArray<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩'],
];

function unsupported(
  reason: 'empty' | 'xls' | 'binary' | 'not-a-spreadsheet',
  message: string,
  messageEn: string,
): FormatDetection {
  return { kind: 'unsupported', reason, message, messageEn };
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/** The first byte that is not a BOM or whitespace; UTF-16 text is read through its low bytes. */
function firstTextByte(bytes: Uint8Array): number | undefined {
  let i = 0;
  let step = 1;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) i = 3;
  else if (startsWith(bytes, [0xff, 0xfe])) {
    i = 2;
    step = 2;
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    i = 3;
    step = 2;
  }
  for (; i < bytes.length; i += step) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
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
