import { describe, expect, it } from 'vitest';
import { fenInWords } from './money-words.ts';

describe('amounts in Chinese words (大写金额)', () => {
  it('writes yuan, jiao and fen as on a bank slip', () => {
    expect(fenInWords(1_234_567)).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(fenInWords(5)).toBe('伍分');
    expect(fenInWords(10_000_007)).toBe('壹拾万元零柒分');
  });

  it('ends an amount of whole yuan or jiao with 整', () => {
    expect(fenInWords(10_000)).toBe('壹佰元整');
    expect(fenInWords(100_000_100)).toBe('壹佰万零壹元整');
    expect(fenInWords(0)).toBe('零元整');
    expect(fenInWords(101_010)).toBe('壹仟零壹拾元壹角整');
  });

  it('writes a negative balance with 负 and refuses what is not whole fen', () => {
    expect(fenInWords(-2_050)).toBe('负贰拾元伍角整');
    expect(() => fenInWords(1.5)).toThrow(RangeError);
  });

  it('reads amounts up to a billion yuan', () => {
    expect(fenInWords(123_456_789_012)).toBe('壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分');
  });
});
