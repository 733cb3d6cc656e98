import type { BeneficiaryIndex } from '../flag-store.ts';
import { beneficiaryRowsSql, type BeneficiaryLookup } from '../beneficiary-lookup.ts';
import { checkKeys, duplicateBeneficiariesSql, groupDuplicates, type DuplicateRow } from '../beneficiary-rows.ts';
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
export interface PgBeneficiaries extends BeneficiaryIndex, BeneficiaryLookup {
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
        duplicateBeneficiariesSql('$1', '$2'),
        prefixRange(township),
      );
      return groupDuplicates(rows);
    },

    async beneficiaryRows(keys, limit) {
      if (keys.length === 0) return [];
      const rows = await db.query<{ village: string; publication_id: string; row: number }>(beneficiaryRowsSql(keys.length, (n) => `$${n}`), [...keys.flatMap((k) => [k.key, k.match]), limit]);
      return rows.map((r) => ({ village: r.village, publicationId: r.publication_id, row: Number(r.row) }));
    },
  };
}
