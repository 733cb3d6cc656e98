import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 14: the durable outbox of derived pages (data/store/page-outbox.ts, issue 14). A work
 * queue, not public record: rows leave it a day after their pages were built.
 */
export const migration14: Migration = {
  version: 14,
  name: 'outbox of stale pages, daily runs, division counts',
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

    -- Per-division publication figures (data/store/division-counts.ts): '' is the whole country.
    CREATE TABLE division_counts (
      code               TEXT PRIMARY KEY,
      villages           INTEGER NOT NULL CHECK (villages >= 0),
      published_villages INTEGER NOT NULL CHECK (published_villages >= 0),
      publications       INTEGER NOT NULL CHECK (publications >= 0),
      last_published_at  TEXT
    ) WITHOUT ROWID;
  `,
  // Filled from the stored divisions and publications (frozen: sqlite-division-counts.ts has the live copy).
  run(db) {
    db.exec(`
      WITH current AS (
        SELECT p.village, count(*) AS n, max(p.published_at) AS last FROM publications p
        WHERE NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id) GROUP BY p.village
      ), v AS (
        SELECT d.code, coalesce(c.n, 0) AS n, c.last FROM divisions d LEFT JOIN current c ON c.village = d.code WHERE d.level = 'village'
      )
      INSERT INTO division_counts (code, villages, published_villages, publications, last_published_at)
      SELECT code, count(*), sum(n > 0), sum(n), max(last) FROM (
        SELECT '' AS code, n, last FROM v
        UNION ALL SELECT substr(code, 1, 2), n, last FROM v
        UNION ALL SELECT substr(code, 1, 4), n, last FROM v
        UNION ALL SELECT substr(code, 1, 6), n, last FROM v
        UNION ALL SELECT substr(code, 1, 9), n, last FROM v
      ) GROUP BY code;
      INSERT INTO division_counts (code, villages, published_villages, publications, last_published_at)
      SELECT code, 0, 0, 0, NULL FROM (SELECT '' AS code UNION ALL SELECT code FROM divisions WHERE level <> 'village') z
      WHERE true
      ON CONFLICT (code) DO NOTHING`);
  },
};
