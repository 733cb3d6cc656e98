import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kangjiapingLedgers } from '../../data/demo/kangjiaping.ts';
import { createFlagRunner } from '../../data/flags/flag-runner.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { ContractContent } from '../../data/publication.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { syntheticRegion } from './synthetic-region.ts';

/**
 * The red-flag rules' figures (issue 12): every rule over a county of `villages` villages, each
 * with a contract ledger and eleven quarterly ledgers (2024 Q1 to 2026 Q3, over two years) in which
 * one tenant never pays; the same run again with nothing changed (what most nightly runs are); and
 * the run for one village after an upload, which the upload waits for. Printed, never asserted.
 */
export async function flagBench(opts: { villages?: number; log: (label: string, value: string) => void }): Promise<void> {
  const villages = opts.villages ?? 300;
  const work = mkdtempSync(join(tmpdir(), 'cunwu-flag-bench-'));
  const store = await openSqliteStore(join(work, 'portal.sqlite'));
  try {
    const divisions = syntheticRegion(villages);
    await store.replaceDivisions(divisions);
    const codes = divisions.filter((d) => d.level === 'village').map((d) => d.code);
    const sample = await importPublication({
      bytes: new Uint8Array(readFileSync(new URL('../../data/demo/files/430821212212-contract-2026.csv', import.meta.url))),
      format: 'csv',
      kind: 'contract',
      idMask: { keepStart: 6, keepEnd: 4 },
    });
    if (!sample.ok || sample.content.kind !== 'contract') throw new Error('the contract sample must import');
    const contract = sample.content as ContractContent;
    const ledgers = kangjiapingLedgers(contract, '2026-12-06');
    const t0 = performance.now();
    let n = 0;
    const publishedAt = () => new Date(Date.parse('2026-10-10T08:00:00Z') + 1000 * n++).toISOString();
    for (const village of codes) {
      for (const ledger of ledgers) await store.publish(newPublication({ village, content: ledger, publishedAt: publishedAt(), sample: true, source: { filename: null, format: 'json' } }));
      await store.publish(newPublication({ village, content: contract, publishedAt: publishedAt(), sample: true, source: { filename: null, format: 'csv' } }));
    }
    opts.log(`flags: seed ${villages} villages`, `${n} publications (${ledgers.length} ledgers + 1 contract ledger each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const runner = createFlagRunner({ store, clock: () => new Date('2026-12-06T02:00:00Z'), region: '9901' });
    for (const pass of ['first run (raises)', 'again, nothing changed']) {
      const times: number[] = [];
      let raised = 0;
      const start = performance.now();
      for (const village of codes) {
        const t = performance.now();
        const run = await runner.runVillage(village, 'nightly');
        times.push(performance.now() - t);
        raised += run?.result.raised.length ?? 0;
      }
      const total = performance.now() - start;
      times.sort((a, b) => a - b);
      opts.log(
        `flags: every rule over ${villages} villages, ${pass}`,
        `${(total / 1000).toFixed(2)} s = ${((villages * 1000) / total).toFixed(0)} villages/s; per village p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms; ${raised} flags raised`,
      );
    }

    const after: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await runner.afterPublication(codes[(i * 37) % codes.length]!);
      after.push(performance.now() - t);
    }
    after.sort((a, b) => a - b);
    opts.log('flags: one village after an upload (50 runs)', `p50 ${pct(after, 50).toFixed(1)} ms, p95 ${pct(after, 95).toFixed(1)} ms`);
  } finally {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
