/**
 * A villager's own subsidy rows (issue 16: 查我的补贴), found by the keyed fingerprints of their ID
 * number that the import made before masking (data/import/beneficiary-key.ts). Only current versions
 * not taken down count, newest first. The caller computes the fingerprints and checks the name on
 * each row; the store never sees an ID number, and fingerprints never leave it.
 */
export interface BeneficiaryLookup {
  beneficiaryRows(keys: ReadonlyArray<{ key: string; match: 'id' | 'name-masked-id' }>, limit: number): Promise<BeneficiaryRow[]>;
}

export interface BeneficiaryRow {
  village: string;
  publicationId: string;
  row: number;
}

/** One statement for both backends; `param(n)` writes the backend's n-th placeholder (1-based). */
export function beneficiaryRowsSql(keys: number, param: (n: number) => string): string {
  const pairs = Array.from({ length: keys }, (_, i) => `(k.key = ${param(2 * i + 1)} AND k.match = ${param(2 * i + 2)})`).join(' OR ');
  return `SELECT p.village AS village, p.id AS publication_id, k.row AS row
    FROM beneficiary_keys k JOIN publications p ON p.id = k.publication_id
    WHERE (${pairs}) AND p.kind = 'subsidy'
      AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
      AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
    ORDER BY p.published_at DESC, p.id, k.row
    LIMIT ${param(2 * keys + 1)}`;
}
