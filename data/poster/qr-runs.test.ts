import { describe, expect, it } from 'vitest';
import { darkRuns } from './qr-runs.ts';

describe('QR modules as runs', () => {
  it('covers every dark module exactly once and no light one', () => {
    const size = 21;
    const data = Array.from({ length: size * size }, (_, i) => (i * 7919) % 5 < 2);
    const drawn = new Set<number>();
    for (const run of darkRuns({ size, data })) {
      for (let c = run.col; c < run.col + run.length; c++) {
        const index = run.row * size + c;
        expect(drawn.has(index)).toBe(false);
        drawn.add(index);
      }
    }
    data.forEach((dark, i) => expect(drawn.has(i), `module ${i}`).toBe(dark));
  });

  it('joins neighbours in a row into one rectangle, and ends runs at the row’s end', () => {
    // 1 1 0
    // 1 1 1
    // 0 0 1
    expect(darkRuns({ size: 3, data: [1, 1, 0, 1, 1, 1, 0, 0, 1] })).toEqual([
      { row: 0, col: 0, length: 2 },
      { row: 1, col: 0, length: 3 },
      { row: 2, col: 2, length: 1 },
    ]);
  });
});
