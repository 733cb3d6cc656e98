import type Database from 'better-sqlite3';
import { checkKeys, duplicateBeneficiariesSql, groupDuplicates, type DuplicateRow } from './beneficiary-rows.ts';
import type { BeneficiaryIndex } from './flag-store.ts';
import { beneficiaryRowsSql, type BeneficiaryLookup } from './beneficiary-lookup.ts';
import type { NewPublication } from './store.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * Subsidy beneficiaries' keyed fingerprints in SQLite (migration 6). `insertKeys` runs inside
 * publish's transaction, so a version and its fingerprints commit together. Duplicates are found by
 * one GROUP BY over the current, not taken-down subsidy versions of a township's villages; the
 * fingerprints themselves never leave this module.
 */
export interface SqliteBeneficiaries extends BeneficiaryIndex, BeneficiaryLookup {
  /** Stores a version's fingerprints; call inside publish's write transaction, after the version. */
  insertKeys(input: NewPublication): void;
}

export function createSqliteBeneficiaries(db: Database.Database): SqliteBeneficiaries {
  const sql = {
    insert: db.prepare('INSERT INTO beneficiary_keys (publication_id, row, key, match) VALUES (?, ?, ?, ?)'),
    duplicates: db.prepare(duplicateBeneficiariesSql('@low', '@high')),
  };

  return {
    insertKeys(input) {
      const keys = input.beneficiaryKeys ?? [];
      if (keys.length === 0) return;
      checkKeys(input);
      for (const k of keys) sql.insert.run(input.id, k.row, k.key, k.match);
    },

    async duplicateBeneficiaries(township) {
      const rows = sql.duplicates.all(prefixBounds(township)) as DuplicateRow[];
      return groupDuplicates(rows);
    },

    async beneficiaryRows(keys, limit) {
      if (keys.length === 0) return [];
      const rows = db.prepare(beneficiaryRowsSql(keys.length, () => '?')).all(...keys.flatMap((k) => [k.key, k.match]), limit) as Array<{ village: string; publication_id: string; row: number }>;
      return rows.map((r) => ({ village: r.village, publicationId: r.publication_id, row: r.row }));
    },
  };
}
