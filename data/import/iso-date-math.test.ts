import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, firstOnOrAfter, wholeYears } from './iso-date-math.ts';

describe('calendar steps', () => {
  it('adds months and years, rolling a missing day over into the next month', () => {
    expect(addMonths('2022-07-01', 6)).toBe('2023-01-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('finds the first month-day on or after a date, 2月29日 on the 28th in other years', () => {
    expect(firstOnOrAfter('2019-01-01', 12, 31)).toBe('2019-12-31');
    expect(firstOnOrAfter('2020-03-02', 3, 1)).toBe('2021-03-01');
    expect(firstOnOrAfter('2020-03-01', 3, 1)).toBe('2020-03-01');
    expect(firstOnOrAfter('2025-01-01', 2, 29)).toBe('2025-02-28');
  });

  it('counts whole years of a term, or says it is not whole', () => {
    expect(wholeYears('2019-01-01', '2033-12-31')).toBe(15);
    expect(wholeYears('2020-03-01', '2030-02-28')).toBe(10);
    expect(wholeYears('2020-01-01', '2029-06-30')).toBeNull();
  });
});
