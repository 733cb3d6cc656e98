import type { PgMigration } from './migrations.ts';

/** Schema 17 (issue 17), as SQLite's migration 23: the `classify` step, its item (or none) in `other`. */
export const pgSchema17: PgMigration = {
  version: 17,
  name: 'the classify step of a complaint',
  sql: `
    ALTER TABLE complaint_events
      DROP CONSTRAINT complaint_events_type_check,
      ADD CONSTRAINT complaint_events_type_check
        CHECK (type IN ('received', 'dispatch', 'reply', 'close', 'reopen', 'feedback', 'support', 'merge-into', 'merge-from', 'classify')),
      DROP CONSTRAINT complaint_events_other_check,
      ADD CONSTRAINT complaint_events_other_check
        CHECK (CASE WHEN type IN ('merge-into', 'merge-from') THEN other IS NOT NULL WHEN type = 'classify' THEN true ELSE other IS NULL END);
  `,
};
