import { describe, expect, it } from 'vitest';
import { endAfterYears, parseTerm } from './contract-term.ts';

describe('contract term', () => {
  it.each([
    ['2019.01.01-2033.12.31', '2019-01-01', '2033-12-31'],
    ['2019年1月1日至2033年12月31日', '2019-01-01', '2033-12-31'],
    ['2019-01-01—2033-12-31', '2019-01-01', '2033-12-31'],
    ['2019/1/1 ~ 2033/12/31', '2019-01-01', '2033-12-31'],
    ['２０１９．０１．０１－２０３３．１２．３１', '2019-01-01', '2033-12-31'],
    ['20190101-20331231', '2019-01-01', '2033-12-31'],
  ])('splits %s', (cell, start, end) => {
    expect(parseTerm(cell)).toEqual({ kind: 'range', start, end });
  });

  it('reads a number of years, written or as a number', () => {
    expect(parseTerm('15年')).toEqual({ kind: 'years', years: 15 });
    expect(parseTerm(15)).toEqual({ kind: 'years', years: 15 });
    expect(parseTerm('')).toEqual({ kind: 'empty' });
  });

  it('refuses what it cannot read, and an impossible date', () => {
    expect(parseTerm('长期').kind).toBe('invalid');
    expect(parseTerm('2019.01.01-2033.02.30')).toMatchObject({ kind: 'invalid', reason: '日期 2033-2-30 不存在（2月没有30日）' });
    expect(parseTerm(43466).kind).toBe('invalid');
  });

  it('ends a term of whole years the day before its anniversary', () => {
    expect(endAfterYears('2019-01-01', 15)).toBe('2033-12-31');
    expect(endAfterYears('2020-03-01', 10)).toBe('2030-02-28');
    expect(endAfterYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
