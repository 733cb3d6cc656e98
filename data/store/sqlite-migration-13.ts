import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 13: the village supervision committee's comment on a flag (issue 13: the chair "comments
 * on flags") is a flag event of its own, so the CHECK on `flag_events.type` widens; SQLite cannot
 * alter a CHECK, so the table is rebuilt as migration 10 rebuilt `decision_entries`
 * (https://www.sqlite.org/lang_altertable.html §7), its indexes and triggers re-created from the
 * definitions read just before.
 */
export const migration13: Migration = {
  version: 13,
  name: 'supervision committee comments on flags',
  foreignKeysOff: true,
  sql: '',
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'flag_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE flag_events_v13 (
        flag    INTEGER NOT NULL REFERENCES flags (id),
        seq     INTEGER NOT NULL CHECK (seq >= 1),
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        type    TEXT NOT NULL CHECK (type IN ('raised', 'updated', 'explained', 'commented', 'confirmed', 'dismissed', 'resolved', 'reopened')),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        PRIMARY KEY (flag, seq)
      ) WITHOUT ROWID`);
    db.exec('INSERT INTO flag_events_v13 (flag, seq, at, actor, type, payload) SELECT flag, seq, at, actor, type, payload FROM flag_events ORDER BY flag, seq');
    db.exec('DROP TABLE flag_events');
    db.exec('ALTER TABLE flag_events_v13 RENAME TO flag_events');
    for (const sql of dependents) db.exec(sql);
  },
};
