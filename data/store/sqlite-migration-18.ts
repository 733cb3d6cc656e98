import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 18 (issue 17): complaints from every channel. A complaint keeps how it reached the
 * portal (`channel`, 'portal' for every earlier one) and, when staff recorded it, when and where it
 * was heard and who recorded it; these are filed fields, fixed like the others. Its history gains
 * three steps: `support` (我也遇到), `merge-into` and `merge-from`, the last two naming the other
 * complaint in `other`. SQLite cannot alter a CHECK, so `complaint_events` is rebuilt as migration
 * 13 rebuilt `flag_events`, its indexes and triggers re-created from the definitions read just before.
 */
export const migration18: Migration = {
  version: 18,
  name: 'complaints from every channel',
  foreignKeysOff: true,
  sql: `
    ALTER TABLE complaints ADD COLUMN channel TEXT NOT NULL DEFAULT 'portal'
      CHECK (channel IN ('portal', 'wechat-group', 'phone', 'visit', 'letter', 'hotline', 'inspection'));
    ALTER TABLE complaints ADD COLUMN heard_at TEXT;
    ALTER TABLE complaints ADD COLUMN heard_place TEXT;
    ALTER TABLE complaints ADD COLUMN recorded_by TEXT;
    -- the public figures count by channel, from the narrow facts as they count the rest (migration 16)
    ALTER TABLE complaint_facts ADD COLUMN channel TEXT NOT NULL DEFAULT 'portal';
    CREATE TRIGGER complaints_fixed_intake BEFORE UPDATE OF channel, heard_at, heard_place, recorded_by ON complaints
      BEGIN SELECT RAISE(ABORT, 'only the status, department and updated_at of a complaint change'); END;
    CREATE TRIGGER complaints_intake_matches_channel BEFORE INSERT ON complaints
      WHEN (NEW.channel = 'portal') <> (NEW.heard_at IS NULL) OR (NEW.heard_at IS NULL) <> (NEW.recorded_by IS NULL)
      BEGIN SELECT RAISE(ABORT, 'a complaint recorded by staff has an intake, one filed on the portal none'); END;
  `,
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'complaint_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE complaint_events_v18 (
        complaint  TEXT NOT NULL REFERENCES complaints (tracking_code),
        seq        INTEGER NOT NULL CHECK (seq >= 1),
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('received', 'dispatch', 'reply', 'close', 'reopen', 'feedback', 'support', 'merge-into', 'merge-from')),
        department TEXT CHECK ((type = 'dispatch') = (department IS NOT NULL)),
        text       TEXT CHECK ((type = 'reply') = (text IS NOT NULL)),
        resolution TEXT CHECK ((type = 'close') = (resolution IS NOT NULL)),
        reason     TEXT CHECK (type = 'reopen' OR reason IS NULL),
        satisfied  INTEGER CHECK (CASE WHEN type = 'feedback' THEN coalesce(satisfied IN (0, 1), 0) ELSE satisfied IS NULL END),
        comment    TEXT CHECK (type = 'feedback' OR comment IS NULL),
        other      TEXT CHECK ((type IN ('merge-into', 'merge-from')) = (other IS NOT NULL)),
        PRIMARY KEY (complaint, seq)
      ) WITHOUT ROWID`);
    db.exec(`INSERT INTO complaint_events_v18 (complaint, seq, at, actor, type, department, text, resolution, reason, satisfied, comment)
             SELECT complaint, seq, at, actor, type, department, text, resolution, reason, satisfied, comment FROM complaint_events ORDER BY complaint, seq`);
    db.exec('DROP TABLE complaint_events');
    db.exec('ALTER TABLE complaint_events_v18 RENAME TO complaint_events');
    for (const sql of dependents) db.exec(sql);
  },
};
