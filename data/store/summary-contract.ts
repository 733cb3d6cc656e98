import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../log/audit-log.ts';
import { parseLeaf, regionSummaryDigest } from '../log/log-leaf.ts';
import type { RegionSummary } from '../summary/region-summary.ts';
import type { Store } from './store.ts';
import type { PageOutbox } from './page-outbox.ts';
import type { SummaryStore } from './summary-store.ts';
import type { SummaryCountStore } from './summary-count-store.ts';

/**
 * What every backend must do with region summary tables (summary-store.ts). `connect` opens a
 * second connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type SummaryContractStore = SummaryStore & SummaryCountStore & Pick<Store, 'logSize' | 'logLeaves'> & Pick<PageOutbox, 'claimStale'>;

export type OpenSummaryStore = () => Promise<{
  store: SummaryContractStore;
  connect: () => Promise<SummaryContractStore>;
  cleanup: () => Promise<void>;
}>;

const AT = ['2026-10-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z'] as const;

/** 王家坪镇's table of its villages' payouts: two rows, the second `amount` fen. */
export function townshipSummary(amount: number, title = '王家坪镇2026年耕地地力保护补贴发放汇总表'): RegionSummary {
  return {
    scope: '430802108',
    title,
    period: '2026',
    rowsAre: 'place',
    labelHeader: '村名',
    amountHeader: '补贴金额（元）',
    columns: ['户数'],
    rows: [
      { row: 4, label: '马头溪村', place: '430802108214', amount: 1_234_567, cells: ['212'] },
      { row: 5, label: '宋家溪村', place: '430802108202', amount, cells: ['180'] },
    ],
    total: 1_234_567 + amount,
    notes: ['单位：元'],
  };
}

export function describeSummaryContract(name: string, open: OpenSummaryStore): void {
  describe(`Region summary store contract: ${name}`, () => {
    let store: SummaryContractStore;
    let connect: () => Promise<SummaryContractStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('numbers a scope’s summaries 1, 2 … and makes a second upload of one title and period its correction', async () => {
      const first = await store.publishSummary(townshipSummary(100), AT[0]);
      const other = await store.publishSummary(townshipSummary(5, '王家坪镇2026年生态公益林补偿汇总表'), AT[0]);
      const corrected = await store.publishSummary(townshipSummary(200), AT[1]);
      expect([first, other, corrected].map((s) => [s.seq, s.version, s.supersedes])).toEqual([
        [1, 1, null],
        [2, 1, null],
        [3, 2, 1],
      ]);
      const listed = await store.listSummaries('430802108');
      expect(listed.map((s) => [s.seq, s.version, s.supersedes, s.publishedAt])).toEqual([
        [1, 1, null, AT[0]],
        [2, 1, null, AT[0]],
        [3, 2, 1, AT[1]],
      ]);
      expect(listed[2]!.document).toEqual(townshipSummary(200));
      expect(listed[0]!.series).toBe(listed[2]!.series);
    });

    it('records its pages as stale in the transaction that stores it, once per scope however many are waiting', async () => {
      await store.publishSummary(townshipSummary(100), AT[0]);
      await store.publishSummary(townshipSummary(200), AT[1]);
      const claimed = await store.claimStale({ owner: 'contract', limit: 10, now: '2999-01-01T00:00:00.000Z', leaseUntil: '2999-01-01T00:01:00.000Z' });
      expect(claimed.map((c) => [c.target, c.key])).toEqual([['region-summaries', '430802108']]);
    });

    it('lists a scope’s own summaries only, not those of the divisions under it', async () => {
      await store.publishSummary(townshipSummary(100), AT[0]);
      const county: RegionSummary = { ...townshipSummary(100), scope: '430802', rows: [{ row: 4, label: '王家坪镇', place: '430802108', amount: 10, cells: ['1'] }], total: 10 };
      await store.publishSummary(county, AT[0]);
      expect((await store.listSummaries('430802')).map((s) => [s.scope, s.seq])).toEqual([['430802', 1]]);
      expect((await store.listSummaries('430802108')).map((s) => [s.scope, s.seq])).toEqual([['430802108', 1]]);
      expect(await store.listSummaries('430821')).toEqual([]);
      // and what a county's bulk data reads: the county's own and its townships', by scope then number
      const city: RegionSummary = { ...townshipSummary(100), scope: '4308', rows: [{ row: 4, label: '永定区', place: '430802', amount: 10, cells: ['1'] }], total: 10 };
      await store.publishSummary(city, AT[0]);
      expect((await store.listSummariesUnder('430802')).map((s) => [s.scope, s.seq])).toEqual([
        ['430802', 1],
        ['430802108', 1],
      ]);
      expect((await store.listSummariesUnder('')).map((s) => s.scope)).toEqual(['4308', '430802', '430802108']);
      expect(await store.listSummariesUnder('430821')).toEqual([]);
    });

    it('counts the tables in force in each county — its own and its townships’, a corrected series once — with the newest time, and none for a city’s own', async () => {
      expect(await store.summaryCountsUnder('')).toEqual(new Map());
      await store.publishSummary(townshipSummary(100), AT[0]);
      await store.publishSummary(townshipSummary(5, '王家坪镇2026年生态公益林补偿汇总表'), AT[0]);
      const county: RegionSummary = { ...townshipSummary(100), scope: '430802', rows: [{ row: 4, label: '王家坪镇', place: '430802108', amount: 10, cells: ['1'] }], total: 10 };
      await store.publishSummary(county, AT[0]);
      const city: RegionSummary = { ...townshipSummary(100), scope: '4308', rows: [{ row: 4, label: '永定区', place: '430802', amount: 10, cells: ['1'] }], total: 10 };
      await store.publishSummary(city, AT[1]);
      const other: RegionSummary = { ...townshipSummary(100), scope: '430821101', rows: [{ row: 4, label: '某村', place: '430821101201', amount: 10, cells: ['1'] }], total: 10 };
      await store.publishSummary(other, AT[0]);
      expect(await store.summaryCountsUnder('4308')).toEqual(
        new Map([
          ['430802', { tables: 3, lastPublishedAt: AT[0] }],
          ['430821', { tables: 1, lastPublishedAt: AT[0] }],
        ]),
      );
      // a correction replaces its series' count and brings its time
      await store.publishSummary(townshipSummary(200), AT[1]);
      expect(await store.summaryCountsUnder('')).toEqual(
        new Map([
          ['430802', { tables: 3, lastPublishedAt: AT[1] }],
          ['430821', { tables: 1, lastPublishedAt: AT[0] }],
        ]),
      );
      expect(await store.summaryCountsUnder('430821')).toEqual(new Map([['430821', { tables: 1, lastPublishedAt: AT[0] }]]));
      expect(await store.summaryCountsUnder('43')).toEqual(await store.summaryCountsUnder(''));
      expect(await store.summaryCountsUnder('4309')).toEqual(new Map());
    });

    it('logs each version with a leaf whose digest covers the document as served, and the log audits clean', async () => {
      await store.publishSummary(townshipSummary(100), AT[0]);
      const corrected = await store.publishSummary(townshipSummary(200), AT[1]);
      const leaves = await store.logLeaves(0, await store.logSize());
      const leaf = parseLeaf(leaves.find((l) => l.index === corrected.logIndex)!.leaf);
      const served = await store.listSummaries('430802108');
      expect(leaf).toEqual({ ok: true, leaf: { type: 'region-summary', scope: '430802108', seq: 2, version: 2, supersedes: 1, at: AT[1], sha256: regionSummaryDigest(served[1]!.document) } });
      const regionSummaries = served.map((s) => ({ scope: s.scope, seq: s.seq, document: s.document }));
      expect(auditLog(leaves, [], { regionSummaries }).findings).toEqual([]);
      // a document changed after it was logged is named
      const changed = [regionSummaries[0]!, { ...regionSummaries[1]!, document: townshipSummary(300) }];
      expect(auditLog(leaves, [], { regionSummaries: changed }).findings).toEqual([{ kind: 'record-mismatch', record: 'region-summary', id: '430802108', seq: 2, index: corrected.logIndex, fields: ['sha256'] }]);
    });

    it('numbers summaries published through two connections without a gap or a repeat, each version superseding one', async () => {
      const other = await connect();
      const stored = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : other).publishSummary(townshipSummary(100 + i), AT[0])));
      expect(stored.map((s) => s.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const listed = await other.listSummaries('430802108');
      expect(listed.map((s) => s.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(listed.map((s) => s.supersedes)).toEqual([null, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('refuses a document that is not a valid summary and writes nothing', async () => {
      const size = await store.logSize();
      const wrongTotal = { ...townshipSummary(100), total: 1 };
      const outside = { ...townshipSummary(100), rows: [{ row: 4, label: '龙岗村', place: '430821211227', amount: 1_234_667, cells: ['1'] }], total: 1_234_667 };
      for (const bad of [wrongTotal, outside]) await expect(store.publishSummary(bad, AT[0])).rejects.toThrow();
      expect(await store.logSize()).toBe(size);
      expect(await store.listSummaries('430802108')).toEqual([]);
    });
  });
}
