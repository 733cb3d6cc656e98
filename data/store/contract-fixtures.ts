import { newPublication } from '../new-publication.ts';
import type { PublicationContent } from '../publication.ts';
import type { NewPublication } from './store.ts';

/** Small publications the store suites share: one village, a ledger with one line, a subsidy list of one. */
export const FIXTURE_VILLAGE = '430802108214';
export const FIXTURE_AT = '2026-07-10T08:00:00.000Z';

export function fixtureVersion(id: string, content: PublicationContent): NewPublication {
  return newPublication({ id, village: FIXTURE_VILLAGE, content, publishedAt: FIXTURE_AT, sample: false, source: { filename: null, format: 'json' } });
}

export function fixtureFinance(title: string, expense: number): PublicationContent {
  return {
    kind: 'finance',
    title,
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 2, date: '2026-07-01', voucher: null, summary: '办公用品', account: null, income: 0, expense, balance: null, remark: null }],
    totals: { income: 0, expense, closingBalance: null },
    notes: [],
  };
}

export function fixtureSubsidy(): PublicationContent {
  const row = { row: 4, seq: '1', name: '张三', idNumber: '430802********7238', phone: null, bankCard: null, quantity: '3.70', unit: '亩', rate: null, rateText: null, amount: 39_072, datePaid: null, channel: null, remark: null };
  return { kind: 'subsidy', title: '2026年耕地地力保护补贴发放花名册', programme: '耕地地力保护补贴', period: '2026', rows: [row], totals: { amount: 39_072, quantity: '3.70', count: 1 }, notes: [] };
}
