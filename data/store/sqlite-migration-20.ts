import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 20 (issue 17): counties' own classification rules, version by version
 * (classify-rule-sets.ts), and the originals of complaints staff recorded from other channels
 * (intake-originals.ts). Both append-only, enforced here as for the other records kept as saved.
 * The limits on originals (6 per complaint, 3 MiB) are the store's, not CHECKs: SQLite cannot
 * change a CHECK without rebuilding the table, and a limit may move.
 */
export const migration20: Migration = {
  version: 20,
  name: 'classify rule sets and intake originals',
  sql: `
    CREATE TABLE classify_rule_sets (
      county   TEXT NOT NULL CHECK (length(county) = 6),
      version  INTEGER NOT NULL CHECK (version >= 1),
      saved_by TEXT NOT NULL CHECK (length(saved_by) BETWEEN 1 AND 60),
      at       TEXT NOT NULL,
      -- the ClassifyRuleSet as JSON text, read back as saved
      rules    TEXT NOT NULL,
      PRIMARY KEY (county, version)
    );
    CREATE TRIGGER classify_rule_sets_no_update BEFORE UPDATE ON classify_rule_sets
      BEGIN SELECT RAISE(ABORT, 'a saved rule set is never edited: save a new version'); END;
    CREATE TRIGGER classify_rule_sets_no_delete BEFORE DELETE ON classify_rule_sets
      BEGIN SELECT RAISE(ABORT, 'a saved rule set is never edited: save a new version'); END;

    -- For staff only, never public: screenshots and photos of what villagers wrote.
    CREATE TABLE intake_originals (
      complaint INTEGER NOT NULL REFERENCES complaints (public_id),
      seq       INTEGER NOT NULL CHECK (seq >= 1),
      id        TEXT NOT NULL CHECK (length(id) = 64),
      mime      TEXT NOT NULL CHECK (mime IN ('image/webp', 'image/jpeg', 'image/png')),
      width     INTEGER NOT NULL CHECK (width >= 1),
      height    INTEGER NOT NULL CHECK (height >= 1),
      size      INTEGER NOT NULL CHECK (size >= 1),
      saved_by  TEXT NOT NULL CHECK (length(saved_by) BETWEEN 1 AND 60),
      at        TEXT NOT NULL,
      bytes     BLOB NOT NULL CHECK (length(bytes) = size),
      PRIMARY KEY (complaint, seq),
      UNIQUE (complaint, id)
    );
    CREATE TRIGGER intake_originals_no_update BEFORE UPDATE ON intake_originals
      BEGIN SELECT RAISE(ABORT, 'an original is kept as received'); END;
    CREATE TRIGGER intake_originals_no_delete BEFORE DELETE ON intake_originals
      BEGIN SELECT RAISE(ABORT, 'an original is kept as received'); END;
  `,
};
