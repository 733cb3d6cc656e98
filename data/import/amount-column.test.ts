import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';
import type { SubsidyContent } from '../publication.ts';
import type { ImportResult } from './import-result.ts';

function subsidy(result: ImportResult): SubsidyContent {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'subsidy') throw new Error('not subsidy');
  return result.content;
}

const TOTAL = 151_397; // 1,513.97 元: five households × 105.65 元/亩
const RATE = 10_565;

describe('the amount paid is never a guess', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    const bytes = async (name: string) => (format === 'csv' ? layoutFixture(name) : csvAsXlsx(layoutFixture(name)));

    it(`takes 实发 as the amount when 补贴金额（元/亩） names a rate (${format})`, async () => {
      const result = await importFixture(await bytes('subsidy-rate-in-amount-header.csv'), 'subsidy');
      const c = subsidy(result);
      expect(c.totals.amount).toBe(TOTAL);
      expect(c.rows.every((r) => r.rate === RATE)).toBe(true);
      expect(c.rows[0]).toMatchObject({ quantity: '3.70', rateText: '105.65', amount: 39_091 });
      if (!result.ok) return;
      expect(result.columns.map((r) => [r.column, r.field])).toEqual([
        ['A', 'seq'], ['B', 'name'], ['C', 'quantity'], ['D', 'rate'], ['E', 'amount'], ['F', 'remark'],
      ]);
      expect(result.columns.find((r) => r.column === 'D')?.note).toContain('不作为发放金额');
    });

    it(`lets quantity × rate pick the amount when the rate column is headed 补贴金额（元） (${format})`, async () => {
      const result = await importFixture(await bytes('subsidy-rate-column-named-as-amount.csv'), 'subsidy');
      const c = subsidy(result);
      expect(c.totals.amount).toBe(TOTAL);
      expect(c.rows.map((r) => r.amount)).toEqual([39_091, 11_516, 18_277, 17_644, 64_869]);
      expect(c.rows.every((r) => r.rateText === '105.65')).toBe(true);
      if (!result.ok) return;
      const read = Object.fromEntries(result.columns.map((r) => [r.column, r.field]));
      expect(read).toMatchObject({ D: 'rate', E: 'amount' });
    });

    it(`refuses two columns either of which could be the amount, naming both (${format})`, async () => {
      const result = await importFixture(await bytes('subsidy-amount-in-doubt.csv'), 'subsidy');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual([expect.objectContaining({ code: 'amount-ambiguous', row: 2, field: 'amount' })]);
      expect(result.errors[0]!.message).toContain('C列“补贴金额（元）”');
      expect(result.errors[0]!.message).toContain('D列“到户金额（元）”');
      // the dry run still says how the other columns were read
      expect(result.columns.map((r) => r.column)).toEqual(expect.arrayContaining(['B']));
    });
  }

  it('never publishes a per-unit column as the amount, even when it is the only money column', async () => {
    const csv = '样板村2026年耕地地力保护补贴发放花名册\n序号,户主姓名,面积（亩）,补贴金额（元/亩）\n1,李小平,3.70,105.65\n';
    const result = await importFixture(new TextEncoder().encode(csv), 'subsidy');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'missing-column', field: 'amount' });
    expect(result.errors[0]!.message).toContain('D列“补贴金额（元/亩）”是每单位的标准');
  });

  it('keeps 应发金额 as a column of its own when 实发金额 is taken as the amount', async () => {
    const csv = '样板村2026年耕地地力保护补贴发放花名册\n序号,户主姓名,应发金额（元）,实发金额（元）\n1,李小平,400.00,390.91\n2,欧翠英,120.00,115.16\n';
    const c = subsidy(await importFixture(new TextEncoder().encode(csv), 'subsidy'));
    expect(c.totals.amount).toBe(50_607);
    expect(c.extraColumns).toEqual(['应发金额（元）']);
    expect(c.rows.map((r) => r.extra)).toEqual([['400.00'], ['120.00']]);
  });
});

describe('quantity × rate within the tolerance', () => {
  const csv = (amount: string) =>
    new TextEncoder().encode(`样板村2026年耕地地力保护补贴发放花名册\n序号,户主姓名,面积（亩）,补贴标准（元/亩）,补贴金额（元）\n1,李小平,3.70,105.65,${amount}\n2,欧翠英,1.09,105.65,115.16\n`);

  it('publishes an amount a few fen off with a warning naming the row', async () => {
    const result = await importFixture(csv('390.94'), 'subsidy', { amountToleranceFen: 5 });
    const c = subsidy(result);
    expect(c.rows[0]!.amount).toBe(39_094);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'amount-near-product', row: 3, column: 'E' })]);
    expect(result.warnings[0]!.message).toContain('相差 0.03 元');
  });

  it('refuses an amount past the tolerance, and any difference when the tolerance is 0', async () => {
    const past = await importFixture(csv('390.97'), 'subsidy', { amountToleranceFen: 5 });
    expect(past.ok ? [] : past.errors.map((e) => [e.code, e.row])).toEqual([['amount-mismatch', 3]]);
    const strict = await importFixture(csv('390.92'), 'subsidy');
    expect(strict.ok ? [] : strict.errors.map((e) => [e.code, e.row])).toEqual([['amount-mismatch', 3]]);
  });
});
