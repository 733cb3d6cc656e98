import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, type FormatDetection } from './detect-format.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const XLSX = fixture('430821211227-龙岗村-2026年工程项目公示.xlsx');
const CSV = fixture('430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = text('%PDF-1.7\n1 0 obj << >> endobj\n');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const ELF = bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0);
const PLAIN_ZIP = new Uint8Array([...bytes(0x50, 0x4b, 0x03, 0x04, 20, 0), ...text('photos/IMG_0001.jpg')]);
const HTML = text('<html><head><meta charset="utf-8"></head><body><table><tr><td>日期</td></tr></table></body></html>');

function refusal(result: FormatDetection) {
  if (result.kind === 'ok') throw new Error(`accepted as ${result.format}`);
  return result;
}

describe('detectFormat', () => {
  it('reads a zip holding a workbook as xlsx when the name and type say nothing specific', () => {
    expect(detectFormat(XLSX, 'application/octet-stream')).toEqual({ kind: 'ok', format: 'xlsx' });
    expect(detectFormat(XLSX, 'application/vnd.ms-excel', 'upload.bin')).toEqual({ kind: 'ok', format: 'xlsx' });
    expect(detectFormat(XLSX, XLSX_TYPE, '龙岗村.XLSX')).toEqual({ kind: 'ok', format: 'xlsx' });
  });

  it('refuses a file named .xlsx that is really CSV text, a web page or a PDF, saying what it is', () => {
    const csv = refusal(detectFormat(CSV, XLSX_TYPE, '花名册.xlsx'));
    expect(csv).toMatchObject({ reason: 'mismatch', looksLike: 'CSV text' });
    expect(csv.message).toContain('.xlsx');
    expect(csv.message).toContain('CSV 文本');
    expect(csv.messageEn).toContain('.csv');

    const html = refusal(detectFormat(HTML, 'application/octet-stream', '财务.xlsx'));
    expect(html).toMatchObject({ reason: 'not-a-spreadsheet', looksLike: 'a web page (HTML)' });
    expect(html.message).toContain('网页');

    const pdf = refusal(detectFormat(PDF, XLSX_TYPE, '财务.xlsx'));
    expect(pdf).toMatchObject({ reason: 'binary', looksLike: 'a PDF file' });
    expect(pdf.message).toMatch(/文件名是 \.xlsx，但内容实际是PDF/);
  });

  it('refuses a file named .csv that is really a workbook, a zip, a PDF, an image or a program', () => {
    expect(refusal(detectFormat(XLSX, 'text/csv', '财务.csv'))).toMatchObject({ reason: 'mismatch', looksLike: 'an Excel workbook (.xlsx)' });
    const cases: [Uint8Array, string][] = [
      [PLAIN_ZIP, 'a ZIP archive'],
      [PDF, 'a PDF file'],
      [PNG, 'a PNG image'],
      [ELF, 'a Linux program (ELF)'],
    ];
    for (const [content, looksLike] of cases) {
      const result = refusal(detectFormat(content, 'text/csv', '财务.csv'));
      expect(result.looksLike).toBe(looksLike);
      expect(result.messageEn).toContain(`The file is named .csv, but it is actually ${looksLike}`);
    }
  });

  it('refuses a ZIP archive, a Word file and a password-protected workbook whatever they are called', () => {
    expect(refusal(detectFormat(PLAIN_ZIP, 'application/octet-stream')).looksLike).toBe('a ZIP archive');
    const docx = new Uint8Array([...bytes(0x50, 0x4b, 0x03, 0x04), ...text('word/document.xml')]);
    expect(refusal(detectFormat(docx)).looksLike).toBe('a Word document');
    const encrypted = new Uint8Array([...bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), ...new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le'))]);
    expect(refusal(detectFormat(encrypted, XLSX_TYPE, 'a.xlsx')).message).toContain('密码');
  });

  it('refuses an old .xls file and tells the official to save it as .xlsx or CSV', () => {
    const result = refusal(detectFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)));
    expect(result.reason).toBe('xls');
    expect(result.message).toContain('.xlsx');
    expect(result.messageEn).toContain('CSV');
  });

  it('refuses a CSV text named .xls, naming the extension it should have', () => {
    const result = refusal(detectFormat(CSV, 'application/vnd.ms-excel', '花名册.xls'));
    expect(result.reason).toBe('mismatch');
    expect(result.message).toContain('.csv');
  });

  it('reads JSON after a BOM and whitespace', () => {
    expect(detectFormat(bytes(0xef, 0xbb, 0xbf, 0x20, 0x0a, 0x7b))).toEqual({ kind: 'ok', format: 'json' });
    expect(detectFormat(text('  [1]'))).toEqual({ kind: 'ok', format: 'json' });
  });

  it('checks JSON claims against the bytes: a .json or application/json body must be JSON, and JSON named .csv is refused', () => {
    expect(refusal(detectFormat(CSV, 'application/json')).reason).toBe('mismatch');
    expect(refusal(detectFormat(CSV, undefined, 'data.json')).looksLike).toBe('CSV text');
    expect(refusal(detectFormat(text('{"entries":[]}'), 'text/csv', 'a.csv')).looksLike).toBe('JSON data');
    // A CSV whose title starts with [ is a CSV when it says so and is not JSON.
    expect(detectFormat(text('[马头溪村]2026年财务公开\n日期,摘要\n'), 'text/csv', 'a.csv')).toEqual({ kind: 'ok', format: 'csv' });
  });

  it('reads other text, including UTF-16 with a BOM, as csv', () => {
    expect(detectFormat(text('日期,摘要\n'))).toEqual({ kind: 'ok', format: 'csv' });
    expect(detectFormat(bytes(0xff, 0xfe, 0x65, 0x65, 0x2c, 0))).toEqual({ kind: 'ok', format: 'csv' });
    expect(detectFormat(CSV, 'text/plain', '花名册.txt')).toEqual({ kind: 'ok', format: 'csv' });
  });

  it('refuses empty files, PDFs, images and programs without a name', () => {
    expect(detectFormat(bytes()).kind).toBe('unsupported');
    for (const content of [PDF, PNG, ELF, bytes(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0)]) expect(detectFormat(content).kind).toBe('unsupported');
  });
});
