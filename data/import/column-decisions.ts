import { decideAmountColumn, reportAmountRefusal, type ColumnNote } from './amount-column.ts';
import type { ColumnMap } from './header-map.ts';
import { financeColumns } from './finance-direction.ts';
import { fundingColumns } from './project-funding.ts';
import type { ImportInput } from './import-result.ts';
import type { IssueLog } from './issues.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * What the headers alone cannot settle, settled before any row is read: which column of a payout
 * list is the amount paid (amount-column.ts), whether a ledger states its entries as 收入 / 支出
 * or as 金额 with a 收/支 column (finance-direction.ts). `refused`: nothing is published; the
 * columns that were read are still reported.
 */
export type ColumnDecision = { kind: 'ok'; layout: FoundLayout; notes: ColumnNote[] } | { kind: 'refused'; columns: ColumnMap };

export function decideColumns(input: Pick<ImportInput, 'kind' | 'amountToleranceFen'>, layout: FoundLayout, log: IssueLog): ColumnDecision {
  if (input.kind === 'subsidy') {
    const decided = decideAmountColumn('subsidy', layout, input.amountToleranceFen ?? 0);
    if (decided.kind !== 'ok') {
      reportAmountRefusal(decided, layout.headerRows[0] ?? null, log);
      const { amount: _unsure, ...rest } = layout.columns;
      return { kind: 'refused', columns: rest };
    }
    return { kind: 'ok', layout: { ...layout, columns: decided.columns }, notes: decided.readings };
  }
  if (input.kind === 'finance') {
    const { columns, notes } = financeColumns(layout);
    return { kind: 'ok', layout: { ...layout, columns }, notes };
  }
  if (input.kind === 'project') return { kind: 'ok', layout: { ...layout, columns: fundingColumns(layout) }, notes: [] };
  return { kind: 'ok', layout, notes: [] };
}
