import { describe, expect, it } from 'vitest';
import { mapColumns, matchHeader, noteUnit, splitHeader } from './header-map.ts';

describe('header matching', () => {
  it.each([
    ['finance', '收入金额（元）', 'income'],
    ['finance', '收入(元)', 'income'],
    ['finance', '贷方金额', 'expense'],
    ['finance', '凭证\n字号', 'voucher'],
    ['finance', ' 摘 要 ', 'summary'],
    ['subsidy', '户主姓名', 'name'],
    ['subsidy', '补贴面积（亩）', 'quantity'],
    ['subsidy', '补贴标准［元/亩］', 'rate'],
    ['subsidy', '身份证号码', 'idNumber'],
    ['subsidy', '户主身份证号', 'idNumber'],
    ['project', '预算金额（万元）', 'budget'],
    ['project', '计划完工日期', 'plannedCompletion'],
    ['project', '实际完工日期', 'actualCompletion'],
    ['finance', '收（付）款单位', 'counterparty'],
    ['finance', '对方户名', 'counterparty'],
    ['contract', '承包（租赁）方', 'counterparty'],
    ['contract', '承包方名称', 'counterparty'],
    ['contract', '身份证号/统一社会信用代码', 'partyId'],
    ['contract', '承包方身份证号', 'partyId'],
    ['contract', '起止日期', 'term'],
    ['contract', '承包期限（年）', 'term'],
    ['contract', '缴费期限', 'paymentTerms'],
    ['contract', '年租金（元）', 'annualAmount'],
    ['contract', '应收租金', 'receivable'],
    ['contract', '已收租金（元）', 'received'],
    ['contract', '序号', 'seq'],
  ] as const)('%s: %s → %s', (kind, header, field) => {
    expect(matchHeader(kind, header)?.field).toBe(field);
  });

  it('does not read data text as a header', () => {
    expect(matchHeader('subsidy', '社保卡（惠农一卡通）')).toBeNull();
    expect(matchHeader('finance', '收到土地流转租金（唐某，66.98亩）')).toBeNull();
  });

  it('reads units from headers and notes', () => {
    expect(splitHeader('补贴标准（元/亩）')).toEqual({ base: '补贴标准', unit: 'yuan', per: '亩', measure: null });
    expect(splitHeader('补贴面积（亩）')).toMatchObject({ base: '补贴面积', measure: '亩' });
    expect(splitHeader('预算金额万元')).toMatchObject({ base: '预算金额', unit: 'wan' });
    expect(noteUnit('单位：万元')).toBe('wan');
    expect(noteUnit('金额单位:元')).toBe('yuan');
    expect(noteUnit('公开单位：马头溪村村民委员会')).toBeNull();
  });

  it('reads the units of a contract ledger header', () => {
    const columns = mapColumns('contract', [['面积（亩）', '建筑面积（㎡）', '年租金（万元）', '年承包费']], 'yuan');
    expect(columns.area).toMatchObject({ letter: 'A', measure: '亩' });
    expect(columns.annualAmount).toMatchObject({ letter: 'C', unit: 'wan' });
    expect(mapColumns('contract', [['面积（平方米）']], null).area?.measure).toBe('平方米');
    expect(mapColumns('contract', [['建筑面积（㎡）']], null).area?.measure).toBe('m2');
  });

  it('maps a two-row header and prefers 实发金额 over 应发金额', () => {
    const columns = mapColumns('subsidy', [['姓名', '金额（元）', '金额（元）'], ['', '应发金额', '实发金额']], null);
    expect(columns.amount).toMatchObject({ letter: 'C', unit: 'yuan' });
    const finance = mapColumns('finance', [['日期', '日期', '摘要', '金额（元）', '金额（元）'], ['月', '日', '', '收入', '支出']], 'wan');
    expect(Object.fromEntries(Object.values(finance).map((c) => [c?.field, [c?.letter, c?.unit]]))).toEqual({
      month: ['A', 'wan'],
      day: ['B', 'wan'],
      summary: ['C', 'wan'],
      income: ['D', 'yuan'],
      expense: ['E', 'yuan'],
    });
  });
});
