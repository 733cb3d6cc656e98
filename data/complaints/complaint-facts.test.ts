import { testEvent } from './test-events.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Complaint, ComplaintEvent, ComplaintStatus } from './complaint.ts';
import { complaintFacts, countFacts, isOverdue, overdueCutoffs } from './complaint-facts.ts';
import { complaintStats, statsFromCounts } from './complaint-stats.ts';
import { complaintTrend, trendMonths } from './complaint-trend.ts';
import { DEFAULT_DEADLINES, lateness } from './deadlines.ts';

const HOUR = 3_600_000;

describe('complaint facts and overdue cutoffs', () => {
  it('judge a complaint overdue exactly when lateness() does, for any steps, instant and deadlines', () => {
    fc.assert(
      fc.property(arbitraryComplaint, fc.nat(), offset, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 30 }), (c, pick, later, dispatchWorkingDays, answerDays) => {
        // from one of its steps: often exactly a deadline away, and a millisecond either side
        const now = new Date(Date.parse(c.events[pick % c.events.length]!.at) + later).toISOString();
        const deadlines = { dispatchWorkingDays, answerDays };
        expect(isOverdue(complaintFacts(c), overdueCutoffs(now, deadlines))).toBe(lateness(c, deadlines, now).late);
      }),
      { numRuns: 1500 },
    );
  });

  it('knows that a complaint waiting since Saturday night is due after one waiting since early Sunday', () => {
    // two working days: from Saturday 2026-11-14 23:00 and from Sunday 01:00 (China) both run to Tuesday, keeping the hour
    const saturday = waiting('2026-11-14T15:00:00.000Z');
    const sunday = waiting('2026-11-14T17:00:00.000Z');
    const now = '2026-11-17T04:00:00.000Z'; // Tuesday 12:00 in China
    const cutoffs = overdueCutoffs(now, DEFAULT_DEADLINES);
    expect([isOverdue(complaintFacts(saturday), cutoffs), isOverdue(complaintFacts(sunday), cutoffs)]).toEqual([false, true]);
    expect([lateness(saturday, DEFAULT_DEADLINES, now).late, lateness(sunday, DEFAULT_DEADLINES, now).late]).toEqual([false, true]);
  });

  it('count to the same figures and trend as complaintStats and complaintTrend over the complaints themselves', () => {
    fc.assert(
      fc.property(fc.array(arbitraryComplaint, { maxLength: 12 }), fc.integer({ min: 0, max: 40 * 24 }), (complaints, hoursLater) => {
        const now = new Date(Date.parse('2026-12-01T00:00:00.000Z') + hoursLater * HOUR).toISOString();
        const facts = complaints.map(complaintFacts);
        expect(statsFromCounts(countFacts(facts, overdueCutoffs(now, DEFAULT_DEADLINES)))).toEqual(complaintStats(complaints, DEFAULT_DEADLINES, now));
        // the months a store groups by give the trend
        const months = trendMonths(now, 14).map((month) => ({
          month,
          received: facts.filter((f) => f.receivedMonth === month).length,
          closed: facts.filter((f) => f.closedMonth === month).length,
        }));
        expect(months).toEqual(complaintTrend(complaints, now, 14));
      }),
      { numRuns: 500 },
    );
  });

  it('call an answer overdue only after the deadline itself has passed', () => {
    const dispatched: Pick<Complaint, 'village' | 'status' | 'events' | 'receivedAt'> = {
      ...waiting('2026-11-02T01:00:00.000Z'),
      status: 'dispatched',
      events: [...waiting('2026-11-02T01:00:00.000Z').events, { seq: 2, at: '2026-11-03T01:00:00.000Z', actor: '镇纪委', type: 'dispatch', department: '农业站' }],
    };
    const facts = complaintFacts(dispatched);
    expect(isOverdue(facts, overdueCutoffs('2026-11-18T01:00:00.000Z', DEFAULT_DEADLINES))).toBe(false);
    expect(isOverdue(facts, overdueCutoffs('2026-11-18T01:00:00.001Z', DEFAULT_DEADLINES))).toBe(true);
  });

  it('refuse a dispatch deadline longer than the window they are sure of', () => {
    expect(() => overdueCutoffs('2026-12-01T00:00:00.000Z', { dispatchWorkingDays: 31, answerDays: 15 })).toThrow(RangeError);
  });
});

// ——— helpers ———

/** How long after a step: whole days give the deadlines' own instants. */
const offset = fc.oneof(
  fc.integer({ min: 0, max: 60 * 24 }).map((h) => h * HOUR + 1234),
  fc.tuple(fc.integer({ min: 0, max: 45 }), fc.constantFrom(-1, 0, 1)).map(([d, ms]) => Math.max(0, d * 86_400_000 + ms)),
);

const STEPS: ComplaintEvent['type'][] = ['dispatch', 'reply', 'close', 'reopen', 'feedback'];

/** A complaint of 1–7 steps an hour to ten days apart, from late 2025 into 2027 (a year the holiday table lacks). */
const arbitraryComplaint = fc
  .record({
    start: fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-02-01T00:00:00Z') }),
    steps: fc.array(fc.record({ type: fc.constantFrom(...STEPS), gap: fc.integer({ min: 1, max: 240 }), satisfied: fc.boolean() }), { maxLength: 6 }),
    status: fc.constantFrom<ComplaintStatus>('received', 'dispatched', 'replied', 'closed'),
  })
  .map(({ start, steps, status }): Pick<Complaint, 'village' | 'status' | 'events' | 'receivedAt'> => {
    let t = start;
    const receivedAt = new Date(start).toISOString();
    const events: ComplaintEvent[] = [{ seq: 1, at: receivedAt, actor: '群众', type: 'received' }];
    for (const s of steps) {
      t += s.gap * HOUR;
      events.push(eventOf(s.type, events.length + 1, new Date(t).toISOString(), s.satisfied));
    }
    return { village: '430802001001', status, receivedAt, events };
  });

function eventOf(type: ComplaintEvent['type'], seq: number, at: string, satisfied: boolean): ComplaintEvent {
  const base = { seq, at, actor: '镇纪委' };
  return testEvent(type, base, { department: '农业站', satisfied });
}

function waiting(at: string): Pick<Complaint, 'village' | 'status' | 'events' | 'receivedAt'> {
  return { village: '430802001001', status: 'received', receivedAt: at, events: [{ seq: 1, at, actor: '群众', type: 'received' }] };
}
