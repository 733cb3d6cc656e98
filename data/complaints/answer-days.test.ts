import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_DAY_MS, answerDay, answerDayRange, placeInDays } from './answer-days.ts';
import { middlePositions } from './complaint-facts.ts';

describe('placing the middle answers in their days', () => {
  it('finds the day and the offset within it', () => {
    const days = [
      { day: 0, answers: 2 },
      { day: 3, answers: 0 },
      { day: 4, answers: 3 },
      { day: 9, answers: 1 },
    ];
    expect(placeInDays(days, [0, 1, 2, 4, 5])).toEqual([
      { day: 0, offset: 0 },
      { day: 0, offset: 1 },
      { day: 4, offset: 0 },
      { day: 4, offset: 2 },
      { day: 9, offset: 0 },
    ]);
    expect(() => placeInDays(days, [6])).toThrow(/beyond the 6 answers/);
  });

  it('gives, for any answer times, the same middle values as sorting them all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -ANSWER_DAY_MS, max: 40 * ANSWER_DAY_MS }), { minLength: 1, maxLength: 60 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b);
        const counts = new Map<number, number[]>();
        for (const t of sorted) {
          const [from, to] = answerDayRange(answerDay(t));
          expect(t >= from && t < to).toBe(true);
          counts.set(answerDay(t), [...(counts.get(answerDay(t)) ?? []), t]);
        }
        const days = [...counts.keys()].sort((a, b) => a - b);
        const placed = placeInDays(
          days.map((day) => ({ day, answers: counts.get(day)!.length })),
          middlePositions(sorted.length),
        );
        expect(placed.map(({ day, offset }) => counts.get(day)![offset])).toEqual(middlePositions(sorted.length).map((i) => sorted[i]));
      }),
    );
  });
});
