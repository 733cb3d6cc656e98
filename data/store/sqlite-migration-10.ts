import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 10: evidence for 四议两公开 steps (issue 11, point 3). An attachment is a third kind of
 * matter entry, so the CHECK on `decision_entries.entry` widens; SQLite cannot alter a CHECK, so the
 * table is rebuilt as migration 9 rebuilt `log_leaves` (https://www.sqlite.org/lang_altertable.html
 * §7), with its triggers re-created from the definitions read just before. The files live in a
 * table of their own, by key (a photo's id or a PDF's SHA-256), written once.
 */
export const migration10: Migration = {
  version: 10,
  name: 'decision evidence',
  foreignKeysOff: true,
  sql: `
    CREATE TABLE decision_evidence_files (
      key         TEXT PRIMARY KEY CHECK (length(key) IN (24, 64)),
      media_type  TEXT NOT NULL CHECK (media_type IN ('image/webp', 'application/pdf')),
      sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes       BLOB NOT NULL,
      created_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TRIGGER decision_evidence_files_no_update BEFORE UPDATE ON decision_evidence_files
      BEGIN SELECT RAISE(ABORT, 'evidence files are kept as received'); END;
    CREATE TRIGGER decision_evidence_files_no_delete BEFORE DELETE ON decision_evidence_files
      BEGIN SELECT RAISE(ABORT, 'evidence files are kept as received'); END;
  `,
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'decision_entries' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE decision_entries_v10 (
        matter      INTEGER NOT NULL REFERENCES decision_matters (id),
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        entry       TEXT NOT NULL CHECK (entry IN ('matter', 'step', 'evidence')),
        value       TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        log_index   INTEGER NOT NULL UNIQUE REFERENCES log_leaves (idx),
        PRIMARY KEY (matter, seq)
      ) WITHOUT ROWID`);
    db.exec('INSERT INTO decision_entries_v10 (matter, seq, entry, value, recorded_at, log_index) SELECT matter, seq, entry, value, recorded_at, log_index FROM decision_entries ORDER BY matter, seq');
    db.exec('DROP TABLE decision_entries');
    db.exec('ALTER TABLE decision_entries_v10 RENAME TO decision_entries');
    for (const sql of dependents) db.exec(sql);
  },
};
