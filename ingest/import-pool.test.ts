import { afterEach, describe, expect, it } from 'vitest';
import { importPublication } from '../data/import/import-publication.ts';
import type { ImportInput } from '../data/import/import-result.ts';
import { bigLedgerCsv } from '../scripts/bench/big-ledger.ts';
import { createImportPool, type ImportPool } from './import-pool.ts';
import { DIVISIONS, FIXTURES, FIXTURE_NAMES, TEST_BENEFICIARY_KEY } from './test-support.ts';
import { importRegionSummary, type SummaryImportInput } from '../data/import/summary-import.ts';
import { layoutFixture } from '../test/support/layout-fixtures.ts';

const pools: ImportPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
function pool(options: Parameters<typeof createImportPool>[0]): ImportPool {
  const made = createImportPool(options);
  pools.push(made);
  return made;
}

const idMask = { keepStart: 6, keepEnd: 4 };
const finance = (): ImportInput => ({ bytes: FIXTURES.finance, format: 'csv', kind: 'finance', filename: FIXTURE_NAMES.finance, idMask });
/** 2 MB of ledger (some 8,000 rows): long enough to keep a worker busy while the test looks, short enough to read quickly */
const big = (): ImportInput => ({ bytes: bigLedgerCsv(2 * 1024 * 1024), format: 'csv', kind: 'finance', idMask });

describe('the import pool', () => {
  it('gives what the importer gives on the calling thread, fingerprints and warnings included', async () => {
    const input: ImportInput = { bytes: FIXTURES.subsidy, format: 'csv', kind: 'subsidy', filename: FIXTURE_NAMES.subsidy, idMask, beneficiaryKey: TEST_BENEFICIARY_KEY };
    const run = await pool({ workers: 1 }).run(input);
    expect(run).toEqual({ kind: 'done', result: await importPublication(input) });
    expect(run.kind === 'done' && run.result.ok && run.result.beneficiaryKeys.length).toBeGreaterThan(0);
  });

  it('reads a region’s summary table in a worker too, giving what its importer gives on the calling thread, and queues it with the rest', async () => {
    const divisions = DIVISIONS.filter((d) => d.code.startsWith('430802108'));
    const input: SummaryImportInput = { bytes: layoutFixture('summary-township-by-village.csv'), format: 'csv', scope: '430802108', divisions, idMask };
    const p = pool({ workers: 1, queue: 0, retryAfterSeconds: 3 });
    const busy = p.run(big());
    expect(await p.runSummary(input)).toEqual({ kind: 'busy', retryAfterSeconds: 3 });
    await busy;
    const run = await p.runSummary(input);
    expect(run).toEqual({ kind: 'done', result: await importRegionSummary(input) });
    expect(run.kind === 'done' && run.result.ok && run.result.summary.total).toBe(40_198_241);
  });

  it('reads only the bytes of a view, not the whole buffer under it', async () => {
    const padded = new Uint8Array(FIXTURES.finance.byteLength + 20);
    padded.set(FIXTURES.finance, 10);
    const run = await pool({ workers: 1 }).run({ ...finance(), bytes: padded.subarray(10, 10 + FIXTURES.finance.byteLength) });
    expect(run.kind === 'done' && run.result.ok).toBe(true);
  });

  it('turns an upload away with Retry-After once every worker is busy and the queue is full, and reads the ones it took', async () => {
    const p = pool({ workers: 1, queue: 1, retryAfterSeconds: 7 });
    const first = p.run(big());
    const second = p.run(finance());
    expect(p.stats()).toMatchObject({ workers: 1, active: 1, queued: 1 });
    expect(await p.run(finance())).toEqual({ kind: 'busy', retryAfterSeconds: 7 });
    const [a, b] = await Promise.all([first, second]);
    expect(a.kind === 'done' && a.result.ok && a.result.content.kind === 'finance' && a.result.content.entries.length).toBeGreaterThan(5_000);
    expect(b.kind === 'done' && b.result.ok).toBe(true);
    expect(p.stats()).toMatchObject({ active: 0, parsing: 0, queued: 0 });
    // room again
    expect((await p.run(finance())).kind).toBe('done');
  });

  it('refuses at once with no queue while the only worker reads', async () => {
    const p = pool({ workers: 1, queue: 0 });
    const first = p.run(big());
    expect(await p.run(finance())).toEqual({ kind: 'busy', retryAfterSeconds: 5 });
    expect((await first).kind).toBe('done');
  });

  it('fails only the file that exhausts its worker, and reads the next one in a new worker', async () => {
    // 64 MB of heap boots the importer and reads the field sample (32 MB would), but not 20 MB of
    // ledger (that takes some 300 MB): the worker dies, the pool and this thread do not.
    const p = pool({ workers: 1, maxHeapMb: 64 });
    await expect(p.run({ ...big(), bytes: bigLedgerCsv(20 * 1024 * 1024) })).rejects.toThrow(/import worker/);
    const next = await p.run(finance());
    expect(next.kind === 'done' && next.result.ok).toBe(true);
    expect(p.stats()).toMatchObject({ workers: 1, active: 0 });
  });

  it('counts a file as parsing from the moment its worker starts reading until its answer', async () => {
    const p = pool({ workers: 1 });
    const running = p.run(big());
    await until(() => p.stats().parsing === 1);
    expect(p.stats()).toMatchObject({ active: 1, parsing: 1 });
    await running;
    expect(p.stats()).toMatchObject({ active: 0, parsing: 0 });
  });

  it('fails the uploads still waiting when it is closed', async () => {
    const p = pool({ workers: 1, queue: 1 });
    const first = p.run(big());
    const waiting = p.run(finance());
    const failed = Promise.all([expect(waiting).rejects.toThrow(/closed/), expect(first).rejects.toThrow(/exited/)]);
    await p.close();
    await failed;
    await expect(p.run(finance())).rejects.toThrow(/closed/);
  });
});

/** Waits for a condition, checking on every turn of the event loop (the test's timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
