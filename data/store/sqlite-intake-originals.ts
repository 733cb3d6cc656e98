import type Database from 'better-sqlite3';
import {
  checkOriginal,
  MAX_ORIGINALS_PER_COMPLAINT,
  ORIGINAL_COLUMNS,
  toOriginalMeta,
  type IntakeOriginals,
  type NewOriginal,
  type OriginalRow,
  type SaveOriginalOutcome,
} from './intake-originals.ts';
import { publicIdNumber } from './public-id.ts';

/**
 * Complaints' originals in SQLite (migration 20): whether the complaint exists, whether this image
 * is already kept, and how many are, are read inside the IMMEDIATE transaction that inserts, so
 * across connections and processes one writer counts at a time.
 */
export function createSqliteIntakeOriginals(db: Database.Database): IntakeOriginals {
  const sql = {
    complaint: db.prepare('SELECT 1 FROM complaints WHERE public_id = ?').pluck(),
    existing: db.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM intake_originals WHERE complaint = ? AND id = ?`),
    count: db.prepare('SELECT count(*) FROM intake_originals WHERE complaint = ?').pluck(),
    insert: db.prepare('INSERT INTO intake_originals (complaint, seq, id, mime, width, height, size, saved_by, at, bytes) VALUES (@complaint, @seq, @id, @mime, @width, @height, @size, @savedBy, @at, @bytes)'),
    list: db.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM intake_originals WHERE complaint = ? ORDER BY seq`),
    get: db.prepare(`SELECT ${ORIGINAL_COLUMNS}, bytes FROM intake_originals WHERE complaint = ? AND id = ?`),
  };

  const saveTx = db.transaction((complaint: number, original: NewOriginal): SaveOriginalOutcome => {
    if (sql.complaint.get(complaint) === undefined) return { kind: 'no-such-complaint' };
    const prior = sql.existing.get(complaint, original.id) as OriginalRow | undefined;
    if (prior) return { kind: 'saved', meta: toOriginalMeta(prior) };
    const count = sql.count.get(complaint) as number;
    if (count >= MAX_ORIGINALS_PER_COMPLAINT) return { kind: 'too-many', limit: MAX_ORIGINALS_PER_COMPLAINT };
    // seq = count + 1: originals are never deleted, so the count is also the highest seq
    const row = { complaint, seq: count + 1, id: original.id, mime: original.mime, width: original.width, height: original.height, size: original.bytes.byteLength, savedBy: original.savedBy, at: original.at };
    sql.insert.run({ ...row, bytes: Buffer.from(original.bytes.buffer, original.bytes.byteOffset, original.bytes.byteLength) });
    return { kind: 'saved', meta: toOriginalMeta({ ...row, saved_by: row.savedBy }) };
  });

  return {
    async saveOriginal(complaint, original) {
      checkOriginal(original);
      const n = publicIdNumber(complaint);
      if (n === null) return { kind: 'no-such-complaint' };
      return saveTx.immediate(n, original);
    },
    async listOriginals(complaint) {
      const n = publicIdNumber(complaint);
      return n === null ? [] : (sql.list.all(n) as OriginalRow[]).map(toOriginalMeta);
    },
    async getOriginal(complaint, id) {
      const n = publicIdNumber(complaint);
      const row = n === null ? undefined : (sql.get.get(n, id) as (OriginalRow & { bytes: Buffer }) | undefined);
      return row ? { meta: toOriginalMeta(row), bytes: row.bytes } : null;
    },
  };
}
