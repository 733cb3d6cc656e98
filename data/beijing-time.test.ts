import { describe, expect, it } from 'vitest';
import { beijingTime } from './beijing-time.ts';

describe('beijingTime', () => {
  it('writes a stored UTC instant as the clock in Beijing, with its +08:00 offset', () => {
    expect(beijingTime('2026-07-03T02:00:00.000Z')).toBe('2026-07-03T10:00:00+08:00');
    expect(beijingTime(new Date('2026-07-03T02:00:00Z'))).toBe('2026-07-03T10:00:00+08:00');
  });

  it('moves to the next Beijing day after 16:00 UTC, and across the year', () => {
    expect(beijingTime('2026-07-31T17:00:00.000Z')).toBe('2026-08-01T01:00:00+08:00');
    expect(beijingTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01T00:30:00+08:00');
  });

  it('keeps milliseconds when there are some, so it is exactly the instant stored', () => {
    const stored = '2026-10-12T07:00:00.250Z';
    const shown = beijingTime(stored);
    expect(shown).toBe('2026-10-12T15:00:00.250+08:00');
    expect(Date.parse(shown)).toBe(Date.parse(stored));
  });

  it('reads any ISO instant, whatever its offset', () => {
    expect(beijingTime('2026-10-12T09:00:00+02:00')).toBe('2026-10-12T15:00:00+08:00');
  });

  it('leaves a calendar date, and text that is no time, as they are', () => {
    expect(beijingTime('2026-10-12')).toBe('2026-10-12');
    expect(beijingTime('不是时间')).toBe('不是时间');
    expect(beijingTime(new Date(Number.NaN))).toBe('');
  });
});
