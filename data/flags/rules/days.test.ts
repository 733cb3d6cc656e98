import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysBetween, periodFirstDay, periodLastDay, periodMonths } from './days.ts';

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-09-30', 15)).toBe('2026-10-15');
    expect(addDays('2026-12-31', 31)).toBe('2027-01-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between two dates, negative when the second is earlier', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('adds years, turning 29 February into 28 February', () => {
    expect(addYears('2019-01-01', 20)).toBe('2039-01-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('adds months, ending on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('gives the first and last day and the months of a period', () => {
    expect(periodFirstDay('2026-Q3')).toBe('2026-07-01');
    expect(periodLastDay('2026-Q3')).toBe('2026-09-30');
    expect(periodLastDay('2024-02')).toBe('2024-02-29');
    expect(periodLastDay('2026')).toBe('2026-12-31');
    expect(periodMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
