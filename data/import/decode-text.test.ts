import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

const SAMPLE = '日期,摘要,收入金额（元）\r\n2026-07-03,收到土地流转租金（唐某，66.98亩）,"20,150.00"\r\n';

describe('decodeText', () => {
  it.each([
    ['utf-8', Buffer.from(SAMPLE, 'utf8')],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')])],
    ['utf-16le', iconv.encode(SAMPLE, 'utf16le', { addBOM: true })],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf16be')])],
    ['utf-16le', iconv.encode(SAMPLE, 'utf16le')],
    ['gb18030', iconv.encode(SAMPLE, 'gbk')],
    ['gb18030', iconv.encode(`${SAMPLE}䶮,𠀀\r\n`, 'gb18030')],
  ])('decodes %s', (encoding, bytes) => {
    const result = decodeText(new Uint8Array(bytes));
    expect(result.encoding).toBe(encoding);
    expect(result.text.startsWith(SAMPLE)).toBe(true);
  });

  it('never lets a lone surrogate out: what no encoding reads becomes U+FFFD, refused later where its cell can be named', () => {
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])).text).toBe('\ufffdA'); // UTF-16LE, unpaired D800
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xed, 0xa0, 0x80])).text).toMatch(/^A\ufffd+$/); // a surrogate encoded in UTF-8
    const gbk = decodeText(Uint8Array.from([...iconv.encode('村务', 'gbk'), 0xff]));
    expect(gbk).toEqual({ text: '村务\ufffd', encoding: 'gb18030' });
  });
});
