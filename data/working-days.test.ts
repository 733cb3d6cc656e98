import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// chinese-days builds its own lookup table at import time in the host's zone and is right only at
// or east of UTC; it is imported here only as the reference to agree with, so pin a zone it handles.
const hostZone = vi.hoisted(() => {
  const original = process.env.TZ;
  process.env.TZ = 'Asia/Shanghai';
  return original;
});

import chineseDays from 'chinese-days';
import { addWorkingDays, calendarKnowsYear, chinaDate, endOfChinaDay, isWorkingDay, workingDaysBetween } from './working-days.ts';

afterEach(() => {
  process.env.TZ = 'Asia/Shanghai';
});

afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

describe('chinaDate', () => {
  it("gives the date in China, eight hours ahead of UTC", () => {
    expect(chinaDate('2026-09-30T15:59:59.999Z')).toBe('2026-09-30');
    expect(chinaDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(chinaDate(new Date('2026-10-01T08:00:00+08:00'))).toBe('2026-10-01');
  });

  it('refuses what is not an instant', () => {
    expect(() => chinaDate('next Tuesday')).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it('rests on 国庆 and works on the Saturday swapped for it (调休)', () => {
    expect(isWorkingDay('2026-09-30')).toBe(true);
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday
    expect(isWorkingDay('2026-10-11')).toBe(false); // Sunday
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, also swapped for 国庆
  });

  it('rests on ordinary weekends and works on ordinary weekdays', () => {
    expect(isWorkingDay('2026-07-10')).toBe(true); // Friday
    expect(isWorkingDay('2026-07-11')).toBe(false);
    expect(isWorkingDay('2026-07-12')).toBe(false);
    expect(isWorkingDay('2026-07-13')).toBe(true);
  });

  it('agrees with chinese-days on every day of every year it knows', () => {
    const disagreements: string[] = [];
    for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (isWorkingDay(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
    expect(chineseDays.isWorkday('2026-10-10')).toBe(true);
    expect(chineseDays.isWorkday('2026-10-01')).toBe(false);
  });

  it('gives the same answers on a server west of UTC', () => {
    process.env.TZ = 'America/New_York';
    expect(isWorkingDay('2026-07-13')).toBe(true);
    expect(isWorkingDay('2026-07-11')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(chinaDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(addWorkingDays('2026-09-30T02:00:00.000Z', 2)).toBe('2026-10-09T02:00:00.000Z');
  });

  it('refuses an impossible date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2026-7-1')).toThrow(RangeError);
  });
});

describe('calendarKnowsYear', () => {
  it('knows the published years and falls back to Monday–Friday after them', () => {
    expect(calendarKnowsYear(2004)).toBe(true);
    expect(calendarKnowsYear(2026)).toBe(true);
    expect(calendarKnowsYear(2003)).toBe(false);
    expect(calendarKnowsYear(2027)).toBe(false);
    // 2027-10-01 is a Friday: 国庆 for certain, but unpublished, so a working day here — as in the package
    expect(isWorkingDay('2027-10-01')).toBe(true);
    expect(chineseDays.isWorkday('2027-10-01')).toBe(true);
    expect(isWorkingDay('2027-10-02')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('skips 国庆, keeping the time of day', () => {
    // Wednesday 2026-09-30 10:00 in China
    expect(addWorkingDays('2026-09-30T02:00:00.000Z', 1)).toBe('2026-10-08T02:00:00.000Z');
    expect(addWorkingDays('2026-09-30T02:00:00.000Z', 2)).toBe('2026-10-09T02:00:00.000Z');
  });

  it('counts a 调休 Saturday', () => {
    expect(addWorkingDays('2026-10-09T02:00:00.000Z', 1)).toBe('2026-10-10T02:00:00.000Z');
    expect(addWorkingDays('2026-10-09T02:00:00.000Z', 2)).toBe('2026-10-12T02:00:00.000Z');
  });

  it('skips 中秋 on a Friday and the weekend after it', () => {
    expect(addWorkingDays('2026-09-24T02:00:00.000Z', 1)).toBe('2026-09-28T02:00:00.000Z');
  });

  it('decides the day in China, not in UTC', () => {
    // 2026-09-30T17:00Z is already 01:00 on 10-01 in China: the next working day is 10-08, 01:00 there
    expect(addWorkingDays('2026-09-30T17:00:00.000Z', 1)).toBe('2026-10-07T17:00:00.000Z');
  });

  it('adds nothing for zero days', () => {
    expect(addWorkingDays('2026-10-01T02:00:00.000Z', 0)).toBe('2026-10-01T02:00:00.000Z');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysBetween('2026-10-09', '2026-10-12')).toBe(2); // the 调休 Saturday and Monday
    expect(workingDaysBetween('2026-07-10', '2026-07-13')).toBe(1);
    expect(workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
  });

  it('is zero for the same day and negative backwards', () => {
    expect(workingDaysBetween('2026-10-09', '2026-10-09')).toBe(0);
    expect(workingDaysBetween('2026-10-09', '2026-09-30')).toBe(-2);
  });
});

describe('endOfChinaDay', () => {
  it("is the day's last millisecond in China", () => {
    expect(endOfChinaDay('2026-10-09')).toBe('2026-10-09T15:59:59.999Z');
    expect(chinaDate(endOfChinaDay('2026-10-09'))).toBe('2026-10-09');
    expect(chinaDate(new Date(Date.parse(endOfChinaDay('2026-10-09')) + 1))).toBe('2026-10-10');
  });
});
