import { describe, expect, it } from 'vitest';
import { complaintFacts, countFacts } from '../../data/complaints/complaint-facts.ts';
import { complaintStats } from '../../data/complaints/complaint-stats.ts';
import { chinaMonth } from '../../data/complaints/complaint-trend.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import type { ComplaintFigureStore } from '../../data/store/complaint-figures.ts';
import { complaintStatsIndex, type StatsComplaint } from './complaint-stats-index.ts';
import { DIVISIONS } from './test-fixtures.ts';

const NOW = '2026-08-20T00:00:00.000Z';

function complaint(village: string, status: StatsComplaint['status'] = 'received', receivedAt = '2026-08-19T00:00:00.000Z'): StatsComplaint {
  const events: StatsComplaint['events'] = [{ seq: 1, at: receivedAt, actor: '群众', type: 'received' }];
  if (status !== 'received') events.push({ seq: 2, at: receivedAt, actor: '镇纪委', type: 'dispatch', department: '镇财政所' });
  if (status === 'replied' || status === 'closed') events.push({ seq: 3, at: '2026-08-19T12:00:00.000Z', actor: '镇财政所', type: 'reply', text: '已核实' });
  if (status === 'closed') events.push({ seq: 4, at: '2026-08-19T13:00:00.000Z', actor: '镇纪委', type: 'close', resolution: '办结' });
  return { village, status, events, receivedAt };
}

/** A fake store: complaints under a scope, newest first, capped; their sums; and a record of the scopes asked for. */
function lister(all: StatsComplaint[]) {
  const asked: string[] = [];
  const under = (scope: string) => all.filter((c) => c.village.startsWith(scope));
  const figures: ComplaintFigureStore = {
    complaintCounts: async (scope, cutoffs) => {
      asked.push(`counts ${scope}`);
      return countFacts(under(scope).map(complaintFacts), cutoffs);
    },
    complaintMonths: async (scope, months) => {
      asked.push(`months ${scope}`);
      return months.map((month) => ({ month, received: under(scope).filter((c) => chinaMonth(c.receivedAt) === month).length, closed: 0 }));
    },
  };
  return {
    asked,
    figures,
    list: async (scope: string, limit: number) => {
      asked.push(scope);
      return under(scope).slice(0, limit);
    },
  };
}

describe('complaint figures for a build', () => {
  const all = [
    complaint('430802108214', 'closed'),
    complaint('430802108214', 'received', '2026-07-01T00:00:00.000Z'), // long past its dispatch deadline
    complaint('430802108215', 'replied'),
    complaint('430821211227'),
  ];

  it('reads each county once however many villages, townships and the county itself ask', async () => {
    const store = lister(all);
    const index = complaintStatsIndex({ list: store.list, figures: store.figures, divisions: DIVISIONS, deadlines: DEFAULT_DEADLINES, now: NOW });
    const village = await index.statsOf('430802108214');
    const other = await index.statsOf('430802108215');
    const township = await index.statsOf('430802108');
    const county = await index.statsOf('430802');
    expect(store.asked).toEqual(['430802']);
    expect([village.stats.received, village.stats.closed, village.stats.overdue]).toEqual([2, 1, 1]);
    expect(other.stats.received).toBe(1);
    expect(township.stats.received).toBe(3);
    expect(county.stats.received).toBe(3);
    expect(county.partial).toBe(false);
  });

  it('has the store count a scope above the counties, listing nothing', async () => {
    const store = lister(all);
    const index = complaintStatsIndex({ list: store.list, figures: store.figures, divisions: DIVISIONS, deadlines: DEFAULT_DEADLINES, now: NOW, limit: 3 });
    expect(await index.statsOf('4308')).toEqual({ stats: complaintStats(all, DEFAULT_DEADLINES, NOW), partial: false });
    expect((await index.trendOf('4308')).at(-1)).toEqual({ month: '2026-08', received: 3, closed: 0 });
    expect(await index.statsOf('430802')).toEqual({ stats: complaintStats(all.slice(0, 3), DEFAULT_DEADLINES, NOW), partial: false });
    expect(store.asked).toEqual(['counts 4308', 'months 4308', '430802', '430802108', '430802108214', '430802108215']);
  });

  it('reads a county with more complaints than one listing holds township by township, then village by village', async () => {
    const store = lister(all);
    // a listing that comes back full may have left some out: 3 of 3 is split up too
    const index = complaintStatsIndex({ list: store.list, figures: store.figures, divisions: DIVISIONS, deadlines: DEFAULT_DEADLINES, now: NOW, limit: 3 });
    const county = await index.statsOf('430802');
    expect(county.stats.received).toBe(3);
    expect(county.partial).toBe(false);
    expect(store.asked).toEqual(['430802', '430802108', '430802108214', '430802108215']);
  });

  it('says the figures are partial when one village alone has more than a listing holds', async () => {
    const many = [complaint('430802108214'), complaint('430802108214'), complaint('430802108214'), complaint('430802108214'), complaint('430802108215')];
    const index = complaintStatsIndex({ list: lister(many).list, figures: lister(many).figures, divisions: DIVISIONS, deadlines: DEFAULT_DEADLINES, now: NOW, limit: 3 });
    expect((await index.statsOf('430802108214')).partial).toBe(true);
    expect((await index.statsOf('430802')).partial).toBe(true);
    expect((await index.statsOf('430802108215')).partial).toBe(false);
    expect((await index.viewOf('430802108214')).note).not.toBeNull();
  });

  it('tries a failed read again for the next page instead of keeping the failure', async () => {
    let calls = 0;
    const index = complaintStatsIndex({
      figures: lister(all).figures,
      list: async (scope) => {
        calls += 1;
        if (calls === 1) throw new Error('database is locked');
        return all.filter((c) => c.village.startsWith(scope));
      },
      divisions: DIVISIONS,
      deadlines: DEFAULT_DEADLINES,
      now: NOW,
    });
    await expect(index.statsOf('430802108214')).rejects.toThrow('locked');
    expect((await index.statsOf('430802108214')).stats.received).toBe(2);
  });
});
