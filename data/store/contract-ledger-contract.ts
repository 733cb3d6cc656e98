import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLeaf } from '../log/log-leaf.ts';
import { newPublication } from '../new-publication.ts';
import type { ContractContent, PublicationContent } from '../publication.ts';
import type { SearchQuery, Store } from './store.ts';

/**
 * The fourth publication kind, `contract` (集体资产资源合同台账), end to end in a store: stored
 * (SQLite's migration 6 and PostgreSQL's schema 5 admit it), logged, and searchable with its own
 * kind facet and filter. Run against every backend (sqlite-store.test.ts, pg/pg-core.test.ts).
 */

const VILLAGE = '430802108214';

const query = (q: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ q, sort: 'relevance', page: 1, pageSize: 20, ...extra });

export function describeContractLedgerContract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>): void {
  describe(`contract publications in the store: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('stores, logs and finds a contract ledger, counted under its own kind', async () => {
      const published = await store.publish(version('pub-contracts', contracts()));
      await store.publish(version('pub-fin', finance()));
      expect(published.publication).toMatchObject({ kind: 'contract', version: 1 });
      expect((await store.getPublication('pub-contracts'))?.content).toEqual(contracts());

      const leaf = parseLeaf((await store.logLeaves(0, 1))[0]!.leaf);
      expect(leaf.ok && leaf.leaf).toMatchObject({ type: 'publication', id: 'pub-contracts', kind: 'contract' });

      const found = await store.search(query('张家界绿源农业'));
      expect(found.hits.map((h) => [h.publicationId, h.kind, h.row])).toEqual([['pub-contracts', 'contract', 4]]);
      // 2026: the ledger's title; the finance title and its entry
      expect((await store.search(query('2026'))).facets).toEqual({ county: { '430802': 3 }, kind: { contract: 1, finance: 2 } });
      const onlyContracts = await store.search(query('2026', { kind: 'contract' }));
      expect(onlyContracts.hits.map((h) => [h.publicationId, h.row])).toEqual([['pub-contracts', 0]]);
      expect((await store.search(query('2026', { kind: 'finance' }))).facets.kind).toEqual({ finance: 2 });
    });
  });
}

function version(id: string, content: PublicationContent) {
  return newPublication({ id, village: VILLAGE, content, publishedAt: '2026-07-10T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
}

function contracts(): ContractContent {
  return {
    kind: 'contract',
    title: '2026年集体资产资源合同台账',
    period: '2026',
    asOf: '2026-06-30',
    contracts: [
      {
        row: 4,
        number: 'KJP-2019-001',
        counterparty: '张家界绿源农业有限公司',
        partyKind: 'organisation',
        creditCode: '91430802MA4L123456',
        idNumber: null,
        subject: '耕地（土地经营权流转）',
        subjectClass: 'arable',
        location: '二组',
        area: '120.5',
        areaUnit: '亩',
        start: '2019-01-01',
        end: '2028-12-31',
        annualAmount: 130_600_00,
        paymentTerms: '按年缴纳，每年6月30日前',
        schedule: [{ due: '2026-06-30', amount: 130_600_00, covers: { from: '2026-01-01', to: '2026-12-31' } }],
        performance: null,
        remark: null,
      },
    ],
    totals: { count: 1, area: '120.5', annualAmount: 130_600_00 },
    notes: [],
  };
}

function finance(): PublicationContent {
  return {
    kind: 'finance',
    title: '2026年第三季度财务收支',
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 2, date: '2026-07-01', voucher: null, summary: '收到2026年土地租金', account: null, income: 130_600_00, expense: 0, balance: null, remark: null }],
    totals: { income: 130_600_00, expense: 0, closingBalance: null },
    notes: [],
  };
}
