import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 7: complaint steps can be taken down (a reply that leaked a phone number). The
 * takedown is its own table, append-only like `takedowns`, and its own leaf type
 * (`complaint-step-tombstone`), which widens the CHECK on `log_leaves.kind`. SQLite cannot alter a
 * CHECK, so `log_leaves` is rebuilt by the procedure of
 * https://www.sqlite.org/lang_altertable.html §7, as migration 6 did, with foreign keys off around
 * the transaction. Frozen with the migration: plain SQL and a copy of the table's own index and
 * trigger definitions read from sqlite_schema just before the rebuild.
 */
export const migration7: Migration = {
  version: 7,
  name: 'complaint step takedowns',
  foreignKeysOff: true,
  sql: `
    -- A complaint step taken down: its text leaves every public view (staff still read it), the
    -- step's row and its leaf stay untouched; this row and the complaint-step-tombstone leaf
    -- record the removal and its reason.
    CREATE TABLE complaint_step_takedowns (
      complaint TEXT NOT NULL,
      seq       INTEGER NOT NULL CHECK (seq >= 1),
      reason    TEXT NOT NULL CHECK (reason <> ''),
      at        TEXT NOT NULL,
      log_index INTEGER NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (complaint, seq),
      FOREIGN KEY (complaint, seq) REFERENCES complaint_events (complaint, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER complaint_step_takedowns_no_update BEFORE UPDATE ON complaint_step_takedowns
      BEGIN SELECT RAISE(ABORT, 'complaint step takedowns are append-only'); END;
    CREATE TRIGGER complaint_step_takedowns_no_delete BEFORE DELETE ON complaint_step_takedowns
      BEGIN SELECT RAISE(ABORT, 'complaint step takedowns are append-only'); END;
  `,
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'log_leaves' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE log_leaves_v7 (
        idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
        leaf      TEXT NOT NULL,
        leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
        kind      TEXT NOT NULL CHECK (kind IN ('publication', 'complaint-event', 'tombstone', 'flag-event', 'rectification-event', 'flag-settings',
                    'complaint-step-tombstone')),
        ref       TEXT NOT NULL
      )`);
    db.exec('INSERT INTO log_leaves_v7 (idx, leaf, leaf_hash, kind, ref) SELECT idx, leaf, leaf_hash, kind, ref FROM log_leaves ORDER BY idx');
    db.exec('DROP TABLE log_leaves');
    db.exec('ALTER TABLE log_leaves_v7 RENAME TO log_leaves');
    for (const sql of dependents) db.exec(sql);
  },
};
