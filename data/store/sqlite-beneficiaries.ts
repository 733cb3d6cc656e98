import type Database from 'better-sqlite3';
import { checkKeys, groupDuplicates, type DuplicateRow } from './beneficiary-rows.ts';
import type { BeneficiaryIndex } from './flag-store.ts';
import type { NewPublication } from './store.ts';

/**
 * Subsidy beneficiaries' keyed fingerprints in SQLite (migration 6). `insertKeys` runs inside
 * publish's transaction, so a version and its fingerprints commit together. Duplicates are found by
 * one GROUP BY over the current, not taken-down subsidy versions of a township's villages; the
 * fingerprints themselves never leave this module.
 */
export interface SqliteBeneficiaries extends BeneficiaryIndex {
  /** Stores a version's fingerprints; call inside publish's write transaction, after the version. */
  insertKeys(input: NewPublication): void;
}

export function createSqliteBeneficiaries(db: Database.Database): SqliteBeneficiaries {
  const sql = {
    insert: db.prepare('INSERT INTO beneficiary_keys (publication_id, row, key, match) VALUES (?, ?, ?, ?)'),
    duplicates: db.prepare(
      `WITH live AS (
         SELECT k.key, k.match, p.subject AS programme, p.period, p.village, p.id AS publication_id, k.row
         FROM publications p JOIN beneficiary_keys k ON k.publication_id = p.id
         WHERE p.village >= @low AND p.village < @high AND p.kind = 'subsidy'
           AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
           AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
       ),
       twice AS (
         SELECT key, match, programme, period FROM live GROUP BY key, match, programme, period HAVING count(*) >= 2
       )
       SELECT l.key, l.match, l.programme, l.period, l.village, l.publication_id, l.row
       FROM live l JOIN twice USING (key, match, programme, period)
       ORDER BY l.programme, l.period, l.match, l.key, l.village, l.publication_id, l.row`,
    ),
  };

  return {
    insertKeys(input) {
      const keys = input.beneficiaryKeys ?? [];
      if (keys.length === 0) return;
      checkKeys(input);
      for (const k of keys) sql.insert.run(input.id, k.row, k.key, k.match);
    },

    async duplicateBeneficiaries(township) {
      const rows = sql.duplicates.all({ low: township, high: `${township}\uffff` }) as DuplicateRow[];
      return groupDuplicates(rows);
    },
  };
}
