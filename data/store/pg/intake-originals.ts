import {
  checkOriginal,
  MAX_ORIGINALS_PER_COMPLAINT,
  ORIGINAL_COLUMNS,
  toOriginalMeta,
  type IntakeOriginals,
  type OriginalRow,
  type SaveOriginalOutcome,
} from '../intake-originals.ts';
import { publicIdNumber } from '../public-id.ts';
import type { PgClient } from './client.ts';

/**
 * Complaints' originals in PostgreSQL (schema 14). Under READ COMMITTED two transactions counting
 * a complaint's originals at once would both see five and both insert a sixth, so each first locks
 * the complaint's row (FOR NO KEY UPDATE: it waits for another saver, or a step being written to
 * the complaint, but not for readers, nor for the foreign-key checks of rows that refer to it).
 * The row is the complaint's own, in this schema, and proves at once that the complaint exists;
 * nothing else is locked after it, so no cycle of waits can form.
 */
export function createPgIntakeOriginals(db: PgClient): IntakeOriginals {
  return {
    async saveOriginal(complaint, original) {
      checkOriginal(original);
      const n = publicIdNumber(complaint);
      if (n === null) return { kind: 'no-such-complaint' };
      return db.transaction(async (tx): Promise<SaveOriginalOutcome> => {
        const [found] = await tx.query('SELECT public_id FROM complaints WHERE public_id = $1 FOR NO KEY UPDATE', [n]);
        if (!found) return { kind: 'no-such-complaint' };
        const [prior] = await tx.query<OriginalRow>(`SELECT ${ORIGINAL_COLUMNS} FROM intake_originals WHERE complaint = $1 AND id = $2`, [n, original.id]);
        if (prior) return { kind: 'saved', meta: toOriginalMeta(prior) };
        const count = Number((await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM intake_originals WHERE complaint = $1', [n]))[0]!.n);
        if (count >= MAX_ORIGINALS_PER_COMPLAINT) return { kind: 'too-many', limit: MAX_ORIGINALS_PER_COMPLAINT };
        // seq = count + 1: originals are never deleted, so the count is also the highest seq
        const [row] = await tx.query<OriginalRow>(
          `INSERT INTO intake_originals (complaint, seq, id, mime, width, height, size, saved_by, at, bytes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${ORIGINAL_COLUMNS}`,
          [n, count + 1, original.id, original.mime, original.width, original.height, original.bytes.byteLength, original.savedBy, original.at, Buffer.from(original.bytes.buffer, original.bytes.byteOffset, original.bytes.byteLength)],
        );
        return { kind: 'saved', meta: toOriginalMeta(row!) };
      });
    },
    async listOriginals(complaint) {
      const n = publicIdNumber(complaint);
      return n === null ? [] : (await db.query<OriginalRow>(`SELECT ${ORIGINAL_COLUMNS} FROM intake_originals WHERE complaint = $1 ORDER BY seq`, [n])).map(toOriginalMeta);
    },
    async getOriginal(complaint, id) {
      const n = publicIdNumber(complaint);
      const [row] = n === null ? [] : await db.query<OriginalRow & { bytes: Uint8Array }>(`SELECT ${ORIGINAL_COLUMNS}, bytes FROM intake_originals WHERE complaint = $1 AND id = $2`, [n, id]);
      // pg gives a Buffer, PGlite a Uint8Array: callers get a Buffer from both
      return row ? { meta: toOriginalMeta(row), bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : null;
    },
  };
}
