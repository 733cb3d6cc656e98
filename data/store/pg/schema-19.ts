import type { PgMigration } from './migrations.ts';

/** Schema 19 (issue 14), as SQLite's migration 24: form posts done once (form-submissions.ts). */
export const pgSchema19: PgMigration = {
  version: 19,
  name: 'form submissions',
  sql: `
    CREATE TABLE form_submissions (
      key        text COLLATE "C" PRIMARY KEY,
      claimed_at text COLLATE "C" NOT NULL,
      result     text
    );
    CREATE INDEX form_submissions_claimed ON form_submissions (claimed_at);
  `,
};
