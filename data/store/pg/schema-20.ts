import type { PgMigration } from './migrations.ts';

/** Schema 20 (issue 15), as SQLite's migration 25: a fifth kind of publication, `statement` (财务报表). */
export const pgSchema20: PgMigration = {
  version: 20,
  name: 'financial statements',
  sql: `
    ALTER TABLE publications
      DROP CONSTRAINT publications_kind_check,
      ADD CONSTRAINT publications_kind_check CHECK (kind IN ('finance', 'subsidy', 'project', 'contract', 'statement'));
  `,
};
