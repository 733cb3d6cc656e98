import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { displayTrackingCode, normaliseTrackingCode, trackingCodeFrom } from './tracking-code.ts';

const BYTES = Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde]);

describe('trackingCodeFrom', () => {
  it('makes 10 upper-case Crockford base32 characters', () => {
    // 0x123456789abcde in 5-bit groups: 00010 01000 11010 00101 01100 11110 00100 11010 10111 10011
    expect(trackingCodeFrom(BYTES)).toBe('28T5CY4TQK');
    for (let i = 0; i < 100; i++) expect(trackingCodeFrom(randomBytes(7))).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('uses exactly the first 50 random bits', () => {
    const base = trackingCodeFrom(BYTES);
    for (let bit = 0; bit < 56; bit++) {
      const flipped = Uint8Array.from(BYTES);
      flipped[bit >> 3]! ^= 0x80 >> (bit & 7);
      if (bit < 50) expect(trackingCodeFrom(flipped), `bit ${bit}`).not.toBe(base);
      else expect(trackingCodeFrom(flipped), `bit ${bit}`).toBe(base);
    }
  });

  it('ignores bytes after the seventh and refuses fewer than seven', () => {
    expect(trackingCodeFrom(Uint8Array.from([...BYTES, 0xff, 0xff]))).toBe(trackingCodeFrom(BYTES));
    expect(() => trackingCodeFrom(new Uint8Array(6))).toThrow(RangeError);
  });

  it('gives 10,000 different codes from 10,000 random draws', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => trackingCodeFrom(randomBytes(7))));
    expect(codes.size).toBe(10_000);
  });
});

describe('normaliseTrackingCode', () => {
  it('accepts the code as displayed, in any case, with hyphens or spaces', () => {
    for (const typed of ['28T5C-Y4TQK', '28t5cy4tqk', ' 28t5c y4tqk ', '28-T5-CY-4T-QK', '28T5CY4TQK', '２８Ｔ５Ｃ－Ｙ４ＴＱＫ']) {
      expect(normaliseTrackingCode(typed), typed).toBe('28T5CY4TQK');
    }
  });

  it('reads O as 0 and I or L as 1, as Crockford decodes them', () => {
    expect(normaliseTrackingCode('OOIL1-ABCDE')).toBe('00111ABCDE');
    expect(normaliseTrackingCode('ooil1abcde')).toBe('00111ABCDE');
  });

  it('rejects a wrong length or letters that are not in the alphabet', () => {
    for (const typed of ['28T5CY4TQ', '28T5CY4TQKK', '', '28T5C-Y4TQU', '28T5C#Y4TQ']) {
      expect(normaliseTrackingCode(typed), JSON.stringify(typed)).toBeNull();
    }
  });

  it('reads back every code it displays', () => {
    for (let i = 0; i < 100; i++) {
      const code = trackingCodeFrom(randomBytes(7));
      expect(displayTrackingCode(code)).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(normaliseTrackingCode(displayTrackingCode(code))).toBe(code);
      expect(normaliseTrackingCode(displayTrackingCode(code).toLowerCase())).toBe(code);
    }
  });
});
