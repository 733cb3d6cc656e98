import type { Migration } from './sqlite-migration.ts';

/** Migration 19 (issue 17): what staff chose against what the rules suggested (intake-corrections.ts). */
export const migration19: Migration = {
  version: 19,
  name: 'intake corrections',
  sql: `
    CREATE TABLE intake_corrections (
      village   TEXT NOT NULL CHECK (length(village) = 12),
      at        TEXT NOT NULL,
      kind      TEXT NOT NULL CHECK (kind IN ('category', 'department', 'power-item')),
      suggested TEXT,
      chosen    TEXT
    );
    CREATE INDEX intake_corrections_village_at ON intake_corrections (village, at);
  `,
};
