import type { BeneficiaryGroup } from './flag-store.ts';
import type { NewPublication } from './store.ts';

/**
 * Beneficiary fingerprints as rows, shared by the SQLite and PostgreSQL backends: the check a
 * version's fingerprints pass before they are stored, and the grouping of duplicate rows.
 */

export interface DuplicateRow {
  key: string;
  match: 'id' | 'name-masked-id';
  programme: string;
  period: string;
  village: string;
  publication_id: string;
  row: number;
}

/** Rows sharing a fingerprint within one programme and period, as groups. */
export function groupDuplicates(rows: readonly DuplicateRow[]): BeneficiaryGroup[] {
  const groups = new Map<string, BeneficiaryGroup>();
  for (const r of rows) {
    const id = `${r.programme}\u0000${r.period}\u0000${r.match}\u0000${r.key}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { programme: r.programme, period: r.period, match: r.match, rows: [] }));
    group.rows.push({ village: r.village, publicationId: r.publication_id, row: r.row });
  }
  // Ordered by what a reader sees (programme, period, then the first row), not by the fingerprint.
  return [...groups.values()].sort(
    (a, b) => compare(a.programme, b.programme) || compare(a.period, b.period) || compare(firstRow(a), firstRow(b)) || compare(a.match, b.match),
  );
}

/** Fingerprints that do not fit their version are an importer bug: refused, and the version with them. */
export function checkKeys(input: NewPublication): void {
  const content = input.content;
  if (content.kind !== 'subsidy') throw new TypeError(`publication ${input.id}: beneficiary keys belong to subsidy lists, not ${content.kind}`);
  const rows = new Set(content.rows.map((r) => r.row));
  for (const k of input.beneficiaryKeys ?? []) {
    if (!rows.has(k.row)) throw new TypeError(`publication ${input.id}: a beneficiary key names row ${k.row}, which the list does not have`);
    if (!/^[0-9a-f]{64}$/.test(k.key)) throw new TypeError(`publication ${input.id}, row ${k.row}: a beneficiary key must be a hex HMAC-SHA-256`);
  }
}

function firstRow(g: BeneficiaryGroup): string {
  const r = g.rows[0];
  return r ? `${r.village}\u0000${r.publicationId}\u0000${String(r.row).padStart(10, '0')}` : '';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The people paid twice in one programme and period among the current, not-taken-down subsidy
 * lists of a code range, as one statement for both backends; `low` and `high` are the
 * backend's placeholders for the range's ends.
 */
export function duplicateBeneficiariesSql(low: string, high: string): string {
  return `WITH live AS (
      SELECT k.key, k.match, p.subject AS programme, p.period, p.village, p.id AS publication_id, k.row
      FROM publications p JOIN beneficiary_keys k ON k.publication_id = p.id
      WHERE p.village >= ${low} AND p.village < ${high} AND p.kind = 'subsidy'
        AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
        AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
    ),
    twice AS (
      SELECT key, match, programme, period FROM live GROUP BY key, match, programme, period HAVING count(*) >= 2
    )
    SELECT l.key, l.match, l.programme, l.period, l.village, l.publication_id, l.row
    FROM live l JOIN twice USING (key, match, programme, period)
    ORDER BY l.programme, l.period, l.match, l.key, l.village, l.publication_id, l.row`;
}
