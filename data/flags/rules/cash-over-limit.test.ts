import { describe, expect, it } from 'vitest';
import type { FinanceEntry } from '../../publication.ts';
import { cashOverLimit } from './cash-over-limit.ts';
import { entry, financeLedger, ruleInput } from './test-builders.ts';

const defaults = cashOverLimit.settings.parse({});

function run(entries: FinanceEntry[], options: { openingBalance?: number | null; balanceKind?: 'cash' | 'bank' } = { balanceKind: 'cash' }, settings = defaults) {
  return cashOverLimit.run(ruleInput({ publications: [financeLedger('2026-Q3', entries, { openingBalance: 100_000, ...options })] }), settings);
}

describe('cash-over-limit', () => {
  it('accepts a balance of exactly the limit and flags one fen more, counting the days it stays there', () => {
    expect(run([entry(4, '2026-09-29', '收到现金', { income: 400_000 })])).toEqual([]);
    expect(run([entry(4, '2026-09-29', '收到现金', { income: 400_001 })])).toEqual([
      {
        rule: 'cash-over-limit',
        village: '430821212212',
        key: '2026-Q3:cash',
        title: '2026年第三季度现金日记账：库存现金最多时为5,000.01元（2026-09-29），超过限额5,000.00元，共2天超过',
        detail:
          '按2026年第三季度现金日记账每天最后一笔后的余额计算（当天没有记账的沿用前一天的余额），库存现金有2天超过限额5,000.00元，最多的一天是2026-09-29，余额5,000.01元，超出0.01元。请说明现金为什么没有及时存入银行。',
        amount: 1,
        evidence: [{ publicationId: 'finance-2026-Q3', village: '430821212212', kind: 'finance', row: 4, label: '2026年第三季度财务收支第4行' }],
        sample: false,
      },
    ]);
  });

  it('looks at the end of the day, not at a moment within it', () => {
    const entries = [entry(4, '2026-08-01', '收到现金', { income: 900_000 }), entry(5, '2026-08-01', '存入银行', { expense: 900_000 })];
    expect(run(entries)).toEqual([]);
  });

  it('takes the balance the ledger states when it gives one, and reports the worst day', () => {
    const entries = [
      entry(4, '2026-08-01', '收到现金', { income: 1, balance: 700_000 }),
      entry(5, '2026-08-03', '收到现金', { income: 1, balance: 900_000 }),
      entry(6, '2026-08-04', '存入银行', { expense: 1, balance: 100_000 }),
    ];
    const [finding] = run(entries);
    expect(finding?.title).toBe('2026年第三季度现金日记账：库存现金最多时为9,000.00元（2026-08-03），超过限额5,000.00元，共3天超过');
    expect(finding?.evidence[0]?.row).toBe(5);
  });

  it('checks cash ledgers only', () => {
    const over = [entry(4, '2026-09-29', '收到现金', { income: 900_000 })];
    expect(run(over, { balanceKind: 'bank' })).toEqual([]);
    expect(run(over, {})).toEqual([]);
  });

  it('points at the opening balance when the period starts over the limit', () => {
    const [finding] = run([], { balanceKind: 'cash', openingBalance: 600_000 });
    expect(finding?.title).toBe('2026年第三季度现金日记账：库存现金最多时为6,000.00元（2026-07-01），超过限额5,000.00元，共92天超过');
    expect(finding?.evidence).toEqual([{ publicationId: 'finance-2026-Q3', village: '430821212212', kind: 'finance', row: null, label: '2026年第三季度现金日记账期初余额' }]);
  });

  it("uses a county's own limit", () => {
    const settings = cashOverLimit.settings.parse({ limit: 1_000_000 });
    expect(run([entry(4, '2026-09-29', '收到现金', { income: 900_000 })], { balanceKind: 'cash' }, settings)).toEqual([]);
  });
});
