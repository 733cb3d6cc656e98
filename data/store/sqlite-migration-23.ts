import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 23 (issue 17): a complaint's history gains `classify` — staff name, correct or clear
 * the 小微权力 item it concerns, a step like any other (public, logged) — its item (or none) in
 * `other`. SQLite cannot alter a CHECK, so `complaint_events` is rebuilt as migration 18 rebuilt
 * it, its indexes and triggers re-created from the definitions read just before.
 */
export const migration23: Migration = {
  version: 23,
  name: 'the classify step of a complaint',
  foreignKeysOff: true,
  sql: '',
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'complaint_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE complaint_events_v23 (
        complaint  TEXT NOT NULL REFERENCES complaints (tracking_code),
        seq        INTEGER NOT NULL CHECK (seq >= 1),
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('received', 'dispatch', 'reply', 'close', 'reopen', 'feedback', 'support', 'merge-into', 'merge-from', 'classify')),
        department TEXT CHECK ((type = 'dispatch') = (department IS NOT NULL)),
        text       TEXT CHECK ((type = 'reply') = (text IS NOT NULL)),
        resolution TEXT CHECK ((type = 'close') = (resolution IS NOT NULL)),
        reason     TEXT CHECK (type = 'reopen' OR reason IS NULL),
        satisfied  INTEGER CHECK (CASE WHEN type = 'feedback' THEN coalesce(satisfied IN (0, 1), 0) ELSE satisfied IS NULL END),
        comment    TEXT CHECK (type = 'feedback' OR comment IS NULL),
        -- the other complaint of a merge; the item of a classify step, or NULL for none
        other      TEXT CHECK (CASE WHEN type IN ('merge-into', 'merge-from') THEN other IS NOT NULL WHEN type = 'classify' THEN 1 ELSE other IS NULL END),
        PRIMARY KEY (complaint, seq)
      ) WITHOUT ROWID`);
    db.exec(`INSERT INTO complaint_events_v23 (complaint, seq, at, actor, type, department, text, resolution, reason, satisfied, comment, other)
             SELECT complaint, seq, at, actor, type, department, text, resolution, reason, satisfied, comment, other FROM complaint_events ORDER BY complaint, seq`);
    db.exec('DROP TABLE complaint_events');
    db.exec('ALTER TABLE complaint_events_v23 RENAME TO complaint_events');
    for (const sql of dependents) db.exec(sql);
  },
};
