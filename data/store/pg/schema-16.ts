import type { PgMigration } from './migrations.ts';

/** Schema 16 (issue 14), as SQLite's migration 22: the divisions' version, grown by each replacement. */
export const pgSchema16: PgMigration = {
  version: 16,
  name: 'divisions version',
  sql: `
    CREATE TABLE divisions_version (
      id integer PRIMARY KEY CHECK (id = 1),
      n  bigint NOT NULL CHECK (n >= 0)
    );
    INSERT INTO divisions_version (id, n) VALUES (1, 0);
  `,
};
