import { describe, expect, it } from 'vitest';
import type { FinanceContent, FinanceEntry, StatementContent } from './publication.ts';
import { versionDiff } from './version-diff.ts';

const entry = (row: number, voucher: string, summary: string, expense: number): FinanceEntry => ({ row, date: '2026-07-03', voucher, summary, account: '管理费用', income: 0, expense, balance: null, remark: null });
const ledger = (entries: FinanceEntry[], title = '样板村2026年第三季度财务收支明细'): FinanceContent => ({
  kind: 'finance', title, period: '2026-Q3', openingBalance: null, entries,
  totals: { income: 0, expense: entries.reduce((s, e) => s + e.expense, 0), closingBalance: null }, notes: [],
});

describe('what changed between two versions', () => {
  it('matches rows by what they hold, not by their row number', () => {
    const before = ledger([entry(3, '记1', '电费', 32_050), entry(4, '记2', '水费', 10_000)]);
    // a row inserted at the top moves the others down: they are unchanged
    const after = ledger([entry(3, '记0', '保洁员工资', 180_000), entry(4, '记1', '电费', 32_050), entry(5, '记2', '水费', 10_000)]);
    const diff = versionDiff(before, after)!;
    expect(diff).toMatchObject({ unchanged: 2, removed: [], changed: [], added: [{ row: 3, text: '2026-07-03 记0 保洁员工资' }] });
    expect(diff.totals).toEqual([{ field: 'expense', label: '支出合计', before: '420.50 元', after: '2,220.50 元' }]);
  });

  it('calls a row with the same voucher and other figures changed, naming the fields, and tells removed rows', () => {
    const before = ledger([entry(3, '记1', '电费', 32_050), entry(4, '记2', '水费', 10_000)]);
    const after = ledger([entry(3, '记1', '电费（含路灯）', 32_050)], '样板村2026年第三季度财务收支明细（更正）');
    const diff = versionDiff(before, after)!;
    expect(diff.changed).toEqual([{ before: { row: 3, text: '2026-07-03 记1 电费' }, after: { row: 3, text: '2026-07-03 记1 电费（含路灯）' }, fields: ['摘要'] }]);
    expect(diff.removed).toEqual([{ row: 4, text: '2026-07-03 记2 水费' }]);
    expect(diff.title).toEqual({ before: '样板村2026年第三季度财务收支明细', after: '样板村2026年第三季度财务收支明细（更正）' });
  });

  it('finds nothing between a version and itself', () => {
    const same = ledger([entry(3, '记1', '电费', 32_050)]);
    expect(versionDiff(same, same)).toEqual({ added: [], removed: [], changed: [], unchanged: 1, totals: [], title: null });
  });
});

describe('what changed between two versions of a statement', () => {
  const statement = (management: number): StatementContent => ({
    kind: 'statement', title: '样板村2025年度收支对照表', statement: 'income-expense', period: '2025', unit: '元', notes: [],
    sides: [
      { heading: '收入项目', lines: [{ row: 4, item: '经营收入', line: '1', amount: 12_000_00, total: false }, { row: 5, item: '收入合计', line: '5', amount: 12_000_00, total: true }] },
      { heading: '支出项目', lines: [{ row: 4, item: '管理费用', line: '11', amount: management, total: false }, { row: 5, item: '支出合计', line: '13', amount: management, total: true }] },
    ],
  });

  it('knows a line by its side and item: a corrected amount is that line and its 合计 changed, nothing else', () => {
    const diff = versionDiff(statement(20_000_00), statement(19_000_00))!;
    expect(diff.changed.map((c) => [c.before.text, c.fields])).toEqual([['11 管理费用', ['金额']], ['13 支出合计', ['金额']]]);
    expect(diff).toMatchObject({ added: [], removed: [], unchanged: 2, totals: [] });
  });
});
