import { describe, expect, it } from 'vitest';
import type { Finding } from '../finding.ts';
import { contract, contractLedger, entry, financeLedger } from './test-builders.ts';
import { currentContracts, financeLedgers, ledgerRows, paidRows, uniqueKeys } from './village-data.ts';

describe('financeLedgers', () => {
  it('leaves out months also published as their quarter, so no row counts twice, and sorts by period', () => {
    const quarter = financeLedger('2026-Q3', []);
    const july = financeLedger('2026-07', []);
    const q2 = financeLedger('2026-Q2', []);
    expect(financeLedgers([july, quarter, q2]).map((l) => l.content.period)).toEqual(['2026-Q2', '2026-Q3']);
  });

  it('dates an undated row on the last day of its period', () => {
    const rows = ledgerRows(financeLedgers([financeLedger('2026-Q3', [entry(3, null, '收到租金', { income: 1 })])]));
    expect(rows.map((r) => r.date)).toEqual(['2026-09-30']);
  });
});

describe('paidRows', () => {
  it('keeps expense rows with a known payee, in date order, grouped by the payee however written', () => {
    const ledger = financeLedger('2026-Q3', [
      entry(3, '2026-08-02', '支付张家界某某建筑有限公司工程款', { expense: 100 }),
      entry(4, '2026-07-02', '付某某建筑公司材料款', { expense: 200 }),
      entry(5, '2026-07-03', '支付村干部误工补贴', { expense: 300 }),
      entry(6, '2026-07-04', '收到某某建筑公司退款', { income: 50 }),
    ]);
    expect(paidRows(financeLedgers([ledger])).map((r) => [r.entry.row, r.payee, r.payeeKey])).toEqual([
      [4, '某某建筑公司', '某某建筑'],
      [3, '张家界某某建筑有限公司', '某某建筑'],
    ]);
  });
});

describe('currentContracts', () => {
  it("takes each contract once, from the latest ledger", () => {
    const old = contractLedger('2025', [contract({ row: 4, number: 'KJP-1', start: '2020-01-01', annualAmount: 1 }), contract({ row: 5, number: 'KJP-2', start: '2020-01-01' })]);
    const now = contractLedger('2026', [contract({ row: 7, number: 'KJP-1', start: '2020-01-01', annualAmount: 2 })]);
    expect(currentContracts([old, now]).map((r) => [r.pub.period, r.contract.number, r.contract.row])).toEqual([
      ['2026', 'KJP-1', 7],
      ['2025', 'KJP-2', 5],
    ]);
  });
});

describe('uniqueKeys', () => {
  const f = (key: string): Finding => ({ rule: 'contract-term', village: '430821212212', key, title: 't', detail: 'd', amount: null, evidence: [], sample: false });

  it('numbers repeated keys in finding order', () => {
    expect(uniqueKeys([f('a'), f('b'), f('a'), f('a')]).map((x) => x.key)).toEqual(['a', 'b', 'a#2', 'a#3']);
  });

  it('bounds a long key to 200 characters, keeping two long keys apart', () => {
    const [a, b] = uniqueKeys([f(`${'甲'.repeat(300)}1`), f(`${'甲'.repeat(300)}2`)]);
    expect(a?.key.length).toBeLessThanOrEqual(200);
    expect(a?.key).not.toBe(b?.key);
  });
});
