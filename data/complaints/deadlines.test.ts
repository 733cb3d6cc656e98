import { testEvent } from './test-events.ts';
import { describe, expect, it } from 'vitest';
import type { ComplaintEvent, ComplaintStatus } from './complaint.ts';
import { addWorkingDays, DEFAULT_DEADLINES, lateness } from './deadlines.ts';

// 2026-07-10 is a Friday; 02:00Z is 10:00 in China.
const FRIDAY_10AM_CHINA = '2026-07-10T02:00:00.000Z';

describe('addWorkingDays', () => {
  it('skips the weekend, keeping the time of day', () => {
    expect(addWorkingDays(FRIDAY_10AM_CHINA, 1)).toBe('2026-07-13T02:00:00.000Z');
    expect(addWorkingDays(FRIDAY_10AM_CHINA, 2)).toBe('2026-07-14T02:00:00.000Z');
    expect(addWorkingDays('2026-07-13T02:00:00.000Z', 5)).toBe('2026-07-20T02:00:00.000Z');
  });

  it("counts weekdays in China's time zone, not UTC's", () => {
    // Friday 22:00Z is Saturday 06:00 in China: the next working day there is Monday 06:00,
    // which is still Sunday in UTC.
    expect(addWorkingDays('2026-07-10T22:00:00.000Z', 1)).toBe('2026-07-12T22:00:00.000Z');
    // Sunday 17:00Z is Monday 01:00 in China: one working day later is Tuesday 01:00 there.
    expect(addWorkingDays('2026-07-12T17:00:00.000Z', 1)).toBe('2026-07-13T17:00:00.000Z');
  });

  it('adds nothing for zero days', () => {
    expect(addWorkingDays(FRIDAY_10AM_CHINA, 0)).toBe(FRIDAY_10AM_CHINA);
  });

  it('skips the 国庆 holiday', () => {
    // Wednesday 2026-09-30 10:00 in China; 10-01 to 10-07 are holidays
    expect(addWorkingDays('2026-09-30T02:00:00.000Z', 2)).toBe('2026-10-09T02:00:00.000Z');
  });

  it('counts a Saturday made a working day by 调休', () => {
    // Friday 2026-10-09 → Saturday 2026-10-10, worked in exchange for 国庆
    expect(addWorkingDays('2026-10-09T02:00:00.000Z', 1)).toBe('2026-10-10T02:00:00.000Z');
  });
});

describe('lateness', () => {
  const received = history('received', [['received', FRIDAY_10AM_CHINA]]);

  it('runs the dispatch clock in working days from receipt', () => {
    expect(lateness(received, DEFAULT_DEADLINES, '2026-07-14T01:59:00.000Z')).toEqual({ late: false, due: '2026-07-14T02:00:00.000Z' });
    expect(lateness(received, DEFAULT_DEADLINES, '2026-07-14T02:01:00.000Z')).toEqual({
      late: true,
      due: '2026-07-14T02:00:00.000Z',
      waitingFor: 'dispatch',
    });
    expect(lateness(received, { dispatchWorkingDays: 5, answerDays: 15 }, '2026-07-14T02:01:00.000Z').late).toBe(false);
  });

  it('runs the dispatch clock over 国庆 in working days', () => {
    const beforeHoliday = history('received', [['received', '2026-09-30T02:00:00.000Z']]);
    // Monday–Friday alone would have made it due on 10-02, in the middle of the holiday
    expect(lateness(beforeHoliday, DEFAULT_DEADLINES, '2026-10-05T02:00:00.000Z')).toEqual({ late: false, due: '2026-10-09T02:00:00.000Z' });
    expect(lateness(beforeHoliday, DEFAULT_DEADLINES, '2026-10-09T02:01:00.000Z')).toEqual({
      late: true,
      due: '2026-10-09T02:00:00.000Z',
      waitingFor: 'dispatch',
    });
  });

  it('runs the dispatch clock on a 调休 Saturday', () => {
    const onFriday = history('received', [['received', '2026-10-09T02:00:00.000Z']]);
    expect(lateness(onFriday, DEFAULT_DEADLINES, '2026-10-12T02:01:00.000Z')).toEqual({
      late: true,
      due: '2026-10-12T02:00:00.000Z',
      waitingFor: 'dispatch',
    });
    expect(lateness(onFriday, { dispatchWorkingDays: 1, answerDays: 15 }, '2026-10-10T02:01:00.000Z')).toEqual({
      late: true,
      due: '2026-10-10T02:00:00.000Z',
      waitingFor: 'dispatch',
    });
  });

  it('runs the answer clock in calendar days from the latest dispatch', () => {
    const dispatched = history('dispatched', [
      ['received', FRIDAY_10AM_CHINA],
      ['dispatch', '2026-07-13T02:00:00.000Z'],
    ]);
    expect(lateness(dispatched, DEFAULT_DEADLINES, '2026-07-28T01:00:00.000Z')).toEqual({ late: false, due: '2026-07-28T02:00:00.000Z' });
    expect(lateness(dispatched, DEFAULT_DEADLINES, '2026-07-28T03:00:00.000Z')).toEqual({
      late: true,
      due: '2026-07-28T02:00:00.000Z',
      waitingFor: 'answer',
    });
    // long past the dispatch deadline, but dispatched in time: only the answer clock counts
    expect(lateness(dispatched, DEFAULT_DEADLINES, '2026-07-20T00:00:00.000Z').late).toBe(false);
  });

  it('never flags a replied or closed complaint, however old', () => {
    const events: [ComplaintEvent['type'], string][] = [
      ['received', FRIDAY_10AM_CHINA],
      ['dispatch', '2026-08-30T00:00:00.000Z'],
      ['reply', '2026-12-30T00:00:00.000Z'],
    ];
    for (const status of ['replied', 'closed'] as const) {
      expect(lateness(history(status, events), DEFAULT_DEADLINES, '2030-01-01T00:00:00.000Z')).toEqual({ late: false, due: null });
    }
  });

  it('restarts the dispatch clock when a complaint is reopened', () => {
    const reopened = history('received', [
      ['received', '2026-06-01T02:00:00.000Z'],
      ['dispatch', '2026-06-02T02:00:00.000Z'],
      ['reply', '2026-06-03T02:00:00.000Z'],
      ['feedback', '2026-07-13T02:00:00.000Z'],
      ['reopen', '2026-07-13T02:00:00.000Z'],
    ]);
    expect(lateness(reopened, DEFAULT_DEADLINES, '2026-07-14T02:00:00.000Z')).toEqual({ late: false, due: '2026-07-15T02:00:00.000Z' });
    expect(lateness(reopened, DEFAULT_DEADLINES, '2026-07-16T00:00:00.000Z')).toEqual({
      late: true,
      due: '2026-07-15T02:00:00.000Z',
      waitingFor: 'dispatch',
    });
  });
});

function history(status: ComplaintStatus, steps: [ComplaintEvent['type'], string][]): { status: ComplaintStatus; events: ComplaintEvent[] } {
  const events = steps.map(([type, at], i): ComplaintEvent => {
    const base = { seq: i + 1, at, actor: '镇纪委' };
    return testEvent(type, base, { satisfied: false });
  });
  return { status, events };
}
