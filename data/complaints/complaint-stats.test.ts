import { testEvent } from './test-events.ts';
import { describe, expect, it } from 'vitest';
import { noChannels } from './complaint-facts.ts';
import type { ComplaintChannel } from './complaint-channel.ts';
import type { Complaint, ComplaintEvent, ComplaintStatus } from './complaint.ts';
import { complaintStats } from './complaint-stats.ts';
import { DEFAULT_DEADLINES } from './deadlines.ts';

const NOW = '2026-07-20T02:00:00.000Z';

describe('complaintStats', () => {
  it('counts received, closed and overdue complaints, the median days to a first reply and the satisfaction rate', () => {
    const complaints = [
      // answered in 2 days, closed, satisfied
      complaint('closed', [['received', '2026-07-01T00:00:00.000Z'], ['dispatch', '2026-07-01T08:00:00.000Z'], ['reply', '2026-07-03T00:00:00.000Z'], ['close', '2026-07-04T00:00:00.000Z'], ['feedback+', '2026-07-05T00:00:00.000Z']]),
      // first answer after 5.5 days; the later reply does not count
      complaint('replied', [['received', '2026-07-01T00:00:00.000Z'], ['dispatch', '2026-07-02T00:00:00.000Z'], ['reply', '2026-07-06T12:00:00.000Z'], ['reply', '2026-07-15T00:00:00.000Z']]),
      // never dispatched: overdue
      complaint('received', [['received', '2026-07-01T00:00:00.000Z']]),
      // dispatched 18 days ago, no answer: overdue
      complaint('dispatched', [['received', '2026-07-01T00:00:00.000Z'], ['dispatch', '2026-07-02T00:00:00.000Z']]),
      // just received: not yet overdue
      complaint('received', [['received', '2026-07-19T00:00:00.000Z']]),
      // answered in a day, unsatisfied, reopened yesterday: counts as received again, not closed, not overdue
      complaint('received', [['received', '2026-07-01T00:00:00.000Z'], ['dispatch', '2026-07-01T12:00:00.000Z'], ['reply', '2026-07-02T00:00:00.000Z'], ['close', '2026-07-03T00:00:00.000Z'], ['feedback-', '2026-07-19T00:00:00.000Z'], ['reopen', '2026-07-19T00:00:00.000Z']]),
    ];
    expect(complaintStats(complaints, DEFAULT_DEADLINES, NOW)).toEqual({
      received: 6,
      closed: 1,
      overdue: 2,
      medianDaysToAnswer: 2,
      satisfaction: 0.5,
      feedbacks: 2,
      byChannel: { ...noChannels(), portal: 6 },
    });
  });

  it('counts each complaint under the channel it came by (issue 17)', () => {
    const by = (channel: ComplaintChannel) => ({ ...complaint('received', [['received', '2026-07-19T00:00:00.000Z']]), channel });
    const stats = complaintStats([by('wechat-group'), by('wechat-group'), by('phone'), complaint('received', [['received', '2026-07-19T00:00:00.000Z']])], DEFAULT_DEADLINES, NOW);
    expect(stats.byChannel).toEqual({ ...noChannels(), 'wechat-group': 2, phone: 1, portal: 1 });
  });

  it('takes the mean of the middle two for an even count, rounded to a tenth of a day', () => {
    const answeredAfter = (hours: number) => complaint('replied', [['received', '2026-07-01T00:00:00.000Z'], ['dispatch', '2026-07-01T00:00:00.000Z'], ['reply', new Date(Date.parse('2026-07-01T00:00:00.000Z') + hours * 3_600_000).toISOString()]]);
    expect(complaintStats([answeredAfter(24), answeredAfter(72)], DEFAULT_DEADLINES, NOW).medianDaysToAnswer).toBe(2);
    expect(complaintStats([answeredAfter(24), answeredAfter(48), answeredAfter(96), answeredAfter(240)], DEFAULT_DEADLINES, NOW).medianDaysToAnswer).toBe(3);
    expect(complaintStats([answeredAfter(8)], DEFAULT_DEADLINES, NOW).medianDaysToAnswer).toBe(0.3);
  });

  it('counts every feedback, also several on one complaint', () => {
    const c = complaint('replied', [['received', '2026-07-01T00:00:00.000Z'], ['dispatch', '2026-07-01T00:00:00.000Z'], ['reply', '2026-07-02T00:00:00.000Z'], ['feedback-', '2026-07-03T00:00:00.000Z'], ['reopen', '2026-07-03T00:00:00.000Z'], ['dispatch', '2026-07-04T00:00:00.000Z'], ['reply', '2026-07-05T00:00:00.000Z'], ['feedback+', '2026-07-06T00:00:00.000Z'], ['feedback+', '2026-07-06T00:00:00.000Z']]);
    expect(complaintStats([c], DEFAULT_DEADLINES, NOW)).toMatchObject({ satisfaction: 2 / 3, feedbacks: 3 });
  });

  it('reports no median and no satisfaction rate before any answer or feedback', () => {
    expect(complaintStats([], DEFAULT_DEADLINES, NOW)).toEqual({ received: 0, closed: 0, overdue: 0, medianDaysToAnswer: null, satisfaction: null, feedbacks: 0, byChannel: noChannels() });
    const waiting = complaint('received', [['received', '2026-07-19T00:00:00.000Z']]);
    expect(complaintStats([waiting], DEFAULT_DEADLINES, NOW)).toMatchObject({ received: 1, medianDaysToAnswer: null, satisfaction: null });
  });
});

type Step = Exclude<ComplaintEvent['type'], 'feedback'> | 'feedback+' | 'feedback-';

function complaint(status: ComplaintStatus, steps: [Step, string][]): Pick<Complaint, 'status' | 'events' | 'receivedAt'> {
  const events = steps.map(([step, at], i): ComplaintEvent => {
    const base = { seq: i + 1, at, actor: '镇纪委' };
    return step === 'feedback+' || step === 'feedback-' ? testEvent('feedback', base, { satisfied: step === 'feedback+' }) : testEvent(step, base);
  });
  return { status, events, receivedAt: steps[0]![1] };
}
