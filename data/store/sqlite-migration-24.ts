import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 24 (issue 14): form posts done once, whichever process receives them
 * (form-submissions.ts). key: the form's key and a digest of what it says; claimed_at: when the
 * work began (ISO instant); result: what the work gave, null while it runs.
 */
export const migration24: Migration = {
  version: 24,
  name: 'form submissions',
  sql: `
    CREATE TABLE form_submissions (
      key        TEXT PRIMARY KEY,
      claimed_at TEXT NOT NULL,
      result     TEXT
    ) WITHOUT ROWID;
    CREATE INDEX form_submissions_claimed ON form_submissions (claimed_at);
  `,
};
