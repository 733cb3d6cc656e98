import { expect } from 'vitest';

/**
 * That a table kept by triggers from facts holds what its migration's fill makes of the same facts:
 * each query read, the tables emptied and filled again, each read again. A count moved down to 0
 * stays as a row and the fill writes none, so the queries leave those out.
 */
export async function expectKeptAsFilled(reads: ReadonlyArray<() => Promise<unknown[]> | unknown[]>, refill: () => unknown): Promise<void> {
  const kept = [];
  for (const read of reads) kept.push(await read());
  for (const rows of kept) expect(rows.length).toBeGreaterThan(1);
  await refill();
  const again = [];
  for (const read of reads) again.push(await read());
  expect(again).toEqual(kept);
}
