import { describe, expect, it } from 'vitest';
import { asOfDate, contractPeriod } from './contract-period.ts';
import { IssueLog } from './issues.ts';

describe('contract ledger period', () => {
  it('finds the 截至 date however it is written', () => {
    expect(asOfDate(['某村合同台账', '单位：元  截至2026年11月30日'])).toBe('2026-11-30');
    expect(asOfDate(['合同台账（截止日期：2026-06-30）'])).toBe('2026-06-30');
    expect(asOfDate(['截至 ２０２６．１２．３１'])).toBe('2026-12-31');
    expect(asOfDate(['2026年合同台账', null])).toBeNull();
  });

  it('takes the 截至 year over the title, and holds a stated period to it', () => {
    const log = new IssueLog();
    expect(contractPeriod({ asOf: '2026-01-31', requested: undefined, title: '2025年度合同台账' }, log)).toBe('2026');
    expect(log.errors).toEqual([]);
    expect(contractPeriod({ asOf: '2026-01-31', requested: '2025', title: null }, log)).toBe('2026');
    expect(log.errors.map((e) => [e.code, e.message])).toEqual([['period-mismatch', '上传时填写的期间是 2025，但台账截至 2026-01-31。请核对后重新上传。']]);
  });

  it('holds the title to a stated period when there is no 截至 date', () => {
    const log = new IssueLog();
    expect(contractPeriod({ asOf: null, requested: '2025', title: '2024年合同台账' }, log)).toBe('2025');
    expect(log.errors.map((e) => e.code)).toEqual(['period-mismatch']);
  });
});
