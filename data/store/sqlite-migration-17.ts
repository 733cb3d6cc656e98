import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 17 (issue 17): page views of the village pages per China day (data/store/page-views.ts),
 * counted without cookies or addresses. Each village's views are kept under the village and, added
 * in the same write, under every division above it and '' (the whole country), so a region's
 * figures are its own few rows. Statistics, not public record: no log leaf, no trigger.
 */
export const migration17: Migration = {
  version: 17,
  name: 'page views',
  sql: `
    -- code: a village, a division above it, or '' for everything; day: a China date (YYYY-MM-DD).
    -- Keyed by code first, so a division's days are one range of the table itself and a township's
    -- villages the range of its code.
    CREATE TABLE page_views (
      code  TEXT NOT NULL CHECK (length(code) IN (0, 2, 4, 6, 9, 12)),
      day   TEXT NOT NULL CHECK (length(day) = 10),
      views INTEGER NOT NULL CHECK (views >= 1),
      PRIMARY KEY (code, day)
    ) WITHOUT ROWID;
  `,
};
