import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentSchedule } from './payment-schedule.ts';

/**
 * Properties of every schedule read from the common phrases, over random whole-year terms and
 * amounts: the instalments add up to the fen to what the term owes, fall in order inside it, and
 * cover it without a gap. (payment-schedule.test.ts pins the field sample's exact schedules.)
 */

const day = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const term = fc.record({
  year: fc.integer({ min: 2000, max: 2040 }),
  month: fc.integer({ min: 1, max: 12 }),
  startDay: fc.integer({ min: 1, max: 28 }),
  years: fc.integer({ min: 1, max: 30 }),
  annual: fc.integer({ min: 1, max: 50_000_000 }),
  dueMonth: fc.integer({ min: 1, max: 12 }),
  dueDay: fc.integer({ min: 1, max: 28 }),
});

function range({ year, month, startDay, years }: { year: number; month: number; startDay: number; years: number }) {
  const start = `${year}-${String(month).padStart(2, '0')}-${String(startDay).padStart(2, '0')}`;
  const end = day(`${year + years}-${String(month).padStart(2, '0')}-${String(startDay).padStart(2, '0')}`, -1);
  return { start, end };
}

describe('payment schedules, for any whole-year term', () => {
  it('按年缴纳，每年M月D日前: one instalment a year, the term’s amount to the fen, in order, covering the term', () => {
    fc.assert(
      fc.property(term, (t) => {
        const { start, end } = range(t);
        const { schedule, notes } = paymentSchedule({ start, end, annualAmount: t.annual, terms: `按年缴纳，每年${t.dueMonth}月${t.dueDay}日前` });
        expect(notes).toEqual([]);
        expect(schedule).toHaveLength(t.years);
        expect(schedule.reduce((s, d) => s + d.amount, 0)).toBe(t.annual * t.years);
        expect(schedule[0]?.covers?.from).toBe(start);
        expect(schedule.at(-1)?.covers?.to).toBe(end);
        schedule.forEach((d, i) => {
          expect(d.due >= (d.covers?.from ?? '')).toBe(true);
          if (i > 0) {
            expect(d.due > schedule[i - 1]!.due).toBe(true);
            expect(d.covers?.from).toBe(day(schedule[i - 1]!.covers!.to, 1));
          }
        });
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('半年缴纳 and 按季缴纳: the year’s amount split without losing or making a fen', () => {
    fc.assert(
      fc.property(term, fc.constantFrom('半年缴纳', '按季缴纳'), (t, words) => {
        const { start, end } = range(t);
        const { schedule } = paymentSchedule({ start, end, annualAmount: t.annual, terms: words });
        expect(schedule).toHaveLength(t.years * (words === '半年缴纳' ? 2 : 4));
        expect(schedule.reduce((s, d) => s + d.amount, 0)).toBe(t.annual * t.years);
        for (const d of schedule) expect(Number.isSafeInteger(d.amount) && d.amount >= 0).toBe(true);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
