import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from './complaint.ts';
import { chinaMonth, complaintTrend } from './complaint-trend.ts';

const at = (iso: string, type: ComplaintEvent['type'], seq: number): ComplaintEvent =>
  type === 'close' ? { seq, at: iso, actor: 'x', type, resolution: 'r' } : type === 'reopen' ? { seq, at: iso, actor: 'x', type, reason: null } : ({ seq, at: iso, actor: 'x', type: 'received' } as ComplaintEvent);

describe('complaintTrend', () => {
  it('counts received and closed per China month, with quiet months as zeros', () => {
    const trend = complaintTrend(
      [
        { receivedAt: '2026-09-30T17:00:00Z', status: 'closed', events: [at('2026-09-30T17:00:00Z', 'received', 1), at('2026-11-02T01:00:00Z', 'close', 2)] },
        { receivedAt: '2026-11-05T01:00:00Z', status: 'received', events: [at('2026-11-05T01:00:00Z', 'received', 1)] },
        // closed, then reopened: not counted as closed
        { receivedAt: '2026-11-06T01:00:00Z', status: 'received', events: [at('2026-11-06T01:00:00Z', 'received', 1), at('2026-11-07T01:00:00Z', 'close', 2), at('2026-11-08T01:00:00Z', 'reopen', 3)] },
      ],
      '2026-12-06T02:00:00Z',
      4,
    );
    expect(trend).toEqual([
      { month: '2026-09', received: 0, closed: 0 },
      // 2026-09-30 17:00 UTC is 1 October in China
      { month: '2026-10', received: 1, closed: 0 },
      { month: '2026-11', received: 2, closed: 1 },
      { month: '2026-12', received: 0, closed: 0 },
    ]);
  });

  it('crosses a year boundary', () => {
    expect(complaintTrend([], '2026-01-15T00:00:00Z', 3).map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(chinaMonth('2025-12-31T16:00:00Z')).toBe('2026-01');
  });
});
