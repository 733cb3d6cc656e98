import type Database from 'better-sqlite3';
import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 6: red flags, county flag settings, subsidy beneficiary fingerprints and inspection
 * rounds; and the publication kind `contract` with the three new log leaf types, which widen two
 * CHECK constraints. SQLite cannot alter a CHECK, so `publications` and `log_leaves` are rebuilt by
 * the procedure of https://www.sqlite.org/lang_altertable.html §7 (new table, copy, drop, rename,
 * recreate indexes and triggers), with foreign keys off around the transaction (`foreignKeysOff`).
 * Everything here is frozen with the migration: plain SQL, plus a copy of each table's own index
 * and trigger definitions read from sqlite_schema just before the rebuild, so they come back
 * exactly as they were.
 */
export const migration6: Migration = {
  version: 6,
  name: 'red flags, beneficiary fingerprints, inspection rounds; contract publications',
  foreignKeysOff: true,
  sql: `
    -- id: the public number, 1, 2, 3 … in the order flags were raised, assigned by the store inside
    -- its write transaction. key: the finding's identity in its village and rule (never public).
    -- The wording (title … evidence) is that of the latest raised/updated event, kept here to list fast.
    CREATE TABLE flags (
      id          INTEGER PRIMARY KEY CHECK (id >= 1),
      village     TEXT NOT NULL CHECK (length(village) = 12),
      rule        TEXT NOT NULL,
      key         TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('open', 'explained', 'confirmed', 'dismissed', 'resolved')),
      title       TEXT NOT NULL,
      detail      TEXT NOT NULL,
      amount      INTEGER,
      evidence    TEXT NOT NULL CHECK (json_valid(evidence)),
      sample      INTEGER NOT NULL CHECK (sample IN (0, 1)),
      raised_at   TEXT NOT NULL,
      public_from TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    -- lists and counts by scope (a village code prefix), status and rule, read from the index alone
    CREATE INDEX flags_village_status ON flags (village, status, rule, public_from, raised_at);
    -- a run reads the village's flags of its rules
    CREATE INDEX flags_village_rule_key ON flags (village, rule, key);

    -- payload: the canonical JSON of the event's own fields (all but seq, at, actor and type).
    CREATE TABLE flag_events (
      flag    INTEGER NOT NULL REFERENCES flags (id),
      seq     INTEGER NOT NULL CHECK (seq >= 1),
      at      TEXT NOT NULL,
      actor   TEXT NOT NULL,
      type    TEXT NOT NULL CHECK (type IN ('raised', 'updated', 'explained', 'confirmed', 'dismissed', 'resolved', 'reopened')),
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      PRIMARY KEY (flag, seq)
    ) WITHOUT ROWID;

    CREATE TABLE flag_runs (
      id           TEXT PRIMARY KEY,
      village      TEXT NOT NULL,
      at           TEXT NOT NULL,
      triggered_by TEXT NOT NULL CHECK (triggered_by IN ('publication', 'nightly', 'manual')),
      rules        TEXT NOT NULL CHECK (json_valid(rules)),
      findings     INTEGER NOT NULL CHECK (findings >= 0)
    );
    CREATE INDEX flag_runs_village_at ON flag_runs (village, at);

    -- document: canonical JSON; sha256: of that text, as the flag-settings leaf carries it.
    CREATE TABLE flag_settings (
      code     TEXT NOT NULL,
      version  INTEGER NOT NULL CHECK (version >= 1),
      document TEXT NOT NULL CHECK (json_valid(document)),
      sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
      at       TEXT NOT NULL,
      actor    TEXT NOT NULL,
      PRIMARY KEY (code, version)
    ) WITHOUT ROWID;

    -- Keyed fingerprints (hex HMAC-SHA-256) of subsidy beneficiaries, written with their version
    -- and never served. The CHECK keeps anything but a fingerprint (a raw ID number) out.
    CREATE TABLE beneficiary_keys (
      publication_id TEXT NOT NULL REFERENCES publications (id),
      row            INTEGER NOT NULL,
      key            TEXT NOT NULL CHECK (length(key) = 64 AND key NOT GLOB '*[^0-9a-f]*'),
      match          TEXT NOT NULL CHECK (match IN ('id', 'name-masked-id')),
      PRIMARY KEY (publication_id, row, match)
    ) WITHOUT ROWID;
    CREATE INDEX beneficiary_keys_key ON beneficiary_keys (key);

    -- id: the public number, 1, 2, 3 … in the order rounds were opened. A round is its events.
    CREATE TABLE rounds (
      id         INTEGER PRIMARY KEY CHECK (id >= 1),
      scope      TEXT NOT NULL CHECK (length(scope) IN (2, 4, 6, 9, 12) AND scope NOT GLOB '*[^0-9]*'),
      sample     INTEGER NOT NULL CHECK (sample IN (0, 1)),
      opened_at  TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX rounds_scope ON rounds (scope);

    CREATE TABLE round_events (
      round   INTEGER NOT NULL REFERENCES rounds (id),
      seq     INTEGER NOT NULL CHECK (seq >= 1),
      at      TEXT NOT NULL,
      actor   TEXT NOT NULL,
      type    TEXT NOT NULL CHECK (type IN ('opened', 'problem-added', 'task-added', 'evidence-submitted', 'task-closed',
                'task-returned', 'recovery-recorded', 'rule-adopted', 'round-closed')),
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      PRIMARY KEY (round, seq)
    ) WITHOUT ROWID;

    -- What happened is never rewritten; of a flag only its current status and wording move, of a
    -- round only the time of its last step.
    CREATE TRIGGER flags_no_delete BEFORE DELETE ON flags
      BEGIN SELECT RAISE(ABORT, 'flags are never deleted'); END;
    CREATE TRIGGER flags_fixed_columns BEFORE UPDATE OF id, village, rule, key, sample, raised_at, public_from ON flags
      BEGIN SELECT RAISE(ABORT, 'only the status, wording and updated_at of a flag change'); END;
    CREATE TRIGGER flag_events_no_update BEFORE UPDATE ON flag_events
      BEGIN SELECT RAISE(ABORT, 'flag events are append-only'); END;
    CREATE TRIGGER flag_events_no_delete BEFORE DELETE ON flag_events
      BEGIN SELECT RAISE(ABORT, 'flag events are append-only'); END;
    CREATE TRIGGER flag_runs_no_update BEFORE UPDATE ON flag_runs
      BEGIN SELECT RAISE(ABORT, 'flag runs are append-only'); END;
    CREATE TRIGGER flag_runs_no_delete BEFORE DELETE ON flag_runs
      BEGIN SELECT RAISE(ABORT, 'flag runs are append-only'); END;
    CREATE TRIGGER flag_settings_no_update BEFORE UPDATE ON flag_settings
      BEGIN SELECT RAISE(ABORT, 'flag settings are append-only'); END;
    CREATE TRIGGER flag_settings_no_delete BEFORE DELETE ON flag_settings
      BEGIN SELECT RAISE(ABORT, 'flag settings are append-only'); END;
    CREATE TRIGGER beneficiary_keys_no_update BEFORE UPDATE ON beneficiary_keys
      BEGIN SELECT RAISE(ABORT, 'beneficiary keys are append-only'); END;
    CREATE TRIGGER beneficiary_keys_no_delete BEFORE DELETE ON beneficiary_keys
      BEGIN SELECT RAISE(ABORT, 'beneficiary keys are append-only'); END;
    CREATE TRIGGER rounds_no_delete BEFORE DELETE ON rounds
      BEGIN SELECT RAISE(ABORT, 'rounds are never deleted'); END;
    CREATE TRIGGER rounds_fixed_columns BEFORE UPDATE OF id, scope, sample, opened_at ON rounds
      BEGIN SELECT RAISE(ABORT, 'only the updated_at of a round changes'); END;
    CREATE TRIGGER round_events_no_update BEFORE UPDATE ON round_events
      BEGIN SELECT RAISE(ABORT, 'round events are append-only'); END;
    CREATE TRIGGER round_events_no_delete BEFORE DELETE ON round_events
      BEGIN SELECT RAISE(ABORT, 'round events are append-only'); END;
  `,
  run(db) {
    rebuild(db, 'publications', {
      create: `
        CREATE TABLE publications_v6 (
          id              TEXT PRIMARY KEY,
          village         TEXT NOT NULL,
          kind            TEXT NOT NULL CHECK (kind IN ('finance', 'subsidy', 'project', 'contract')),
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
        )`,
      // rowid is copied too: it is the stored order (listPublications breaks ties by it)
      copy: `
        INSERT INTO publications_v6 (rowid, id, village, kind, period, subject, version, supersedes, published_at,
          recorded_at, sha256, sample, source_filename, source_format, content)
        SELECT rowid, id, village, kind, period, subject, version, supersedes, published_at,
          recorded_at, sha256, sample, source_filename, source_format, content
        FROM publications ORDER BY rowid`,
    });
    rebuild(db, 'log_leaves', {
      create: `
        CREATE TABLE log_leaves_v6 (
          idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
          leaf      TEXT NOT NULL,
          leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
          kind      TEXT NOT NULL CHECK (kind IN ('publication', 'complaint-event', 'tombstone', 'flag-event', 'rectification-event', 'flag-settings')),
          ref       TEXT NOT NULL
        )`,
      copy: 'INSERT INTO log_leaves_v6 (idx, leaf, leaf_hash, kind, ref) SELECT idx, leaf, leaf_hash, kind, ref FROM log_leaves ORDER BY idx',
    });
  },
};

/**
 * Rebuilds `table` as `<table>_v6` (created by `create`, filled by `copy`), then puts back the
 * table's own indexes and triggers from their stored definitions. Part of migration 6: never edit.
 */
function rebuild(db: Database.Database, table: 'publications' | 'log_leaves', steps: { create: string; copy: string }): void {
  // Autoindexes (sql IS NULL) come back with the UNIQUE and PRIMARY KEY constraints of `create`.
  const dependents = db
    .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
    .pluck()
    .all(table) as string[];
  db.exec(steps.create);
  db.exec(steps.copy);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_v6 RENAME TO ${table}`);
  for (const sql of dependents) db.exec(sql);
}
