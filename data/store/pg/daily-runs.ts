import type { DailyRuns } from '../daily-runs.ts';
import type { PgQueryable } from './client.ts';

/** Daily runs in PostgreSQL (schema 8): the primary key decides who claimed first, across processes. */
export function createPgDailyRuns(db: PgQueryable): DailyRuns {
  return {
    async claimDailyRun(job, day, owner, at) {
      const rows = await db.query('INSERT INTO daily_runs (job, day, owner, at) VALUES ($1, $2, $3, $4) ON CONFLICT (job, day) DO NOTHING RETURNING job', [job, day, owner, at]);
      return rows.length === 1;
    },
  };
}
