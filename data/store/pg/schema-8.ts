import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 8 (issue 14): the outbox of stale pages (data/store/page-outbox.ts), as
 * SQLite's migration 14. A work queue, not public record: an identity column is fine here (a gap
 * left by a rolled-back transaction means nothing), and rows leave a day after their pages were built.
 */
export const pgSchema8: PgMigration = {
  version: 8,
  name: 'outbox of stale pages, shared rate limits, daily runs, division counts',
  sql: `
    CREATE TABLE page_outbox (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      target        text COLLATE "C" NOT NULL CHECK (target IN ('publication', 'village', 'round', 'power-lists')),
      key           text COLLATE "C" NOT NULL,
      stale_since   text COLLATE "C" NOT NULL,
      attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      not_before    text COLLATE "C" NOT NULL,
      claimed_by    text,
      claimed_until text COLLATE "C",
      last_error    text,
      failed_at     text COLLATE "C",
      finished_at   text COLLATE "C"
    );
    -- one fresh row per page: a burst of changes waiting to be built is one row
    CREATE UNIQUE INDEX page_outbox_fresh ON page_outbox (target, key) WHERE attempts = 0 AND claimed_by IS NULL;
    -- what is due, oldest first
    CREATE INDEX page_outbox_due ON page_outbox (not_before, id) WHERE failed_at IS NULL AND finished_at IS NULL;
    -- what a full build marks again, and what is old enough to go
    CREATE INDEX page_outbox_finished ON page_outbox (finished_at) WHERE finished_at IS NOT NULL;

    -- The complaint limits of several portal processes (ingest/shared-rate-limit.ts): the table
    -- rate-limiter-flexible's RateLimiterPostgres expects, made here so that two processes
    -- starting at once do not race to create it. expire: milliseconds since 1970. UNLOGGED: a
    -- count is not worth a disk flush, and after a crash the counts start again.
    CREATE UNLOGGED TABLE rate_limits (
      key    varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );

    -- Jobs that run once a day in one of several processes (the nightly red flags, the morning
    -- reminders): the first process to claim a day's run does it (data/store/daily-runs.ts).
    CREATE TABLE daily_runs (
      job   text COLLATE "C" NOT NULL,
      day   text COLLATE "C" NOT NULL,
      owner text NOT NULL,
      at    text NOT NULL,
      PRIMARY KEY (job, day)
    );

    -- Per-division publication figures (data/store/division-counts.ts): '' is the whole country.
    CREATE TABLE division_counts (
      code               text COLLATE "C" PRIMARY KEY,
      villages           integer NOT NULL CHECK (villages >= 0),
      published_villages integer NOT NULL CHECK (published_villages >= 0),
      publications       integer NOT NULL CHECK (publications >= 0),
      last_published_at  text COLLATE "C"
    );
    -- filled from what is stored (frozen: division-counts.ts has the live copy)
    WITH current AS (
      SELECT p.village, count(*) AS n, max(p.published_at) AS last FROM publications p
      WHERE NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id) GROUP BY p.village
    ), v AS (
      SELECT d.code, coalesce(c.n, 0) AS n, c.last FROM divisions d LEFT JOIN current c ON c.village = d.code WHERE d.level = 'village'
    )
    INSERT INTO division_counts (code, villages, published_villages, publications, last_published_at)
    SELECT code, count(*), count(*) FILTER (WHERE n > 0), sum(n), max(last) FROM (
      SELECT '' AS code, n, last FROM v
      UNION ALL SELECT substr(code, 1, 2), n, last FROM v
      UNION ALL SELECT substr(code, 1, 4), n, last FROM v
      UNION ALL SELECT substr(code, 1, 6), n, last FROM v
      UNION ALL SELECT substr(code, 1, 9), n, last FROM v
    ) u GROUP BY code;
    INSERT INTO division_counts (code, villages, published_villages, publications, last_published_at)
    SELECT code, 0, 0, 0, NULL FROM (SELECT '' AS code UNION ALL SELECT code FROM divisions WHERE level <> 'village') z
    ON CONFLICT (code) DO NOTHING;
  `,
};
