import { checkedCorrections, correctionsLimit, type IntakeCorrections, type StoredCorrection } from '../intake-corrections.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/** Intake corrections in PostgreSQL (schema 13): one statement per complaint's corrections. */
export function createPgIntakeCorrections(db: PgQueryable): IntakeCorrections {
  return {
    async recordCorrections(village, at, corrections) {
      checkedCorrections(village, at, corrections);
      if (corrections.length === 0) return;
      await db.query(
        `INSERT INTO intake_corrections (village, at, kind, suggested, chosen)
         SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[])`,
        [village, at, corrections.map((c) => c.kind), corrections.map((c) => c.suggested), corrections.map((c) => c.chosen)],
      );
    },
    async listCorrections(prefix, limit) {
      const [low, high] = prefixRange(prefix);
      return db.query<StoredCorrection>(
        `SELECT village, at, kind, suggested, chosen FROM intake_corrections WHERE village >= $1 AND village < $2
         ORDER BY at DESC, id ASC LIMIT $3`,
        [low, high, correctionsLimit(limit)],
      );
    },
  };
}
