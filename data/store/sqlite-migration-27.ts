import type { Migration } from './sqlite-migration.ts';

/** The counts of the complaints' facts already stored (and the check of what the triggers keep). */
export const FILL_COMPLAINT_MONTH_COUNTS = `
    INSERT INTO complaint_month_counts (county, month, received, closed)
      SELECT county, month, sum(received), sum(closed) FROM (
        SELECT substr(village, 1, 6) AS county, received_month AS month, 1 AS received, 0 AS closed FROM complaint_facts
        UNION ALL
        SELECT substr(village, 1, 6), closed_month, 0, 1 FROM complaint_facts WHERE closed_month IS NOT NULL
      ) GROUP BY county, month`;

/**
 * Migration 27 (issue 14): complaints received and closed per county and China month, kept by
 * triggers on complaint_facts, so the trend of a page above the counties — a city, a province,
 * the country — sums at most 12 rows a county instead of reading every complaint under it
 * (ComplaintFigureStore.complaintMonths). The triggers move a complaint's counts when its facts
 * change (a close, a reopening); the facts are written by upsert, not by
 * INSERT OR REPLACE, whose delete fires no trigger. Counted from the facts already stored.
 */
export const migration27: Migration = {
  version: 27,
  name: 'complaint counts per county and month',
  sql: `
    CREATE TABLE complaint_month_counts (
      county   TEXT NOT NULL,
      month    TEXT NOT NULL,
      received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
      closed   INTEGER NOT NULL DEFAULT 0 CHECK (closed >= 0),
      PRIMARY KEY (county, month)
    ) WITHOUT ROWID;
    ${FILL_COMPLAINT_MONTH_COUNTS};
    CREATE TRIGGER complaint_facts_months_insert AFTER INSERT ON complaint_facts BEGIN
      INSERT INTO complaint_month_counts (county, month, received) VALUES (substr(NEW.village, 1, 6), NEW.received_month, 1)
        ON CONFLICT (county, month) DO UPDATE SET received = received + 1;
      INSERT INTO complaint_month_counts (county, month, closed) SELECT substr(NEW.village, 1, 6), NEW.closed_month, 1 WHERE NEW.closed_month IS NOT NULL
        ON CONFLICT (county, month) DO UPDATE SET closed = closed + 1;
    END;
    CREATE TRIGGER complaint_facts_months_delete AFTER DELETE ON complaint_facts BEGIN
      UPDATE complaint_month_counts SET received = received - 1 WHERE county = substr(OLD.village, 1, 6) AND month = OLD.received_month;
      UPDATE complaint_month_counts SET closed = closed - 1 WHERE county = substr(OLD.village, 1, 6) AND month = OLD.closed_month;
    END;
    CREATE TRIGGER complaint_facts_months_update AFTER UPDATE OF village, received_month, closed_month ON complaint_facts
      WHEN OLD.village IS NOT NEW.village OR OLD.received_month IS NOT NEW.received_month OR OLD.closed_month IS NOT NEW.closed_month
    BEGIN
      UPDATE complaint_month_counts SET received = received - 1 WHERE county = substr(OLD.village, 1, 6) AND month = OLD.received_month;
      UPDATE complaint_month_counts SET closed = closed - 1 WHERE county = substr(OLD.village, 1, 6) AND month = OLD.closed_month;
      INSERT INTO complaint_month_counts (county, month, received) VALUES (substr(NEW.village, 1, 6), NEW.received_month, 1)
        ON CONFLICT (county, month) DO UPDATE SET received = received + 1;
      INSERT INTO complaint_month_counts (county, month, closed) SELECT substr(NEW.village, 1, 6), NEW.closed_month, 1 WHERE NEW.closed_month IS NOT NULL
        ON CONFLICT (county, month) DO UPDATE SET closed = closed + 1;
    END;
  `,
};
