import { describe, expect, it } from 'vitest';
import {
  fenToPlain,
  formatFen,
  numberToDecimalString,
  parseAmount,
  parseDecimal,
  parseQuantity,
  productFen,
  sumDecimals,
  toHalfWidth,
} from './money.ts';

const fen = (value: unknown, unit?: 'yuan' | 'wan'): number | string => {
  const r = parseAmount(value, unit);
  return r.kind === 'ok' ? r.fen : r.kind;
};

describe('parseAmount', () => {
  it('reads the ways amounts are written in village ledgers', () => {
    expect(fen('20,150.00')).toBe(2015000);
    expect(fen('20150')).toBe(2015000);
    expect(fen('1200.00元')).toBe(120000);
    expect(fen('￥15,600.00')).toBe(1560000);
    expect(fen('¥15600')).toBe(1560000);
    expect(fen('RMB 15,600')).toBe(1560000);
    expect(fen('  88.5 ')).toBe(8850);
    expect(fen('.5')).toBe(50);
  });

  it('reads full-width digits and punctuation', () => {
    expect(fen('２０，１５０．００')).toBe(2015000);
    expect(fen('￥１２００元')).toBe(120000);
  });

  it('reads parentheses and minus signs as a negative amount (a reversal)', () => {
    expect(fen('(300.00)')).toBe(-30000);
    expect(fen('（300.00）')).toBe(-30000);
    expect(fen('-300.00')).toBe(-30000);
    expect(fen('−300')).toBe(-30000);
    expect(fen('-¥300')).toBe(-30000);
    expect(fen('¥-300')).toBe(-30000);
  });

  it('never returns negative zero', () => {
    expect(Object.is(fen('-0.00'), 0)).toBe(true);
  });

  it('treats blank cells and dash marks as empty', () => {
    for (const v of ['', '  ', '-', '—', '/', null, undefined]) expect(fen(v)).toBe('empty');
  });

  it('converts 万元 exactly, from the column unit or a written suffix', () => {
    expect(fen('46.93', 'wan')).toBe(46_930_000);
    expect(fen(46.93, 'wan')).toBe(46_930_000);
    expect(fen('48.6万元')).toBe(48_600_000);
    expect(fen('48.6万')).toBe(48_600_000);
    expect(fen('0.000001', 'wan')).toBe(1);
    // a written 元 wins over the column's 万元
    expect(fen('1200.00元', 'wan')).toBe(120000);
  });

  it('reads Excel numeric cells without float multiplication', () => {
    expect(fen(20150)).toBe(2015000);
    expect(fen(105.65)).toBe(10565);
    expect(fen(0.07)).toBe(7); // 0.07 * 100 = 7.000000000000001 in floats
    expect(fen(1e-2)).toBe(1);
    expect(fen(-300)).toBe(-30000);
  });

  it('reads formula float noise as the value Excel shows', () => {
    expect(fen(0.1 + 0.2)).toBe(30);
    expect(fen(1.1 * 3)).toBe(330);
  });

  it('rejects amounts finer than a fen, saying so in both languages', () => {
    const r = parseAmount('105.655');
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') {
      expect(r.reason).toContain('小数位');
      expect(r.reasonEn).toContain('decimal places');
    }
    expect(fen(390.905)).toBe('invalid');
    expect(fen('46.9300001', 'wan')).toBe('invalid');
    expect(fen(1e-7, 'wan')).toBe('invalid');
    expect(fen('105.6500')).toBe(10565);
  });

  it('rejects amounts beyond a safe integer of fen', () => {
    expect(fen('90071992547409.91')).toBe(9007199254740991);
    expect(fen('90071992547409.92')).toBe('invalid');
    expect(fen(1e300)).toBe('invalid');
    expect(fen(Number.POSITIVE_INFINITY)).toBe('invalid');
  });

  it('rejects garbage with a Chinese and an English reason', () => {
    for (const v of ['abc', '12.3.4', '1,5', '12,34.00', '¥', '()', '1 2', {}, true]) {
      const r = parseAmount(v);
      expect(r.kind, String(v)).toBe('invalid');
      if (r.kind === 'invalid') {
        expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
        expect(r.reasonEn).toMatch(/[a-z]/);
      }
    }
  });
});

describe('formatFen and fenToPlain', () => {
  it('formats fen as yuan with thousands separators', () => {
    expect(formatFen(2015000)).toBe('20,150.00');
    expect(formatFen(-30000)).toBe('-300.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(123456789)).toBe('1,234,567.89');
  });

  it('formats plain yuan for exports', () => {
    expect(fenToPlain(2015000)).toBe('20150.00');
    expect(fenToPlain(-30000)).toBe('-300.00');
  });

  it('formats the largest safe amount exactly', () => {
    expect(fenToPlain(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(fenToPlain(9007199254740899)).toBe('90071992547408.99');
  });

  it('round-trips with parseAmount', () => {
    for (const f of [0, 1, 99, 100, 2015000, -30000, 987654321]) {
      expect(fen(formatFen(f))).toBe(f);
      expect(fen(fenToPlain(f))).toBe(f);
    }
  });

  it('refuses non-integer fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});

describe('parseDecimal', () => {
  it('keeps quantities as written', () => {
    const text = (v: unknown) => {
      const r = parseDecimal(v);
      return r.kind === 'ok' ? r.text : r.kind;
    };
    expect(text('3.70')).toBe('3.70');
    expect(text('６.４０')).toBe('6.40');
    expect(text(3.7)).toBe('3.7');
    expect(text('1,234.5')).toBe('1234.5');
    expect(text('003.5')).toBe('3.5');
    expect(text('.5')).toBe('0.5');
    expect(text('-2')).toBe('-2');
    expect(text('-0.0')).toBe('0.0');
    expect(text('')).toBe('empty');
    expect(text('3.7亩')).toBe('invalid');
    expect(text('1.2.3')).toBe('invalid');
  });

  it('splits a written unit from a quantity', () => {
    expect(parseQuantity('3.70亩')).toEqual({ kind: 'ok', text: '3.70', unit: '亩' });
    expect(parseQuantity('12 平方米')).toEqual({ kind: 'ok', text: '12', unit: '平方米' });
    expect(parseQuantity(3.7)).toEqual({ kind: 'ok', text: '3.7', unit: null });
    expect(parseQuantity('亩').kind).toBe('invalid');
  });
});

describe('productFen', () => {
  it('rounds 3.70 亩 × 105.65 元 = 390.905 元 three ways', () => {
    expect(productFen('3.70', '105.65')).toEqual({ halfUp: 39091, truncated: 39090, halfEven: 39090 });
  });

  it('rounds half to even upward when the fen is odd', () => {
    expect(productFen('1', '0.015')).toEqual({ halfUp: 2, truncated: 1, halfEven: 2 });
  });

  it('is exact when the product fits in fen', () => {
    expect(productFen('6.40', '105.65')).toEqual({ halfUp: 67616, truncated: 67616, halfEven: 67616 });
  });

  it('rounds negative halves away from zero for half-up', () => {
    expect(productFen('-3.70', '105.65')).toEqual({ halfUp: -39091, truncated: -39090, halfEven: -39090 });
  });

  it('throws on something that is not a decimal', () => {
    expect(() => productFen('abc', '1')).toThrow(RangeError);
  });
});

describe('sumDecimals', () => {
  it('adds exactly at the largest scale', () => {
    expect(sumDecimals(['3.70', '1.3'])).toBe('5.00');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1', '-1.5'])).toBe('-0.5');
    expect(sumDecimals([])).toBe('0');
  });
});

describe('helpers', () => {
  it('expands exponent forms of numbers', () => {
    expect(numberToDecimalString(1e-7)).toBe('0.0000001');
    expect(numberToDecimalString(1.5e21)).toBe('1500000000000000000000');
    expect(numberToDecimalString(46.93)).toBe('46.93');
  });

  it('keeps string length when converting full-width characters', () => {
    const s = '２０，１５０．００（￥）';
    expect(toHalfWidth(s)).toBe('20,150.00(¥)');
    expect(toHalfWidth(s)).toHaveLength(s.length);
  });
});
