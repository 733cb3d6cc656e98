import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteOnFile } from '../../data/store/sqlite-on-file.ts';
import { dailyJob, nextRunAt, type DailyJob } from './daily-job.ts';

describe('a daily job in several processes', () => {
  const jobs: DailyJob[] = [];
  afterEach(() => jobs.splice(0).forEach((j) => j.close()));

  it('runs a day’s run in the one process that claims it; the others say so and skip it', async () => {
    const opened = await openSqliteOnFile('cunwu-daily-job-');
    try {
      const other = await opened.connect();
      // 20 ms before 02:00 in China: the run is due almost at once
      const due = nextRunAt(new Date('2026-12-06T12:00:00.000Z'), 2);
      const offset = due.getTime() - 20 - Date.now();
      const clock = () => new Date(Date.now() + offset);
      const lines: string[] = [];
      let runs = 0;
      for (const runsStore of [opened.store, other, opened.store]) {
        jobs.push(dailyJob({ hour: 2, clock, name: 'flags', runs: runsStore, log: (line) => lines.push(line), run: async () => `ran ${(runs += 1)}` }));
      }
      await vi.waitFor(() => expect(lines).toHaveLength(3));
      expect(runs).toBe(1);
      expect(lines.sort()).toEqual(['[flags] 2026-12-07 run by another process', '[flags] 2026-12-07 run by another process', '[flags] ran 1']);
    } finally {
      jobs.splice(0).forEach((j) => j.close());
      await opened.cleanup();
    }
  });
});
