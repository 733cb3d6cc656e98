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
