import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 14: the durable outbox of derived pages (data/store/page-outbox.ts, issue 14). A work
 * queue, not public record: rows leave it a day after their pages were built.
 */
export const migration14: Migration = {
  version: 14,
  name: 'outbox of stale pages, daily runs',
  sql: `
    CREATE TABLE page_outbox (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      target        TEXT NOT NULL CHECK (target IN ('publication', 'village', 'round', 'power-lists')),
      key           TEXT NOT NULL,
      stale_since   TEXT NOT NULL,
      attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      not_before    TEXT NOT NULL,
      claimed_by    TEXT,
      claimed_until TEXT,
      last_error    TEXT,
      failed_at     TEXT,
      finished_at   TEXT
    );
    -- one fresh row per page: a burst of changes waiting to be built is one row
    CREATE UNIQUE INDEX page_outbox_fresh ON page_outbox (target, key) WHERE attempts = 0 AND claimed_by IS NULL;
    -- what is due, oldest first
    CREATE INDEX page_outbox_due ON page_outbox (not_before, id) WHERE failed_at IS NULL AND finished_at IS NULL;
    -- what a full build marks again, and what is old enough to go
    CREATE INDEX page_outbox_finished ON page_outbox (finished_at) WHERE finished_at IS NOT NULL;

    -- Jobs that run once a day (the nightly red flags, the morning reminders): the first process
    -- to claim a day's run does it (data/store/daily-runs.ts).
    CREATE TABLE daily_runs (
      job   TEXT NOT NULL,
      day   TEXT NOT NULL,
      owner TEXT NOT NULL,
      at    TEXT NOT NULL,
      PRIMARY KEY (job, day)
    ) WITHOUT ROWID;
  `,
};
