import { anyChanged, deltaTriggers } from './delta-triggers.ts';
import type { PgMigration } from './migrations.ts';

/** The counts of the complaints' facts already stored (and the check of what the triggers keep). */
export const FILL_COMPLAINT_MONTH_COUNTS = `
    INSERT INTO complaint_month_counts (county, month, received, closed)
      SELECT county, month, sum(received), sum(closed) FROM (
        SELECT left(village, 6) AS county, received_month AS month, 1 AS received, 0 AS closed FROM complaint_facts
        UNION ALL
        SELECT left(village, 6), closed_month, 0, 1 FROM complaint_facts WHERE closed_month IS NOT NULL
      ) d GROUP BY county, month`;

/**
 * Schema 22 (issue 14), as SQLite's migration 27: complaints received and closed per county and
 * China month, so the trend of a page above the counties sums at most 12 rows a county instead
 * of reading every complaint under it. Triggers on complaint_facts move the counts with each write
 * — a batch of filings (once per statement), a close or a reopening (per row that changed a month)
 * — from the rows before and after, in the writer's transaction; rows are upserted in key order,
 * so two writers never take them crosswise. Counted from the facts already stored.
 */
export const pgSchema22: PgMigration = {
  version: 22,
  name: 'complaint counts per county and month',
  sql: `
    CREATE TABLE complaint_month_counts (
      county   text COLLATE "C" NOT NULL,
      month    text COLLATE "C" NOT NULL,
      -- never below 0; not a CHECK, which PostgreSQL tests on the row an upsert proposes, a
      -- negative delta, before the conflict makes it an update
      received bigint NOT NULL DEFAULT 0,
      closed   bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (county, month)
    );
    ${FILL_COMPLAINT_MONTH_COUNTS};

    -- the facts' rows after (+1) and before (-1) a write, as deltas of their counties' months
    CREATE FUNCTION complaint_month_counts_move(after_rows complaint_facts[], before_rows complaint_facts[]) RETURNS void
    LANGUAGE sql AS $$
      INSERT INTO complaint_month_counts AS c (county, month, received, closed)
      SELECT county, month, sum(received), sum(closed) FROM (
        SELECT left(a.village, 6) AS county, a.received_month AS month, 1 AS received, 0 AS closed FROM unnest(after_rows) a
        UNION ALL SELECT left(a.village, 6), a.closed_month, 0, 1 FROM unnest(after_rows) a WHERE a.closed_month IS NOT NULL
        UNION ALL SELECT left(b.village, 6), b.received_month, -1, 0 FROM unnest(before_rows) b
        UNION ALL SELECT left(b.village, 6), b.closed_month, 0, -1 FROM unnest(before_rows) b WHERE b.closed_month IS NOT NULL
      ) d
      GROUP BY county, month HAVING sum(received) <> 0 OR sum(closed) <> 0
      ORDER BY county, month
      ON CONFLICT (county, month) DO UPDATE SET received = c.received + excluded.received, closed = c.closed + excluded.closed;
    $$;
    ${deltaTriggers({ facts: 'complaint_facts', functions: 'complaint_month_counts', tag: 'months', when: anyChanged(['village', 'received_month', 'closed_month']) })}
  `,
};
