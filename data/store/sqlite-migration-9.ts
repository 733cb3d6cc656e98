import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 9: 四议两公开 matters and counties' power lists (issue 11). A matter is what a village
 * decided (its 事由); its entries are append-only — what it is about (事由, power-list item, amount,
 * links: a new entry when any of it changes) and each step as it happened — each with its own
 * `decision-entry` leaf. A county's (or city's) power list is published in versions, each with a
 * `power-catalogue` leaf. The two leaf types widen the CHECK on `log_leaves.kind`. SQLite cannot alter a CHECK, so `log_leaves` is rebuilt
 * as migrations 6 and 7 did (https://www.sqlite.org/lang_altertable.html §7), foreign keys off
 * around the transaction. Frozen with the migration: plain SQL, the table's own index and trigger
 * definitions read from sqlite_schema just before the rebuild.
 */
export const migration9: Migration = {
  version: 9,
  name: 'decision matters and power lists',
  foreignKeysOff: true,
  sql: `
    -- id: the public number (1, 2, 3 … in the order matters were first recorded; data/store/public-id.ts)
    CREATE TABLE decision_matters (
      id          INTEGER PRIMARY KEY CHECK (id >= 1),
      village     TEXT NOT NULL,
      subject     TEXT NOT NULL CHECK (subject <> ''),
      -- the demo's sample data, labelled 示例数据 wherever it is shown
      sample      INTEGER NOT NULL CHECK (sample IN (0, 1)),
      created_at  TEXT NOT NULL,
      UNIQUE (village, subject)
    );
    CREATE TRIGGER decision_matters_no_update BEFORE UPDATE ON decision_matters
      BEGIN SELECT RAISE(ABORT, 'decision matters are append-only'); END;
    CREATE TRIGGER decision_matters_no_delete BEFORE DELETE ON decision_matters
      BEGIN SELECT RAISE(ABORT, 'decision matters are append-only'); END;

    -- value: the entry's canonical JSON as the API serves it; its leaf's sha256 covers it
    CREATE TABLE decision_entries (
      matter      INTEGER NOT NULL REFERENCES decision_matters (id),
      seq         INTEGER NOT NULL CHECK (seq >= 1),
      entry       TEXT NOT NULL CHECK (entry IN ('matter', 'step')),
      value       TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      log_index   INTEGER NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (matter, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER decision_entries_no_update BEFORE UPDATE ON decision_entries
      BEGIN SELECT RAISE(ABORT, 'decision entries are append-only'); END;
    CREATE TRIGGER decision_entries_no_delete BEFORE DELETE ON decision_entries
      BEGIN SELECT RAISE(ABORT, 'decision entries are append-only'); END;

    -- scope: a city (4 digits) or county (6); seq: 1, 2 … per scope; version: the document's own
    -- name for itself, unique per scope; document: its canonical JSON, which the leaf's sha256 covers
    CREATE TABLE power_catalogues (
      scope        TEXT NOT NULL CHECK (length(scope) IN (4, 6)),
      seq          INTEGER NOT NULL CHECK (seq >= 1),
      version      TEXT NOT NULL,
      document     TEXT NOT NULL,
      published_at TEXT NOT NULL,
      log_index    INTEGER NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (scope, seq),
      UNIQUE (scope, version)
    ) WITHOUT ROWID;
    CREATE TRIGGER power_catalogues_no_update BEFORE UPDATE ON power_catalogues
      BEGIN SELECT RAISE(ABORT, 'power lists are append-only'); END;
    CREATE TRIGGER power_catalogues_no_delete BEFORE DELETE ON power_catalogues
      BEGIN SELECT RAISE(ABORT, 'power lists are append-only'); END;
  `,
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'log_leaves' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE log_leaves_v9 (
        idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
        leaf      TEXT NOT NULL,
        leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
        kind      TEXT NOT NULL CHECK (kind IN ('publication', 'complaint-event', 'tombstone', 'flag-event', 'rectification-event', 'flag-settings',
                    'complaint-step-tombstone', 'decision-entry', 'power-catalogue')),
        ref       TEXT NOT NULL
      )`);
    db.exec('INSERT INTO log_leaves_v9 (idx, leaf, leaf_hash, kind, ref) SELECT idx, leaf, leaf_hash, kind, ref FROM log_leaves ORDER BY idx');
    db.exec('DROP TABLE log_leaves');
    db.exec('ALTER TABLE log_leaves_v9 RENAME TO log_leaves');
    for (const sql of dependents) db.exec(sql);
  },
};
