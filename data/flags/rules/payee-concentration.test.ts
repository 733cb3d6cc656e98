import { describe, expect, it } from 'vitest';
import type { FinanceEntry } from '../../publication.ts';
import { payeeConcentration } from './payee-concentration.ts';
import { entry, financeLedger, ruleInput } from './test-builders.ts';

const defaults = payeeConcentration.settings.parse({});

function run(entries: FinanceEntry[], settings = defaults) {
  return payeeConcentration.run(ruleInput({ publications: [financeLedger('2026-Q3', entries)] }), settings);
}

const firm = (row: number, expense: number) => entry(row, '2026-08-01', '支付某某建筑公司工程款', { expense });
const other = (row: number, expense: number) => entry(row, '2026-08-02', '支付村干部误工补贴', { expense });

describe('payee-concentration', () => {
  it('accepts a share of exactly the limit and flags one fen more', () => {
    expect(run([firm(3, 2_000_000), other(4, 3_000_000)])).toEqual([]);
    expect(run([firm(3, 2_000_001), other(4, 3_000_000)])).toEqual([
      {
        rule: 'payee-concentration',
        village: '430821212212',
        key: '2026:某某建筑',
        title: '2026年已公开的支出中，付给某某建筑公司的20,000.01元占40.0%',
        detail:
          '2026年已公开的财务收支（2026年第三季度）共支出50,000.01元，其中付给某某建筑公司1笔，合计20,000.01元，占40.0%，超过40%。请说明这家收款方是怎样选定的（是否比价、招标或经集体研究）。',
        amount: 2_000_001,
        evidence: [{ publicationId: 'finance-2026-Q3', village: '430821212212', kind: 'finance', row: 3, label: '2026年第三季度财务收支第3行' }],
        sample: false,
      },
    ]);
  });

  it('leaves alone a year whose expense is below minTotal, and looks at one exactly at it', () => {
    expect(run([firm(3, 4_999_999)])).toEqual([]);
    expect(run([firm(3, 5_000_000)]).map((f) => f.key)).toEqual(['2026:某某建筑']);
  });

  it('does not count expense without an identified payee as a payee', () => {
    expect(run([other(3, 9_000_000)])).toEqual([]);
  });

  it('takes each calendar year on its own', () => {
    const ledger = financeLedger('2026', [entry(3, '2026-01-05', '支付某某建筑公司工程款', { expense: 5_000_000 })]);
    const next = financeLedger('2027-Q1', [entry(2, '2027-01-05', '支付村干部误工补贴', { expense: 9_000_000 })]);
    const findings = payeeConcentration.run(ruleInput({ publications: [ledger, next] }), defaults);
    expect(findings.map((f) => f.key)).toEqual(['2026:某某建筑']);
  });
});
