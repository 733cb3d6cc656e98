import { describe, expect, it } from 'vitest';
import { fileNature, looksBinary } from './text-files.ts';

describe('which published files are scanned', () => {
  it('scans pages, data twins and scripts; skips photos, posters and fonts; sniffs the rest', () => {
    for (const name of ['v/430802108214/index.html', 'index.json', 'export.CSV', '_astro/a.js', 'site.webmanifest', 'icon.svg']) expect(fileNature(name), name).toBe('text');
    for (const name of ['media/abc-320.webp', 'v/1/poster.pdf', 'poster.png', 'fonts/x.woff2']) expect(fileNature(name), name).toBe('binary');
    for (const name of ['log/checkpoint', 'log/tile/0/x001/234', '.hidden', 'a.weird']) expect(fileNature(name), name).toBe('sniff');
  });

  it('takes bytes with a NUL in them for binary', () => {
    expect(looksBinary(new Uint8Array([0x31, 0x00, 0x32]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('cunwu.example/log\n3\n'))).toBe(false);
  });
});
