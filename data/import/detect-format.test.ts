import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it('reads a zip as xlsx whatever the content type says', () => {
    expect(detectFormat(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0), 'application/octet-stream', 'x.csv')).toEqual({ kind: 'ok', format: 'xlsx' });
  });

  it('refuses an old .xls file and tells the official to save it as .xlsx or CSV', () => {
    const result = detectFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0));
    expect(result.kind).toBe('unsupported');
    if (result.kind === 'unsupported') {
      expect(result.reason).toBe('xls');
      expect(result.message).toContain('.xlsx');
      expect(result.messageEn).toContain('CSV');
    }
  });

  it('reads JSON after a BOM and whitespace', () => {
    expect(detectFormat(bytes(0xef, 0xbb, 0xbf, 0x20, 0x0a, 0x7b))).toEqual({ kind: 'ok', format: 'json' });
    expect(detectFormat(text('  [1]'))).toEqual({ kind: 'ok', format: 'json' });
  });

  it('reads other text, including UTF-16 with a BOM, as csv', () => {
    expect(detectFormat(text('日期,摘要\n'))).toEqual({ kind: 'ok', format: 'csv' });
    expect(detectFormat(bytes(0xff, 0xfe, 0x65, 0x65, 0x2c, 0))).toEqual({ kind: 'ok', format: 'csv' });
  });

  it('refuses empty files, PDFs and images', () => {
    expect(detectFormat(bytes()).kind).toBe('unsupported');
    expect(detectFormat(text('%PDF-1.7')).kind).toBe('unsupported');
    expect(detectFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a)).kind).toBe('unsupported');
  });
});
