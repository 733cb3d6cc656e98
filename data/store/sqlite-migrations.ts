import type Database from 'better-sqlite3';
import { backfillLog } from './sqlite-log.ts';
import type { Migration } from './sqlite-migration.ts';
import { migration6 } from './sqlite-migration-6.ts';
import { migration7 } from './sqlite-migration-7.ts';
import { migration9 } from './sqlite-migration-9.ts';
import { migration10 } from './sqlite-migration-10.ts';
import { migration11 } from './sqlite-migration-11.ts';
import { migration12 } from './sqlite-migration-12.ts';
import { migration13 } from './sqlite-migration-13.ts';
import { migration14 } from './sqlite-migration-14.ts';
import { migration15 } from './sqlite-migration-15.ts';
import { migration16 } from './sqlite-migration-16.ts';
import { migration17 } from './sqlite-migration-17.ts';
import { migration18 } from './sqlite-migration-18.ts';
import { migration19 } from './sqlite-migration-19.ts';
import { migration20 } from './sqlite-migration-20.ts';
import { migration21 } from './sqlite-migration-21.ts';
import { migration22 } from './sqlite-migration-22.ts';
import { migration23 } from './sqlite-migration-23.ts';
import { migration24 } from './sqlite-migration-24.ts';
import { migration25 } from './sqlite-migration-25.ts';
import { migration26 } from './sqlite-migration-26.ts';
import { migration27 } from './sqlite-migration-27.ts';
import { migration28 } from './sqlite-migration-28.ts';
import { migration29 } from './sqlite-migration-29.ts';
import { reindexAll } from './sqlite-search.ts';

export type { Migration } from './sqlite-migration.ts';

/**
 * Schema migrations for the SQLite store, applied in order by `PRAGMA user_version`.
 * A migration, once released, is never edited: a schema change is a new entry at the end.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE divisions (
        code          TEXT PRIMARY KEY,
        level         TEXT NOT NULL CHECK (level IN ('province', 'prefecture', 'county', 'township', 'village')),
        name          TEXT NOT NULL,
        official_name TEXT NOT NULL,
        parent        TEXT
      ) WITHOUT ROWID;

      CREATE TABLE publications (
        id              TEXT PRIMARY KEY,
        village         TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('finance', 'subsidy', 'project')),
        period          TEXT NOT NULL,
        subject         TEXT NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        -- UNIQUE: a version is superseded by at most one successor, so history is a chain
        supersedes      TEXT UNIQUE REFERENCES publications (id),
        published_at    TEXT NOT NULL,
        -- when this store wrote the row (the store's clock), kept for audit next to published_at
        recorded_at     TEXT NOT NULL,
        sha256          TEXT NOT NULL,
        sample          INTEGER NOT NULL CHECK (sample IN (0, 1)),
        source_filename TEXT,
        source_format   TEXT NOT NULL CHECK (source_format IN ('csv', 'xlsx', 'json')),
        content         TEXT NOT NULL
      );
      CREATE UNIQUE INDEX publications_series ON publications (village, kind, period, subject, version);
      CREATE INDEX publications_village_published ON publications (village, published_at);

      -- Append-only is enforced by the database too, not only by the code that happens to use it.
      CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
        BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;
      CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
        BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;

      CREATE TABLE photos (
        id             TEXT NOT NULL,
        publication_id TEXT NOT NULL REFERENCES publications (id),
        variant        TEXT NOT NULL CHECK (variant IN ('large', 'small')),
        bytes          BLOB NOT NULL,
        PRIMARY KEY (id, variant)
      );
      CREATE INDEX photos_publication ON photos (publication_id);

      CREATE TABLE tokens (
        id         TEXT PRIMARY KEY,
        hash       TEXT NOT NULL UNIQUE,
        scope      TEXT NOT NULL,
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE idempotency (
        scope          TEXT NOT NULL,
        key            TEXT NOT NULL,
        request_hash   TEXT NOT NULL,
        publication_id TEXT NOT NULL REFERENCES publications (id),
        created_at     TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      );
    `,
  },
  {
    version: 2,
    name: 'search index',
    // The tokens come from data/search/tokenize.ts at the time the migration runs; if the
    // tokenizer ever changes, a new migration must rebuild the index (reindexAll), not edit this one.
    sql: `
      -- One row per searchable row of a current publication (row 0: title and notes). A superseded
      -- version's rows are deleted when its successor is published: it leaves search, its page stays.
      CREATE TABLE search_rows (
        id             INTEGER PRIMARY KEY,
        publication_id TEXT NOT NULL REFERENCES publications (id),
        village        TEXT NOT NULL,
        county         TEXT NOT NULL,
        township       TEXT NOT NULL,
        kind           TEXT NOT NULL,
        period         TEXT NOT NULL,
        -- the period's first and last day, for date filters on rows without a date of their own
        period_start   TEXT NOT NULL,
        period_end     TEXT NOT NULL,
        row            INTEGER NOT NULL,
        text           TEXT NOT NULL,
        date           TEXT,
        amount         INTEGER,
        published_at   TEXT NOT NULL
      );
      CREATE INDEX search_rows_publication ON search_rows (publication_id);

      -- rowid = search_rows.id. tokens: the row's space-joined search tokens; places: the tokens of
      -- its village, township and county names. Tokens are made by data/search/tokenize.ts, so
      -- unicode61 only splits on the spaces between them; '.' is a token character (386.5).
      CREATE VIRTUAL TABLE search_fts USING fts5 (
        tokens, places,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '.'"
      );
    `,
    // Migration 3 replaces these tables and indexes every current publication, so this one no
    // longer fills them (the code that did so now writes migration 3's shape).
  },
  {
    version: 3,
    name: 'search index for a million rows',
    // Ids order by date and filters become FTS tokens (data/store/sqlite-search.ts explains why).
    sql: `
      DROP TABLE search_fts;
      DROP TABLE search_rows;
      -- id: the row's day, its county's slot and kind, and a sequence number, so that FTS5's
      -- rowid order is newest first and facets are counted from ids (data/store/sqlite-search-rows.ts).
      -- It is not the table's own rowid: rows go in out of id order, which would leave B-tree pages
      -- half empty; the rowid stays sequential and search_rows_id finds a row by id.
      CREATE TABLE search_rows (
        id             INTEGER NOT NULL,
        publication_id TEXT NOT NULL REFERENCES publications (id),
        village        TEXT NOT NULL,
        kind           TEXT NOT NULL,
        period         TEXT NOT NULL,
        period_start   TEXT NOT NULL,
        period_end     TEXT NOT NULL,
        row            INTEGER NOT NULL,
        text           TEXT NOT NULL,
        date           TEXT,
        amount         INTEGER,
        published_at   TEXT NOT NULL
      );
      CREATE INDEX search_rows_publication ON search_rows (publication_id);
      CREATE INDEX search_rows_village ON search_rows (village);
      -- Ids are unique by construction (data/store/sqlite-search-rows.ts). The index also carries
      -- what date and amount filters check, so filtering FTS5's matches (in id order) reads this
      -- index in order instead of the table at random.
      CREATE INDEX search_rows_id ON search_rows (id, date, period_start, period_end, amount);
      -- a small number per county code, for the ids; never reused
      CREATE TABLE search_counties (
        slot INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE
      );

      -- tokens: the row's search tokens; places: its village, township and county names' tokens;
      -- scope: c<county> t<township> v<village> k<kind>, for filters inside MATCH. Queries only
      -- ever look for their own words in {tokens places}.
      -- detail stays full: with detail=column bm25() scores every row of a contentless table 0.
      CREATE VIRTUAL TABLE search_fts USING fts5 (
        tokens, places, scope,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '.'"
      );
    `,
    run: reindexAll,
  },
  {
    version: 4,
    name: 'complaints',
    sql: `
      -- public_id: 1, 2, 3 … in filing order, assigned by the store inside its write transaction.
      -- contact_*: private (staff only); none at all when the villager chose anonymity.
      CREATE TABLE complaints (
        tracking_code  TEXT PRIMARY KEY,
        public_id      INTEGER NOT NULL UNIQUE CHECK (public_id >= 1),
        village        TEXT NOT NULL,
        category       TEXT NOT NULL,
        text           TEXT NOT NULL,
        publication_id TEXT,
        row            INTEGER,
        contact_name   TEXT,
        contact_phone  TEXT,
        anonymous      INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
        status         TEXT NOT NULL CHECK (status IN ('received', 'dispatched', 'replied', 'closed')),
        department     TEXT,
        received_at    TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        CHECK (anonymous = 0 OR (contact_name IS NULL AND contact_phone IS NULL))
      );
      -- staff lists: villages under a scope (a code prefix), newest first
      CREATE INDEX complaints_village_received ON complaints (village, received_at, public_id);

      -- The history: one typed row per event, seq 1, 2, 3 … per complaint; the fields an event
      -- type does not have stay NULL.
      CREATE TABLE complaint_events (
        complaint  TEXT NOT NULL REFERENCES complaints (tracking_code),
        seq        INTEGER NOT NULL CHECK (seq >= 1),
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('received', 'dispatch', 'reply', 'close', 'reopen', 'feedback')),
        department TEXT CHECK ((type = 'dispatch') = (department IS NOT NULL)),
        text       TEXT CHECK ((type = 'reply') = (text IS NOT NULL)),
        resolution TEXT CHECK ((type = 'close') = (resolution IS NOT NULL)),
        reason     TEXT CHECK (type = 'reopen' OR reason IS NULL),
        satisfied  INTEGER CHECK (CASE WHEN type = 'feedback' THEN coalesce(satisfied IN (0, 1), 0) ELSE satisfied IS NULL END),
        comment    TEXT CHECK (type = 'feedback' OR comment IS NULL),
        PRIMARY KEY (complaint, seq)
      ) WITHOUT ROWID;

      -- What happened to a complaint is never rewritten; only its current status moves.
      CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
        BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
      CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
        BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
      CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
        BEGIN SELECT RAISE(ABORT, 'complaints are never deleted'); END;
      CREATE TRIGGER complaints_fixed_columns BEFORE UPDATE OF
          tracking_code, public_id, village, category, text, publication_id, row,
          contact_name, contact_phone, anonymous, received_at
        ON complaints
        BEGIN SELECT RAISE(ABORT, 'only the status, department and updated_at of a complaint change'); END;
    `,
  },
  {
    version: 5,
    name: 'transparency log',
    // Leaves of what was stored before this migration are written by backfillLog with the leaf
    // format of data/log/log-leaf.ts at the time it runs: every publication in the order it was
    // stored (rowid), then every complaint step by public id and seq. Publications and complaint
    // steps are not interleaved by time; from here on each leaf is appended as its record is stored.
    sql: `
      -- idx: 0, 1, 2 … with no gap; leaf: canonical JSON (data/log/log-leaf.ts); leaf_hash: SHA-256(0x00 ‖ leaf).
      -- kind + ref name the record a leaf covers (a publication id; <complaint public id>/<seq>;
      -- the id of the publication taken down), once each.
      CREATE TABLE log_leaves (
        idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
        leaf      TEXT NOT NULL,
        leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
        kind      TEXT NOT NULL CHECK (kind IN ('publication', 'complaint-event', 'tombstone')),
        ref       TEXT NOT NULL
      );
      CREATE UNIQUE INDEX log_leaves_ref ON log_leaves (kind, ref);
      CREATE TRIGGER log_leaves_in_order BEFORE INSERT ON log_leaves
        WHEN NEW.idx IS NOT (SELECT coalesce(max(idx) + 1, 0) FROM log_leaves)
        BEGIN SELECT RAISE(ABORT, 'log leaves are appended in order, without gaps'); END;
      CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
      CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;

      -- The hash of every complete subtree above the leaves: level L, index i covers leaves
      -- [i·2^L, (i+1)·2^L). Written when its last leaf is appended and never again, so a root or a
      -- proof at any size reads O(log² n) rows instead of hashing the log (data/store/sqlite-log.ts).
      CREATE TABLE log_nodes (
        level INTEGER NOT NULL CHECK (level >= 1),
        idx   INTEGER NOT NULL CHECK (idx >= 0),
        hash  BLOB NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, idx)
      ) WITHOUT ROWID;
      CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
      CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes
        BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;

      -- A publication taken down (personal data published by mistake). The publication row stays
      -- untouched (append-only); this row and the tombstone leaf record the removal and its reason.
      CREATE TABLE takedowns (
        publication_id TEXT PRIMARY KEY REFERENCES publications (id),
        reason         TEXT NOT NULL CHECK (reason <> ''),
        at             TEXT NOT NULL,
        log_index      INTEGER NOT NULL UNIQUE REFERENCES log_leaves (idx)
      );
      CREATE TRIGGER takedowns_no_update BEFORE UPDATE ON takedowns
        BEGIN SELECT RAISE(ABORT, 'takedowns are append-only'); END;
      CREATE TRIGGER takedowns_no_delete BEFORE DELETE ON takedowns
        BEGIN SELECT RAISE(ABORT, 'takedowns are append-only'); END;
    `,
    run: backfillLog,
  },
  migration6,
  migration7,
  {
    version: 8,
    name: 'search indexing in steps',
    // data/store/sqlite-search-queue.ts works through this table.
    sql: `
      -- A version whose rows are still being added to search (next_row: the first row not yet
      -- in), or (next_row = -1) whose predecessor's rows are still leaving it. Rowid order is the
      -- order versions were stored, and the order they are worked through.
      CREATE TABLE search_queue (
        publication_id TEXT PRIMARY KEY REFERENCES publications (id),
        supersedes     TEXT REFERENCES publications (id),
        next_row       INTEGER NOT NULL CHECK (next_row >= -1)
      );
    `,
  },
  migration9,
  migration10,
  migration11,
  migration12,
  migration13,
  migration14,
  migration15,
  migration16,
  migration17,
  migration18,
  migration19,
  migration20,
  migration21,
  migration22,
  migration23,
  migration24,
  migration25,
  migration26,
  migration27,
  migration28,
  migration29,
];

/**
 * Brings the database up to the latest migration (or to `upTo`, for tests of an upgrade). Each
 * migration runs in its own IMMEDIATE transaction and re-reads `user_version` inside it, so two
 * processes opening the same file at once cannot both apply it. Returns the versions applied now
 * (empty when up to date).
 */
export function migrate(db: Database.Database, upTo = Number.POSITIVE_INFINITY): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > upTo) break;
    const apply = db.transaction(() => {
      if (userVersion(db) >= migration.version) return false;
      db.exec(migration.sql);
      migration.run?.(db);
      if (migration.foreignKeysOff) checkForeignKeys(db, migration);
      // user_version lives in the file header, so it commits or rolls back with the schema.
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    const ran = migration.foreignKeysOff
      ? userVersion(db) < migration.version && withoutForeignKeys(db, () => apply.immediate())
      : apply.immediate();
    if (ran) applied.push(migration.version);
  }
  return applied;
}

export function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around one, and restored however it ends. */
function withoutForeignKeys<T>(db: Database.Database, work: () => T): T {
  if (db.inTransaction) throw new Error('a migration that rebuilds tables cannot run inside a transaction');
  const before = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  try {
    return work();
  } finally {
    db.pragma(`foreign_keys = ${before === 1 ? 'ON' : 'OFF'}`);
  }
}

/** With foreign keys off nothing checked them: a rebuild that broke one must not commit. */
function checkForeignKeys(db: Database.Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>;
  if (broken.length > 0) {
    const sample = broken.slice(0, 5).map((b) => `${b.table} rowid ${b.rowid} → ${b.parent}`).join('; ');
    throw new Error(`migration ${migration.version}: ${broken.length} rows break a foreign key (${sample})`);
  }
}
