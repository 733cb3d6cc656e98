import type { PgMigration } from './migrations.ts';

/**
 * Schema 21 (issue 15), as SQLite's migration 26: townships', counties' and cities' summary
 * tables (summary-store.ts), their `region-summary` leaf, and the outbox target of their pages.
 */
export const pgSchema21: PgMigration = {
  version: 21,
  name: 'region summary tables',
  sql: `
    CREATE TABLE region_summaries (
      scope        text COLLATE "C" NOT NULL CHECK (length(scope) IN (4, 6, 9)),
      seq          integer NOT NULL CHECK (seq >= 1),
      series       text COLLATE "C" NOT NULL,
      version      integer NOT NULL CHECK (version >= 1),
      supersedes   integer,
      document     text NOT NULL,
      published_at text COLLATE "C" NOT NULL,
      log_index    bigint NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (scope, seq),
      UNIQUE (scope, series, version),
      UNIQUE (scope, supersedes),
      FOREIGN KEY (scope, supersedes) REFERENCES region_summaries (scope, seq)
    );
    CREATE TRIGGER region_summaries_append_only BEFORE UPDATE OR DELETE ON region_summaries FOR EACH ROW EXECUTE FUNCTION refuse_change();

    ALTER TABLE log_leaves DROP CONSTRAINT log_leaves_kind_check;
    ALTER TABLE log_leaves ADD CONSTRAINT log_leaves_kind_check CHECK (kind IN ('publication', 'complaint-event', 'tombstone', 'flag-event', 'rectification-event', 'flag-settings',
      'complaint-step-tombstone', 'decision-entry', 'power-catalogue', 'region-summary'));
    ALTER TABLE page_outbox DROP CONSTRAINT page_outbox_target_check;
    ALTER TABLE page_outbox ADD CONSTRAINT page_outbox_target_check CHECK (target IN ('publication', 'village', 'round', 'power-lists', 'region-summaries'));
  `,
};
