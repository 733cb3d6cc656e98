import type Database from 'better-sqlite3';

/**
 * One schema migration of the SQLite store (the list is sqlite-migrations.ts). Once released, a
 * migration is never edited: its `run` is frozen code that does not call the application's live
 * modules, so a fresh install replays exactly what an upgrade did (review W7).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data work after `sql`, in the same transaction (e.g. filling a new index from stored rows). */
  run?: (db: Database.Database) => void;
  /**
   * Rebuilding a table (SQLite's only way to change a CHECK) needs foreign keys off, and that
   * pragma cannot change inside a transaction: `migrate` turns them off before the migration's
   * transaction, runs PRAGMA foreign_key_check before it commits, and restores them after.
   */
  foreignKeysOff?: boolean;
}
