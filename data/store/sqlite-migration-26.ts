import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 26 (issue 15): townships', counties' and cities' summary tables
 * (data/store/summary-store.ts), each version with a `region-summary` leaf, and an outbox target
 * for their pages. The leaf type and the target widen the CHECKs on `log_leaves.kind` and
 * `page_outbox.target`; SQLite cannot alter a CHECK, so both are rebuilt as migration 9 rebuilt
 * the log (https://www.sqlite.org/lang_altertable.html §7), foreign keys off around the
 * transaction, their indexes and triggers re-created from the definitions read just before.
 */
export const migration26: Migration = {
  version: 26,
  name: 'region summary tables',
  foreignKeysOff: true,
  sql: `
    -- seq: 1, 2 … per scope in the order stored (the page's address); series: one title and period
    -- of the scope, versions 1, 2 …; supersedes: the seq of the version corrected; document: the
    -- canonical JSON its leaf's sha256 covers
    CREATE TABLE region_summaries (
      scope        TEXT NOT NULL CHECK (length(scope) IN (4, 6, 9)),
      seq          INTEGER NOT NULL CHECK (seq >= 1),
      series       TEXT NOT NULL,
      version      INTEGER NOT NULL CHECK (version >= 1),
      supersedes   INTEGER,
      document     TEXT NOT NULL,
      published_at TEXT NOT NULL,
      log_index    INTEGER NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (scope, seq),
      UNIQUE (scope, series, version),
      UNIQUE (scope, supersedes),
      FOREIGN KEY (scope, supersedes) REFERENCES region_summaries (scope, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER region_summaries_no_update BEFORE UPDATE ON region_summaries
      BEGIN SELECT RAISE(ABORT, 'summary tables are append-only'); END;
    CREATE TRIGGER region_summaries_no_delete BEFORE DELETE ON region_summaries
      BEGIN SELECT RAISE(ABORT, 'summary tables are append-only'); END;
  `,
  run(db) {
    const dependents = (table: string) =>
      db.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid").pluck().all(table) as string[];
    const logDependents = dependents('log_leaves');
    db.exec(`
      CREATE TABLE log_leaves_v26 (
        idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
        leaf      TEXT NOT NULL,
        leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
        kind      TEXT NOT NULL CHECK (kind IN ('publication', 'complaint-event', 'tombstone', 'flag-event', 'rectification-event', 'flag-settings',
                    'complaint-step-tombstone', 'decision-entry', 'power-catalogue', 'region-summary')),
        ref       TEXT NOT NULL
      )`);
    db.exec('INSERT INTO log_leaves_v26 (idx, leaf, leaf_hash, kind, ref) SELECT idx, leaf, leaf_hash, kind, ref FROM log_leaves ORDER BY idx');
    db.exec('DROP TABLE log_leaves');
    db.exec('ALTER TABLE log_leaves_v26 RENAME TO log_leaves');
    for (const sql of logDependents) db.exec(sql);

    const outboxDependents = dependents('page_outbox');
    db.exec(`
      CREATE TABLE page_outbox_v26 (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        target        TEXT NOT NULL CHECK (target IN ('publication', 'village', 'round', 'power-lists', 'region-summaries')),
        key           TEXT NOT NULL,
        stale_since   TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        not_before    TEXT NOT NULL,
        claimed_by    TEXT,
        claimed_until TEXT,
        last_error    TEXT,
        failed_at     TEXT,
        finished_at   TEXT
      )`);
    db.exec(`INSERT INTO page_outbox_v26 (id, target, key, stale_since, attempts, not_before, claimed_by, claimed_until, last_error, failed_at, finished_at)
             SELECT id, target, key, stale_since, attempts, not_before, claimed_by, claimed_until, last_error, failed_at, finished_at FROM page_outbox ORDER BY id`);
    db.exec('DROP TABLE page_outbox');
    db.exec('ALTER TABLE page_outbox_v26 RENAME TO page_outbox');
    for (const sql of outboxDependents) db.exec(sql);
  },
};
