import { describe, expect, it } from 'vitest';
import { dateFromParts, parseDate } from './dates.ts';

const date = (value: unknown, context?: { year?: number }): string => {
  const r = parseDate(value, context);
  return r.kind === 'ok' ? r.date : r.kind;
};

describe('parseDate', () => {
  it('reads full dates in the forms officials write them', () => {
    expect(date('2026-07-03')).toBe('2026-07-03');
    expect(date('2026/7/8')).toBe('2026-07-08');
    expect(date('2026.7.8')).toBe('2026-07-08');
    expect(date('2026年7月20日')).toBe('2026-07-20');
    expect(date('2026年07月20号')).toBe('2026-07-20');
    expect(date('2026 年 7 月 20 日')).toBe('2026-07-20');
    expect(date('20260703')).toBe('2026-07-03');
    expect(date('  2026-07-03 ')).toBe('2026-07-03');
    expect(date('２０２６年７月２０日')).toBe('2026-07-20');
    expect(date('2026-07-03 00:00:00')).toBe('2026-07-03');
  });

  it('reads month-and-day dates with the year from context', () => {
    expect(date('7月20日', { year: 2026 })).toBe('2026-07-20');
    expect(date('7/20', { year: 2026 })).toBe('2026-07-20');
    expect(date('07-20', { year: 2026 })).toBe('2026-07-20');
  });

  it('says the year is missing when a month-and-day date has no context year', () => {
    const r = parseDate('7月20日');
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') {
      expect(r.reason).toContain('缺少年份');
      expect(r.reasonEn).toContain('no year');
    }
  });

  it('says the day is missing for a year and month only', () => {
    const r = parseDate('2026年7月');
    expect(r.kind === 'invalid' && r.reasonEn).toContain('no day');
  });

  it('reads exceljs date cells by their UTC fields', () => {
    expect(date(new Date(Date.UTC(2026, 6, 3)))).toBe('2026-07-03');
    expect(date(new Date(Date.UTC(2026, 0, 1, 23, 59)))).toBe('2026-01-01');
    expect(date(new Date(Number.NaN))).toBe('invalid');
  });

  it('reads numbers as Excel 1900-system serials', () => {
    expect(date(45658)).toBe('2025-01-01');
    expect(date(45658.75)).toBe('2025-01-01');
    expect(date(46206)).toBe('2026-07-03');
    expect(date(20000)).toBe('1954-10-03');
    expect(date(80000)).toBe('2119-01-11');
    expect(date(19999)).toBe('invalid');
    expect(date(80001)).toBe('invalid');
    expect(date(20260703)).toBe('invalid');
  });

  it('does not read a numeric-looking string as a serial', () => {
    expect(date('45658')).toBe('invalid');
  });

  it('treats blanks and dash marks as empty', () => {
    for (const v of ['', '  ', '-', '/', '—', null, undefined]) expect(date(v)).toBe('empty');
  });

  it('rejects garbage and impossible dates with reasons in both languages', () => {
    for (const v of ['2026-02-30', '2026-13-01', '2026年2月29日', '明天', '1026-07-03', true]) {
      const r = parseDate(v);
      expect(r.kind, String(v)).toBe('invalid');
      if (r.kind === 'invalid') {
        expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
        expect(r.reasonEn).toMatch(/[a-z]/);
      }
    }
  });
});

describe('dateFromParts', () => {
  it('rejects 2026-02-30 and accepts leap days', () => {
    expect(dateFromParts(2026, 2, 30).kind).toBe('invalid');
    expect(dateFromParts(2028, 2, 29)).toEqual({ kind: 'ok', date: '2028-02-29' });
    expect(dateFromParts(2100, 2, 29).kind).toBe('invalid');
    expect(dateFromParts(2000, 2, 29).kind).toBe('ok');
    expect(dateFromParts(2026, 4, 31).kind).toBe('invalid');
    expect(dateFromParts(2026, 7, 0).kind).toBe('invalid');
    expect(dateFromParts(2026, 7.5, 1).kind).toBe('invalid');
  });
});
