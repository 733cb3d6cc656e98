import { describe, expect, it } from 'vitest';
import type { ContractItem } from '../publication.ts';
import { contractTotals } from './contract-item.ts';
import { checkContractTotal, statedCount } from './contract-totals.ts';
import { IssueLog } from './issues.ts';

const item = (area: string | null, areaUnit: string | null, annualAmount: number | null): ContractItem => ({
  row: 1, number: null, counterparty: '李某', partyKind: null, creditCode: null, idNumber: null, subject: '耕地', subjectClass: 'arable',
  location: null, area, areaUnit, start: null, end: null, annualAmount, paymentTerms: null, schedule: [], performance: null, remark: null,
});

describe('contract totals', () => {
  it('reads a count only from a cell that is one', () => {
    expect(statedCount(['合计（6份）'])).toBe(6);
    expect(statedCount(['合计', '共12宗'])).toBe(12);
    expect(statedCount(['合计', '涉及3个村民小组'])).toBeNull();
  });

  it('sums areas in one unit and leaves the total area out when units differ', () => {
    expect(contractTotals([item('326.5', '亩', 100), item('0.80', '亩', null)])).toEqual({ count: 2, area: '327.30', annualAmount: 100 });
    expect(contractTotals([item('326.5', '亩', 100), item('120', '平方米', 50)])).toEqual({ count: 2, area: null, annualAmount: 150 });
  });

  it('does not check an area total across units, but still checks the amount', () => {
    const log = new IssueLog();
    const items = [item('326.5', '亩', 100), item('120', '平方米', 50)];
    checkContractTotal({ row: 9, text: '合计', column: undefined }, { count: null, area: '1', annualAmount: 151 }, items, { area: undefined, annualAmount: undefined }, { zh: '表中', en: 'the table' }, log);
    expect(log.errors.map((e) => [e.code, e.row, e.field, e.message])).toEqual([['total-mismatch', 9, 'annualAmount', '第9行：“合计”年租金为 1.51 元，但表中各合同年租金合计为 1.50 元']]);
  });
});
