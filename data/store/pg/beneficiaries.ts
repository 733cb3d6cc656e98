import type { BeneficiaryIndex } from '../flag-store.ts';
import { checkKeys, groupDuplicates, type DuplicateRow } from '../beneficiary-rows.ts';
import type { NewPublication } from '../store.ts';
import type { PgClient, PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * Subsidy beneficiaries' keyed fingerprints in PostgreSQL (schema 7). `insertKeys` is publish's
 * hook (publications.ts `inPublish`): it runs inside publish's transaction, so a version and its
 * fingerprints commit together, and fingerprints that do not fit the version refuse both.
 * Duplicates are found by one statement over the current, not taken-down subsidy versions of a
 * township's villages; the fingerprints themselves never leave this module.
 */
export interface PgBeneficiaries extends BeneficiaryIndex {
  /** Stores a version's fingerprints inside `tx`, after the version. */
  insertKeys(tx: PgQueryable, input: NewPublication): Promise<void>;
}

export function createPgBeneficiaries(db: PgClient): PgBeneficiaries {
  return {
    async insertKeys(tx, input) {
      const keys = input.beneficiaryKeys ?? [];
      if (keys.length === 0) return;
      checkKeys(input);
      await tx.query('INSERT INTO beneficiary_keys (publication_id, row, key, match) SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[])', [
        input.id,
        keys.map((k) => k.row),
        keys.map((k) => k.key),
        keys.map((k) => k.match),
      ]);
    },

    async duplicateBeneficiaries(township) {
      const rows = await db.query<DuplicateRow>(
        `WITH live AS (
           SELECT k.key, k.match, p.subject AS programme, p.period, p.village, p.id AS publication_id, k.row
           FROM publications p JOIN beneficiary_keys k ON k.publication_id = p.id
           WHERE p.village >= $1 AND p.village < $2 AND p.kind = 'subsidy'
             AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
             AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
         ),
         twice AS (
           SELECT key, match, programme, period FROM live GROUP BY key, match, programme, period HAVING count(*) >= 2
         )
         SELECT l.key, l.match, l.programme, l.period, l.village, l.publication_id, l.row
         FROM live l JOIN twice USING (key, match, programme, period)
         ORDER BY l.programme, l.period, l.match, l.key, l.village, l.publication_id, l.row`,
        prefixRange(township),
      );
      return groupDuplicates(rows);
    },
  };
}
