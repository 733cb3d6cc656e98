import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';
import type { FinanceContent } from '../publication.ts';
import type { ImportResult } from './import-result.ts';

function ledger(result: ImportResult): FinanceContent {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'finance') throw new Error('not finance');
  return result.content;
}

const text = (name: string) => new TextDecoder().decode(layoutFixture(name));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('ledgers with one 金额 column and a 收/支 column', () => {
  const FIXTURE = 'finance-amount-direction.csv';

  for (const format of ['csv', 'xlsx'] as const) {
    it(`puts each amount on its side, dates 7.3 in the title's year, a blank date the one above, and checks 本月合计 of each side (${format})`, async () => {
      const file = format === 'csv' ? layoutFixture(FIXTURE) : await csvAsXlsx(layoutFixture(FIXTURE));
      const result = await importFixture(file, 'finance');
      const c = ledger(result);
      expect(c.entries.map((e) => [e.date, e.summary, e.income, e.expense])).toEqual([
        ['2026-07-03', '收到土地流转费', 500_000, 0],
        ['2026-07-03', '支付村部电费', 0, 32_050],
        ['2026-07-15', '支付保洁员工资', 0, 180_000],
        ['2026-07-28', '收到上级转移支付', 2_000_000, 0],
      ]);
      expect(c.totals).toEqual({ income: 2_500_000, expense: 212_050, closingBalance: 3_487_950 });
      expect(c.openingBalance).toBe(1_200_000);
      if (!result.ok) return;
      const read = Object.fromEntries(result.columns.map((r) => [r.header, r.readAs]));
      expect(read).toMatchObject({ 收支: '收支', 金额: '金额' });
      expect(result.columns.find((r) => r.header === '收支')?.note).toContain('收、借记为收入');
    });
  }

  it('refuses an entry whose 收支 cell says neither, naming the cell', async () => {
    const result = await importFixture(bytes(text(FIXTURE).replace('记3,支付保洁员工资,管理费用,支', '记3,支付保洁员工资,管理费用,付款')), 'finance');
    // first, and then what follows from an entry on neither side (the balance and 本月合计 under it)
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row, e.column])[0]).toEqual(['direction-invalid', 7, 'E']);
  });

  it('refuses a ledger with one 金额 column and nothing saying which side, instead of guessing', async () => {
    const csv = '样板村2026年7月财务收支明细\n日期,摘要,金额\n2026-07-03,收到土地流转费,5000.00\n';
    const result = await importFixture(bytes(csv), 'finance');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.column])).toEqual([['direction-missing', 'C']]);
  });

  it('keeps a 金额 column beside 收入 and 支出 as a column of its own, not as the amount', async () => {
    const csv = '样板村2026年7月财务收支明细\n日期,摘要,收入,支出,金额\n2026-07-03,收到土地流转费,5000.00,,5000.00\n';
    const c = ledger(await importFixture(bytes(csv), 'finance'));
    expect(c.totals.income).toBe(500_000);
    expect(c.extraColumns).toEqual(['金额']);
  });
});

describe('借方 / 贷方 journals with 科目 subtotals, 本月合计 and 本年累计', () => {
  const FIXTURE = 'finance-jiedai-subtotals.csv';

  for (const format of ['csv', 'xlsx'] as const) {
    it(`checks each 科目 subtotal, the month across them and the year to date; 借或贷 is kept as written (${format})`, async () => {
      const file = format === 'csv' ? layoutFixture(FIXTURE) : await csvAsXlsx(layoutFixture(FIXTURE));
      const c = ledger(await importFixture(file, 'finance'));
      expect(c.entries.map((e) => [e.date, e.income, e.expense])).toEqual([
        ['2026-01-05', 240_000, 0],
        ['2026-01-09', 0, 18_000],
        ['2026-01-09', 0, 9_640],
      ]);
      expect(c.totals).toEqual({ income: 240_000, expense: 27_640, closingBalance: 512_360 });
      expect(c.balanceKind).toBe('cash');
      expect(c.extraColumns).toEqual(['借或贷']);
    });
  }

  it('names the 科目 subtotal that does not add up', async () => {
    const result = await importFixture(bytes(text(FIXTURE).replace(',,,管理费用小计,,,276.40,,', ',,,管理费用小计,,,276.50,,')), 'finance');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row, e.column])).toEqual([['total-mismatch', 8, 'G']]);
  });

  it('names a 本年累计 that does not add up', async () => {
    const result = await importFixture(bytes(text(FIXTURE).replace(',,,本年累计,,"2,400.00"', ',,,本年累计,,"2,500.00"')), 'finance');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row, e.column])).toEqual([['total-mismatch', 10, 'F']]);
  });
});
