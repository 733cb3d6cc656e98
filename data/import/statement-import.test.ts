import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';
import type { StatementContent } from '../publication.ts';

/** 收支对照表 and 收益分配统计表, side by side, read into one list per side (statement-import.ts). */

const text = (name: string) => new TextDecoder().decode(layoutFixture(name));
const bytes = (csv: string) => new TextEncoder().encode(csv);

async function statement(file: Uint8Array): Promise<StatementContent> {
  const result = await importFixture(file, 'statement');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  if (result.content.kind !== 'statement') throw new Error(result.content.kind);
  return result.content;
}

async function refusal(file: Uint8Array): Promise<Array<[string, number | null, string | null]>> {
  const result = await importFixture(file, 'statement');
  return result.ok ? [] : result.errors.map((e) => [e.code, e.row, e.column]);
}

const amounts = (c: StatementContent) => c.sides.map((s) => s.lines.map((l) => [l.item, l.amount, l.total]));

describe('a 收支对照表', () => {
  it('reads each side into its own list with its 合计 checked, the same from CSV and XLSX', async () => {
    const csv = await statement(layoutFixture('finance-side-by-side-statement.csv'));
    const xlsx = await statement(await csvAsXlsx(layoutFixture('finance-side-by-side-statement.csv')));
    expect(xlsx).toEqual(csv);
    expect(csv).toMatchObject({ title: '样板村2025年度收支对照表', statement: 'income-expense', period: '2025', unit: '元' });
    expect(csv.sides.map((s) => s.heading)).toEqual(['收入项目', '支出项目']);
    expect(amounts(csv)).toEqual([
      [['经营收入', 12_000_00, false], ['发包及上交收入', 50_000_00, false], ['补助收入', 80_000_00, false], ['其他收入', 2_000_00, false], ['收入合计', 144_000_00, true]],
      [['经营支出', 3_000_00, false], ['管理费用', 20_000_00, false], ['其他支出', 1_000_00, false], ['支出合计', 24_000_00, true]],
    ]);
    expect(csv.sides[1]!.lines.map((l) => [l.row, l.line])).toEqual([[4, '10'], [5, '11'], [6, '12'], [8, '13']]);
  });

  it('refuses a 合计 that is not the sum of the lines above it, naming its row and column', async () => {
    const wrong = text('finance-side-by-side-statement.csv').replace('支出合计,13,"24,000.00"', '支出合计,13,"24,000.01"');
    expect(await refusal(bytes(wrong))).toEqual([['statement-total-mismatch', 8, 'F']]);
  });

  it('adds no 其中 line to its side’s total: it is part of the line above', async () => {
    const detailed = text('finance-side-by-side-statement.csv').replace('补助收入,3,"80,000.00",其他支出,12,"1,000.00"', '补助收入,3,"80,000.00",其他支出,12,"1,000.00"\n其中：上级补助,3-1,"60,000.00",,,');
    const c = await statement(bytes(detailed));
    expect(c.sides[0]!.lines.map((l) => l.item)).toContain('其中：上级补助');
    expect(c.sides[0]!.lines.at(-1)).toMatchObject({ item: '收入合计', amount: 144_000_00 });
  });

  it('refuses a statement whose unit nothing states: 元 and 万元 differ ten thousand times', async () => {
    const unstated = text('finance-side-by-side-statement.csv').replace('单位：元\n', '\n');
    expect(await refusal(bytes(unstated))).toEqual([['unit-missing', 3, 'C']]);
  });

  it('masks a phone number written into an item before publishing it', async () => {
    const phone = text('finance-side-by-side-statement.csv').replace('其他收入,4', '其他收入（经办人13812345678）,4');
    const c = await statement(bytes(phone));
    expect(JSON.stringify(c)).not.toContain('13812345678');
    expect(c.sides[0]!.lines[3]!.item).toBe('其他收入（经办人138****5678）');
  });


  it('refuses a personal number typed into an amount cell instead of publishing it as an amount', async () => {
    const phone = text('finance-side-by-side-statement.csv').replace('其他收入,4,"2,000.00"', '其他收入,4,13812345678');
    const errors = await refusal(bytes(phone));
    expect(errors).toContainEqual(['personal-number-in-number', 7, 'C']);
    const result = await importFixture(bytes(phone), 'statement');
    expect(JSON.stringify(result)).not.toContain('13812345678');
  });
});

describe('a 收益及收益分配统计表 in 万元', () => {
  it('reads amounts in 万元 into fen, and checks the distribution against what there was to distribute', async () => {
    const c = await statement(layoutFixture('finance-profit-distribution.csv'));
    expect(c).toMatchObject({ statement: 'distribution', unit: '万元', period: '2025' });
    expect(c.sides.map((s) => s.heading)).toEqual(['收益项目', '分配项目']);
    expect(amounts(c)).toEqual([
      [['本年收益', 120_000_00, false], ['年初未分配收益', 15_000_00, false], ['其他转入', 0, false], ['可分配收益合计', 135_000_00, true]],
      [['提取公积公益金', 30_000_00, false], ['提取应付福利费', 10_000_00, false], ['农户分配', 60_000_00, false], ['年末未分配收益', 35_000_00, false]],
    ]);
  });

  it('refuses a distribution that does not add up to the distributable total, naming that total', async () => {
    const wrong = text('finance-profit-distribution.csv').replace('农户分配,10,6.00', '农户分配,10,6.50');
    expect(await refusal(bytes(wrong))).toEqual([['statement-total-mismatch', 7, 'C']]);
  });
});

describe('uploaded as another kind', () => {
  it('is still refused as a ledger, and the message names the kind that takes it', async () => {
    const result = await importFixture(layoutFixture('finance-side-by-side-statement.csv'), 'finance');
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['side-by-side-statement']);
    expect(result.ok ? '' : result.errors[0]!.message).toContain('财务报表');
  });

  it('refuses a ledger uploaded as a statement, saying what a statement’s header holds', async () => {
    expect((await refusal(layoutFixture('finance-amount-direction.csv'))).map(([code]) => code)).toEqual(['statement-header-missing']);
  });
});
