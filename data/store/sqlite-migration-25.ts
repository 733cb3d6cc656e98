import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 25 (issue 15): a fifth kind of publication, `statement` (财务报表: 收支对照表,
 * 收益分配表; data/import/statement-import.ts). SQLite cannot alter a CHECK, so `publications` is
 * rebuilt as migration 6 rebuilt it — rowid kept, its indexes and triggers re-created from the
 * definitions read just before — with foreign keys off around the migration.
 */
export const migration25: Migration = {
  version: 25,
  name: 'financial statements',
  foreignKeysOff: true,
  sql: '',
  run(db) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'publications' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all() as string[];
    db.exec(`
      CREATE TABLE publications_v25 (
        id              TEXT PRIMARY KEY,
        village         TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('finance', 'subsidy', 'project', 'contract', 'statement')),
        period          TEXT NOT NULL,
        subject         TEXT NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        supersedes      TEXT UNIQUE REFERENCES publications (id),
        published_at    TEXT NOT NULL,
        recorded_at     TEXT NOT NULL,
        sha256          TEXT NOT NULL,
        sample          INTEGER NOT NULL CHECK (sample IN (0, 1)),
        source_filename TEXT,
        source_format   TEXT NOT NULL CHECK (source_format IN ('csv', 'xlsx', 'json')),
        content         TEXT NOT NULL
      )`);
    // rowid is copied too: it is the stored order (listPublications breaks ties by it)
    db.exec(`INSERT INTO publications_v25 (rowid, id, village, kind, period, subject, version, supersedes, published_at,
               recorded_at, sha256, sample, source_filename, source_format, content)
             SELECT rowid, id, village, kind, period, subject, version, supersedes, published_at,
               recorded_at, sha256, sample, source_filename, source_format, content
             FROM publications ORDER BY rowid`);
    db.exec('DROP TABLE publications');
    db.exec('ALTER TABLE publications_v25 RENAME TO publications');
    for (const sql of dependents) db.exec(sql);
  },
};
