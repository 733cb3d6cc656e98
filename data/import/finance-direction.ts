import type { ColumnNote } from './amount-column.ts';
import type { ColumnMap } from './header-map.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * Ledgers with one 金额 column and a 收/支 (or 借/贷) column saying which side each entry is on.
 * Read that way only when the ledger has no 收入 / 支出 columns: beside them a 金额 or 收支 column
 * is something else the village wrote, kept as written like any column the importer does not use.
 * 借 is money in and 贷 money out, as 借方 / 贷方 headers are read (a cash or bank journal's sides).
 */
export type Direction = 'income' | 'expense';

export function directionOf(text: string): Direction | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/方$/, '');
  if (/^(收|收入|借|进|入)$/.test(t)) return 'income';
  if (/^(支|支出|贷|付|出)$/.test(t)) return 'expense';
  return null;
}

/** The ledger's columns with 金额 / 收支 kept only when they are how it states its entries. */
export function financeColumns(layout: FoundLayout): { columns: ColumnMap; notes: ColumnNote[] } {
  const { amount, direction, ...rest } = layout.columns;
  if (rest.income || rest.expense || !amount) return { columns: rest, notes: [] };
  const columns: ColumnMap = { ...rest, amount, ...(direction && { direction }) };
  if (!direction) return { columns, notes: [] };
  return {
    columns,
    notes: [
      { column: direction, zh: '收/支（借/贷）方向：收、借记为收入，支、贷记为支出', en: 'the side of each entry: 收 / 借 is income, 支 / 贷 is expense' },
      { column: amount, zh: `按 ${direction.letter} 列的方向记为收入或支出`, en: `income or expense by column ${direction.letter}` },
    ],
  };
}
