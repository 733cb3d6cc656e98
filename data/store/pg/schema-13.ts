import type { PgMigration } from './migrations.ts';

/** Schema 13 (issue 17), as SQLite's migration 19: what staff chose against what the rules suggested. */
export const pgSchema13: PgMigration = {
  version: 13,
  name: 'intake corrections',
  sql: `
    CREATE TABLE intake_corrections (
      -- bigserial, as the other append-only tables: migrate-store fills it by inserting in order
      id        bigserial PRIMARY KEY,
      village   text COLLATE "C" NOT NULL CHECK (length(village) = 12),
      at        text COLLATE "C" NOT NULL,
      kind      text NOT NULL CHECK (kind IN ('category', 'department', 'power-item')),
      suggested text,
      chosen    text
    );
    CREATE INDEX intake_corrections_village_at ON intake_corrections (village, at);
  `,
};
