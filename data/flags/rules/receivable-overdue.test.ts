import { describe, expect, it } from 'vitest';
import type { Publication } from '../../publication.ts';
import { receivableOverdue } from './receivable-overdue.ts';
import { contract, contractLedger, entry, financeLedger, ruleInput } from './test-builders.ts';

const defaults = receivableOverdue.settings.parse({});

const jinping = contract({
  row: 4,
  number: 'KJP-2019-001',
  counterparty: '张家界金坪生态农业开发有限公司',
  paymentTerms: '按年缴纳，每年12月31日前',
  schedule: [
    { due: '2024-12-31', amount: 13_060_000, covers: null },
    { due: '2025-12-31', amount: 13_060_000, covers: { from: '2025-01-01', to: '2025-12-31' } },
    { due: '2026-12-31', amount: 13_060_000, covers: null },
  ],
});
const contracts = contractLedger('2026', [jinping]);

function run(ledgers: Publication[], today = '2026-12-06', settings = defaults, extra: Publication[] = [contracts]) {
  return receivableOverdue.run(ruleInput({ today, publications: [...extra, ...ledgers] }), settings);
}

describe('receivable-overdue', () => {
  it('flags an instalment past due and grace with no matching income', () => {
    const findings = run([financeLedger('2025-Q4', []), financeLedger('2026-Q3', [])]);
    expect(findings).toEqual([
      {
        rule: 'receivable-overdue',
        village: '430821212212',
        key: 'KJP-2019-001:2025-12-31',
        title:
          '合同KJP-2019-001（张家界金坪生态农业开发有限公司）应于2025-12-31前缴纳的130,600.00元，已公开的财务收支（2025年第四季度至2026年第三季度，截至2026-09-30）中未见入账',
        detail: expect.stringContaining('（2025-01-01至2025-12-31的费用）'),
        amount: 13_060_000,
        evidence: [{ publicationId: 'contract-2026', village: '430821212212', kind: 'contract', row: 4, label: '合同台账第4行（KJP-2019-001）' }],
        sample: false,
      },
    ]);
  });

  it('does not judge instalments due before the ledgers begin, nor those whose grace ends after they end', () => {
    // 2024-12-31 is before 2025-10-01; 2026-12-31 + 30 days is after 2026-09-30
    const keys = run([financeLedger('2025-Q4', []), financeLedger('2026-Q3', [])], '2027-06-01').map((f) => f.key);
    expect(keys).toEqual(['KJP-2019-001:2025-12-31']);
  });

  it('waits until the day after the grace period ends', () => {
    const ledgers = [financeLedger('2025-Q4', []), financeLedger('2026-Q1', [])];
    // 2025-12-31 + 30 days = 2026-01-30
    expect(run(ledgers, '2026-01-30')).toEqual([]);
    expect(run(ledgers, '2026-01-31').map((f) => f.key)).toEqual(['KJP-2019-001:2025-12-31']);
  });

  it('judges an instalment whose grace ends on the last day the ledgers cover, and not one a day later', () => {
    const ledgers = [financeLedger('2025-Q4', []), financeLedger('2026-Q1', [])];
    expect(run(ledgers, '2026-12-06', { ...defaults, graceDays: 90 }).map((f) => f.key)).toEqual(['KJP-2019-001:2025-12-31']);
    expect(run(ledgers, '2026-12-06', { ...defaults, graceDays: 91 })).toEqual([]);
  });

  it('finds nothing when the ledger shows the rent under the company’s core name', () => {
    const ledger = financeLedger('2026-Q1', [entry(3, '2026-01-15', '收到金坪生态农业开发2025年土地流转费', { income: 13_060_000 })]);
    expect(run([financeLedger('2025-Q4', []), ledger])).toEqual([]);
  });

  it('accepts a payment short by the tolerance exactly, and flags one fen less with what is still owed', () => {
    const at = financeLedger('2026-Q1', [entry(3, '2026-01-15', '收到KJP-2019-001租金', { income: 12_407_000 })]);
    expect(run([financeLedger('2025-Q4', []), at])).toEqual([]);
    const below = financeLedger('2026-Q1', [entry(3, '2026-01-15', '收到KJP-2019-001租金', { income: 12_406_999 })]);
    const [finding, ...rest] = run([financeLedger('2025-Q4', []), below]);
    expect(rest).toEqual([]);
    expect(finding?.amount).toBe(653_001);
    expect(finding?.title).toContain('中见到124,069.99元，尚差6,530.01元');
    expect(finding?.evidence.map((e) => e.label)).toEqual(['合同台账第4行（KJP-2019-001）', '2026年第一季度财务收支第3行']);
  });

  it('sets a late payment against the oldest open instalment first', () => {
    // one payment in 2026-Q4 pays 2025 (late), so 2026's instalment is the one not seen
    const ledgers = [financeLedger('2025-Q4', []), financeLedger('2026-Q4', [entry(2, '2026-12-20', '收到金坪公司租金', { income: 13_060_000, counterparty: '张家界金坪生态农业开发有限公司' })])];
    expect(run(ledgers, '2027-02-01').map((f) => f.key)).toEqual([]);
    const withNext = [...ledgers, financeLedger('2027-Q1', [])];
    expect(run(withNext, '2027-04-01').map((f) => f.key)).toEqual(['KJP-2019-001:2026-12-31']);
  });

  it('counts an unnamed rent receipt of the instalment’s amount for the one contract it fits', () => {
    const ledger = financeLedger('2026-Q1', [entry(3, '2026-01-15', '收到土地流转费', { income: 13_060_000 })]);
    expect(run([financeLedger('2025-Q4', []), ledger])).toEqual([]);
    const other = financeLedger('2026-Q1', [entry(3, '2026-01-15', '收到集体经济分红', { income: 13_060_000 })]);
    expect(run([financeLedger('2025-Q4', []), other]).map((f) => f.key)).toEqual(['KJP-2019-001:2025-12-31']);
  });

  it('finds nothing without finance ledgers, and marks findings on sample data', () => {
    expect(run([])).toEqual([]);
    const sample = [contractLedger('2026', [jinping], { sample: true })];
    expect(run([financeLedger('2025-Q4', []), financeLedger('2026-Q3', [])], '2026-12-06', defaults, sample)[0]?.sample).toBe(true);
  });

  it('keys a contract without a number by its row', () => {
    const unnumbered = contractLedger('2026', [{ ...jinping, number: null }]);
    expect(run([financeLedger('2025-Q4', []), financeLedger('2026-Q3', [])], '2026-12-06', defaults, [unnumbered]).map((f) => f.key)).toEqual(['row4:2025-12-31']);
  });
});
