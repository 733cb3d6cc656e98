import type Database from 'better-sqlite3';

/**
 * Public numbers of flags, inspection rounds and 四议两公开 matters (complaints do the same in sqlite-complaints.ts):
 * 1, 2, 3 … in the order the records were stored, with no gap and no repeat. The next one is
 * max + 1, read inside the IMMEDIATE write transaction that inserts the record. That is enough in
 * SQLite because a database file has one writer at a time, across connections and processes, so
 * no two transactions read the same max; and a transaction that rolls back leaves nothing behind,
 * so it leaves no gap.
 *
 * PostgreSQL gives neither for free: a SEQUENCE is not transactional (a rollback burns its number,
 * leaving a gap), and max + 1 under READ COMMITTED lets two transactions take the same number. The
 * PostgreSQL backend (pg/) takes the log's head row FOR UPDATE first in every transaction that
 * stores such a record (PgLog.lock), so max + 1 is read by one writer at a time there too. The
 * contracts' two-connection tests (flag-contract.ts, rectification-contract.ts) pin it.
 */
export function publicIdSequence(db: Database.Database, table: 'flags' | 'rounds' | 'decision_matters'): () => number {
  const max = db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck();
  return () => (max.get() as number) + 1;
}

/** A public number as the API spells it ("1", "2" …) to the row id, or null when it is not one. */
export function publicIdNumber(id: string): number | null {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : null;
}
