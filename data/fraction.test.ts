import { describe, expect, it } from 'vitest';
import { atLeast, Fraction, moreThan, ONE_HALF, shareName, TWO_THIRDS } from './fraction.ts';

describe('fraction', () => {
  it('counts at least two thirds in whole people', () => {
    expect([30, 31, 45, 5].map((n) => atLeast(n, TWO_THIRDS))).toEqual([20, 21, 30, 4]);
  });

  it('counts more than half as one past the half', () => {
    expect([30, 31, 38, 1].map((n) => moreThan(n, ONE_HALF))).toEqual([16, 16, 20, 1]);
  });

  it('names shares as villagers say them', () => {
    expect([ONE_HALF, TWO_THIRDS, { num: 4, den: 5 }, { num: 11, den: 20 }].map(shareName)).toEqual(['半数', '三分之二', '五分之四', '二十分之十一']);
  });

  it('refuses a share larger than the whole', () => {
    expect(Fraction.safeParse({ num: 3, den: 2 }).success).toBe(false);
  });
});
