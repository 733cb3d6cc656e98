import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 11 (issue 17): page views of the village pages per China day, as SQLite's
 * migration 17 — under the village and every division above it and '' (data/store/page-views.ts).
 * Statistics, not public record: no log leaf, no trigger. Logged (not UNLOGGED, as the rate limits
 * are): the counts are the portal's public figures and should survive a crash of the server.
 */
export const pgSchema11: PgMigration = {
  version: 11,
  name: 'page views',
  sql: `
    CREATE TABLE page_views (
      code  text COLLATE "C" NOT NULL CHECK (length(code) IN (0, 2, 4, 6, 9, 12)),
      day   text COLLATE "C" NOT NULL CHECK (length(day) = 10),
      views bigint NOT NULL CHECK (views >= 1),
      PRIMARY KEY (code, day)
    );
  `,
};
