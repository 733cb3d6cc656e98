import type Database from 'better-sqlite3';
import type { DailyRuns } from './daily-runs.ts';

/** Daily runs in SQLite (migration 14): the primary key decides who claimed first. */
export function createSqliteDailyRuns(db: Database.Database): DailyRuns {
  const claim = db.prepare('INSERT INTO daily_runs (job, day, owner, at) VALUES (?, ?, ?, ?) ON CONFLICT (job, day) DO NOTHING');
  return {
    async claimDailyRun(job, day, owner, at) {
      return claim.run(job, day, owner, at).changes === 1;
    },
  };
}
