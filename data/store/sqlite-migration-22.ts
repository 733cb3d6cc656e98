import type { Migration } from './sqlite-migration.ts';

/** Migration 22 (issue 14): the divisions' version, one row, grown by each replacement (divisions-version.ts). */
export const migration22: Migration = {
  version: 22,
  name: 'divisions version',
  sql: `
    CREATE TABLE divisions_version (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      n  INTEGER NOT NULL CHECK (n >= 0)
    );
    INSERT INTO divisions_version (id, n) VALUES (1, 0);
  `,
};
