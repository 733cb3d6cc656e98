import type { HitFields } from './hit-fields.ts';

/** How the search page and API add up a result set (issue 16): by village, township or period. */
export const TOTAL_GROUPS = ['village', 'township', 'period'] as const;
export type TotalGroup = (typeof TOTAL_GROUPS)[number];

/** The amount fields of a row (HitFields) that a group sums. */
export const SUMMED = ['income', 'expense', 'amount', 'budget', 'contractAmount', 'paid'] as const;

/** One group: its key, its rows, and each amount field in fen, summed over the rows that have it (null when none has). */
export type TotalRow = { key: string; rows: number } & Pick<HitFields, (typeof SUMMED)[number]>;

/** The most rows a result set is added up over, newest first: as many as one export holds. */
export const TOTALS_ROW_CAP = 10_000;

export interface SearchTotals {
  group: TotalGroup;
  rows: TotalRow[];
  /** the rows added up (a TotalRow's key: a village's or township's code, or a period such as 2026-Q3) */
  counted: number;
  /** every match (false: more matched than TOTALS_ROW_CAP, and the newest were added up) */
  complete: boolean;
}

export interface TotalsInput {
  village: string;
  period: string;
  fields: HitFields | null;
}

/**
 * Sums each amount field per group, in integer fen (exact: no float is ever added). Rows without
 * fields (a publication's title row) count in `rows` and add nothing. Groups in key order.
 */
export function resultTotals(group: TotalGroup, hits: readonly TotalsInput[]): TotalRow[] {
  const byKey = new Map<string, TotalRow>();
  for (const hit of hits) {
    const key = group === 'village' ? hit.village : group === 'township' ? hit.village.slice(0, 9) : hit.period;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { key, rows: 0, income: null, expense: null, amount: null, budget: null, contractAmount: null, paid: null }));
    row.rows += 1;
    for (const field of SUMMED) {
      const fen = hit.fields?.[field];
      if (fen === null || fen === undefined) continue;
      const sum = (row[field] ?? 0) + fen;
      if (!Number.isSafeInteger(sum)) throw new RangeError(`a total of ${field} beyond exact integers in ${key}`);
      row[field] = sum;
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
