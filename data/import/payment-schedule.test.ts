import { describe, expect, it } from 'vitest';
import type { PaymentDue } from '../publication.ts';
import { paymentSchedule, type ScheduleRequest } from './payment-schedule.ts';

const request = (start: string, end: string, annualAmount: number, terms: string): ScheduleRequest => ({ start, end, annualAmount, terms });
const dues = (s: PaymentDue[]) => s.map((p) => p.due);
const total = (s: PaymentDue[]) => s.reduce((sum, p) => sum + p.amount, 0);

describe('payment schedule: yearly terms', () => {
  it('makes one instalment per contract year, due on the stated day of that year', () => {
    const { schedule, notes } = paymentSchedule(request('2019-01-01', '2033-12-31', 13_060_000, '按年缴纳，每年12月31日前'));
    expect(notes).toEqual([]);
    expect(schedule).toHaveLength(15);
    expect(schedule[0]).toEqual({ due: '2019-12-31', amount: 13_060_000, covers: { from: '2019-01-01', to: '2019-12-31' } });
    expect(schedule.at(-1)).toEqual({ due: '2033-12-31', amount: 13_060_000, covers: { from: '2033-01-01', to: '2033-12-31' } });
    expect(total(schedule)).toBe(15 * 13_060_000);
  });

  it('takes the first such day on or after the start of a contract year that begins mid-year', () => {
    const { schedule } = paymentSchedule(request('2020-03-01', '2030-02-28', 360_000, '按年缴纳，每年3月1日前'));
    expect(dues(schedule)).toEqual(['2020-03-01', '2021-03-01', '2022-03-01', '2023-03-01', '2024-03-01', '2025-03-01', '2026-03-01', '2027-03-01', '2028-03-01', '2029-03-01']);
    expect(schedule.at(-1)?.covers).toEqual({ from: '2029-03-01', to: '2030-02-28' });
    const later = paymentSchedule(request('2020-03-01', '2022-02-28', 360_000, '每年1月31日前缴清'));
    expect(dues(later.schedule)).toEqual(['2021-01-31', '2022-01-31']);
  });

  it('is due at the start of each contract year when no day is stated', () => {
    const { schedule } = paymentSchedule(request('2024-04-01', '2027-03-31', 120_000, '年付'));
    expect(dues(schedule)).toEqual(['2024-04-01', '2025-04-01', '2026-04-01']);
  });

  it('reads full-width digits and punctuation', () => {
    const { schedule } = paymentSchedule(request('2021-01-01', '2022-12-31', 255_000, '按年缴纳，每年１２月３１日前'));
    expect(dues(schedule)).toEqual(['2021-12-31', '2022-12-31']);
  });

  it('lists the full amount for a short last year and says so', () => {
    const { schedule, notes } = paymentSchedule(request('2019-01-01', '2020-06-30', 100_000, '按年缴纳'));
    expect(schedule.map((p) => [p.due, p.amount, p.covers?.to])).toEqual([
      ['2019-01-01', 100_000, '2019-12-31'],
      ['2020-01-01', 100_000, '2020-06-30'],
    ]);
    expect(notes.map((n) => n.code)).toEqual(['partial-final-period']);
  });
});

describe('payment schedule: half-yearly and quarterly terms', () => {
  it('makes two instalments a year at the stated amount, due on the listed days', () => {
    const { schedule, notes } = paymentSchedule(request('2022-07-01', '2027-06-30', 600_000, '半年缴纳，1月1日、7月1日前各3,000.00元'));
    expect(notes).toEqual([]);
    expect(schedule).toHaveLength(10);
    expect(dues(schedule).slice(0, 3)).toEqual(['2022-07-01', '2023-01-01', '2023-07-01']);
    expect(schedule.at(-1)).toEqual({ due: '2027-01-01', amount: 300_000, covers: { from: '2027-01-01', to: '2027-06-30' } });
    expect(schedule.every((p) => p.amount === 300_000)).toBe(true);
  });

  it('splits an odd annual amount so that each year sums exactly, the extra fen in the first half', () => {
    const { schedule } = paymentSchedule(request('2022-01-01', '2023-12-31', 100_001, '每半年缴纳一次'));
    expect(schedule.map((p) => p.amount)).toEqual([50_001, 50_000, 50_001, 50_000]);
  });

  it('puts the remainder of a quarterly split in the first quarter of each year', () => {
    const { schedule } = paymentSchedule(request('2022-01-01', '2022-12-31', 100_003, '按季度缴纳'));
    expect(schedule.map((p) => [p.due, p.amount])).toEqual([
      ['2022-01-01', 25_003],
      ['2022-04-01', 25_000],
      ['2022-07-01', 25_000],
      ['2022-10-01', 25_000],
    ]);
  });

  it('follows a stated amount that does not add up to the annual amount, with a note', () => {
    const { schedule, notes } = paymentSchedule(request('2022-07-01', '2023-06-30', 600_000, '半年缴纳，1月1日、7月1日前各3,100元'));
    expect(schedule.map((p) => p.amount)).toEqual([310_000, 310_000]);
    expect(notes.map((n) => n.code)).toEqual(['payment-terms-mismatch']);
    expect(notes[0]?.zh).toBe('缴费方式写明每半年缴纳 3,100.00 元，每年共 6,200.00 元，与年租金 6,000.00 元不符；应收计划按缴费方式写明的金额生成，请核对');
  });
});

describe('payment schedule: paid at once', () => {
  it('takes the first years at once, then yearly from the contract year after them', () => {
    const { schedule, notes } = paymentSchedule(request('2024-04-01', '2049-03-31', 120_000, '一次性缴纳前5年6,000.00元，此后按年'));
    expect(notes).toEqual([]);
    expect(schedule).toHaveLength(21);
    expect(schedule[0]).toEqual({ due: '2024-04-01', amount: 600_000, covers: { from: '2024-04-01', to: '2029-03-31' } });
    expect(schedule[1]).toEqual({ due: '2029-04-01', amount: 120_000, covers: { from: '2029-04-01', to: '2030-03-31' } });
    expect(schedule.at(-1)).toEqual({ due: '2048-04-01', amount: 120_000, covers: { from: '2048-04-01', to: '2049-03-31' } });
    expect(total(schedule)).toBe(25 * 120_000);
  });

  it('works out the first years from the annual amount when no amount is stated, and notes a stated one that differs', () => {
    expect(paymentSchedule(request('2024-04-01', '2049-03-31', 120_000, '一次性缴纳前5年，此后按年')).schedule[0]?.amount).toBe(600_000);
    const off = paymentSchedule(request('2024-04-01', '2049-03-31', 120_000, '一次性缴纳前5年5,000元，此后按年'));
    expect(off.schedule[0]?.amount).toBe(500_000);
    expect(off.notes.map((n) => n.code)).toEqual(['payment-terms-mismatch']);
  });

  it('takes the whole term at once when it is whole years, and refuses to guess when it is not', () => {
    const whole = paymentSchedule(request('2020-01-01', '2029-12-31', 50_000, '一次性付清'));
    expect(whole).toEqual({ schedule: [{ due: '2020-01-01', amount: 500_000, covers: { from: '2020-01-01', to: '2029-12-31' } }], notes: [] });
    const partial = paymentSchedule(request('2020-01-01', '2029-06-30', 50_000, '一次性缴纳'));
    expect(partial.schedule).toEqual([]);
    expect(partial.notes.map((n) => n.code)).toEqual(['term-not-whole-years']);
  });
});

describe('payment schedule: what it cannot read', () => {
  it('gives no schedule and the prescribed advice for words it does not understand', () => {
    const { schedule, notes } = paymentSchedule(request('2020-01-01', '2029-12-31', 50_000, '视经营情况协商'));
    expect(schedule).toEqual([]);
    expect(notes[0]?.code).toBe('payment-terms-unrecognised');
    expect(notes[0]?.zh).toBe(
      '无法识别缴费方式“视经营情况协商”，未生成应收计划，应收款核对将不覆盖这份合同。请写成“按年缴纳，每年12月31日前”或“半年缴纳，1月1日、7月1日前各3,000元”等',
    );
  });

  it('gives no schedule when the start, the end or the annual amount is missing', () => {
    const { schedule, notes } = paymentSchedule({ start: '2020-01-01', end: null, annualAmount: null, terms: '按年缴纳' });
    expect(schedule).toEqual([]);
    expect(notes).toEqual([expect.objectContaining({ code: 'schedule-incomplete', zh: '缺少终止日期、年租金，未生成应收计划，应收款核对将不覆盖这份合同。' })]);
  });

  it('refuses an impossible day and a term over a hundred years', () => {
    expect(paymentSchedule(request('2020-01-01', '2029-12-31', 50_000, '每年2月30日前')).notes[0]?.code).toBe('payment-terms-unrecognised');
    expect(paymentSchedule(request('2020-01-01', '2199-12-31', 50_000, '按年缴纳')).notes[0]?.code).toBe('term-too-long');
  });

  it('does not read a rate per 亩 as an instalment', () => {
    const { schedule, notes } = paymentSchedule(request('2020-01-01', '2020-12-31', 40_000, '按年缴纳，每亩400元'));
    expect(notes).toEqual([]);
    expect(schedule.map((p) => p.amount)).toEqual([40_000]);
  });
});
