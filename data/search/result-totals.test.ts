import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HitFields } from './hit-fields.ts';
import { resultTotals } from './result-totals.ts';

const NONE: HitFields = { date: null, income: null, expense: null, amount: null, budget: null, contractAmount: null, paid: null, counterparty: null };
const ledger = (income: number, expense: number): HitFields => ({ ...NONE, income, expense });

describe('adding up search results', () => {
  const hits = [
    { village: '430802108214', period: '2026-Q3', fields: ledger(2_015_000, 0) },
    { village: '430802108214', period: '2026-Q3', fields: ledger(0, 38_650) },
    { village: '430802108201', period: '2026-Q2', fields: { ...NONE, amount: 12_345 } },
    { village: '430821211227', period: '2026-Q3', fields: null },
  ];

  it('sums each amount in fen per village, leaving a field no row has empty', () => {
    expect(resultTotals('village', hits)).toEqual([
      { key: '430802108201', rows: 1, income: null, expense: null, amount: 12_345, budget: null, contractAmount: null, paid: null },
      { key: '430802108214', rows: 2, income: 2_015_000, expense: 38_650, amount: null, budget: null, contractAmount: null, paid: null },
      { key: '430821211227', rows: 1, income: null, expense: null, amount: null, budget: null, contractAmount: null, paid: null },
    ]);
  });

  it('groups by township and by period', () => {
    expect(resultTotals('township', hits).map((r) => [r.key, r.rows])).toEqual([['430802108', 3], ['430821211', 1]]);
    expect(resultTotals('period', hits).map((r) => [r.key, r.rows, r.income])).toEqual([['2026-Q2', 1, null], ['2026-Q3', 3, 2_015_000]]);
  });

  it('loses no fen: the groups add up to the whole, whatever the grouping', () => {
    const hit = fc.record({
      village: fc.constantFrom('430802108214', '430802108201', '430821211227'),
      period: fc.constantFrom('2026-Q2', '2026-Q3', '2026-07'),
      fields: fc.option(fc.record({ ...Object.fromEntries(Object.keys(NONE).map((k) => [k, fc.constant(null)])), income: fc.integer({ min: 0, max: 10 ** 10 }), expense: fc.integer({ min: 0, max: 10 ** 10 }) }) as fc.Arbitrary<HitFields>),
    });
    fc.assert(
      fc.property(fc.array(hit), fc.constantFrom('village', 'township', 'period') as fc.Arbitrary<'village' | 'township' | 'period'>, (list, group) => {
        const totals = resultTotals(group, list);
        expect(totals.reduce((n, r) => n + r.rows, 0)).toBe(list.length);
        expect(totals.reduce((n, r) => n + (r.income ?? 0), 0)).toBe(list.reduce((n, h) => n + (h.fields?.income ?? 0), 0));
      }),
    );
  });
});
