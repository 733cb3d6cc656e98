import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByAmount } from './search-plan.ts';

describe('ordering search hits by amount', () => {
  it('puts the largest first, rows without an amount last, and the newest (smallest id) first among equals', () => {
    const amounts = new Map<number, number | null>([[1, 500], [2, null], [3, 9_000], [4, 500], [5, -300]]);
    expect(sortByAmount([5, 4, 3, 2, 1], amounts)).toEqual([3, 1, 4, 5, 2]);
  });

  it('keeps every id once, in an order no pair contradicts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 })), fc.array(fc.option(fc.integer({ min: -1_000, max: 1_000 }))), (ids, values) => {
        const amounts = new Map(ids.map((id, i) => [id, values[i] ?? null]));
        const sorted = sortByAmount(ids, amounts);
        expect([...sorted].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [amounts.get(sorted[i - 1]!) ?? null, amounts.get(sorted[i]!) ?? null];
          if (a === null) expect(b).toBeNull();
          else if (b !== null) expect(a > b || (a === b && sorted[i - 1]! < sorted[i]!)).toBe(true);
        }
      }),
    );
  });
});
