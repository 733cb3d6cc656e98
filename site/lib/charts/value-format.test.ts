import { describe, expect, it } from 'vitest';
import { countFormat, groupThousands, moneyFormat, percentFormat } from './value-format.ts';

describe('chart value formats', () => {
  it('shows fen as yuan with separators in the table and plain in the CSV', () => {
    expect(moneyFormat.display(9_848_840)).toBe('98,488.40');
    expect(moneyFormat.plain(9_848_840)).toBe('98488.40');
    expect(moneyFormat.plain(-30_000)).toBe('-300.00');
    expect(moneyFormat.unit).toBe('元');
  });

  it('counts the money axis in 元 below 1万元, in 万 from 1万元 and in 亿 from 1亿元', () => {
    expect(moneyFormat.axisUnit(999_999)).toEqual({ per: 100, suffix: '' });
    expect(moneyFormat.axisUnit(1_000_000)).toEqual({ per: 1_000_000, suffix: '万' });
    expect(moneyFormat.axisUnit(10_000_000_000)).toEqual({ per: 10_000_000_000, suffix: '亿' });
  });

  it('writes counts as whole numbers and refuses a fraction', () => {
    const pieces = countFormat('件');
    expect(pieces.display(12_345)).toBe('12,345');
    expect(pieces.plain(12_345)).toBe('12345');
    expect(pieces.unit).toBe('件');
    expect(() => pieces.plain(2.5)).toThrow(RangeError);
  });

  it('writes percentages with one decimal and never as a total', () => {
    expect(percentFormat.display(87.46)).toBe('87.5');
    expect(percentFormat.plain(100)).toBe('100.0');
    expect(percentFormat.plain(-0.01)).toBe('0.0');
    expect(percentFormat.summable).toBe(false);
  });

  it('groups thousands only in the whole part, keeping the sign', () => {
    expect(groupThousands('-1234567.5')).toBe('-1,234,567.5');
    expect(groupThousands('999.1234')).toBe('999.1234');
    expect(groupThousands('1000')).toBe('1,000');
  });
});
