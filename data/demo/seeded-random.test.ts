import { describe, expect, it } from 'vitest';
import { hash, int, rng, shuffle } from './seeded-random.ts';

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const take = (seed: number) => Array.from({ length: 5 }, rng(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('draws integers within both bounds and reaches each of them', () => {
    const r = rng(1);
    const seen = new Set(Array.from({ length: 500 }, () => int(r, 10, 14)));
    expect([...seen].sort()).toEqual([10, 11, 12, 13, 14]);
  });

  it('shuffles into a permutation of the same items', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = shuffle(rng(9), [...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it('hashes village keys to different unsigned 32-bit seeds', () => {
    const a = hash('1:430802108214');
    expect(a).toBe(hash('1:430802108214'));
    expect(a).not.toBe(hash('1:430802108215'));
    expect(a >>> 0).toBe(a);
  });
});
