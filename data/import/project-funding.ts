import { formatFen } from '../money.ts';
import type { ProjectItem } from '../publication.ts';
import type { GridRow } from './grid.ts';
import { makeColumn, matchHeader, type Column, type ColumnMap } from './header-map.ts';
import { at, type IssueLog } from './issues.ts';
import { readAmount } from './read-cell.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * A project list that splits each project's funds by source under one header, 资金来源 over 国补 /
 * 财政奖补 / 村民自筹 / 缺口资金. Each source is a money column of its own (field `funding:国补`, so the
 * dry run names it and it is not kept as an unknown column), in the header's or the note's unit;
 * the sources of a project must add up to its 工程造价 / 总投资, and a 合计 row's to the column sums.
 */
export const FUNDING_FIELD = 'funding:';

/** The layout's columns with each source of a 资金来源 group as a `funding:<source>` column. */
export function fundingColumns(layout: FoundLayout): ColumnMap {
  const [upper, lower] = layout.headerCells;
  if (!upper || !lower) return layout.columns;
  const columns: ColumnMap = { ...layout.columns };
  const mapped = new Set(Object.values(columns).map((c) => c!.index));
  for (let i = 0; i < lower.length; i++) {
    const source = (lower[i] ?? '').trim();
    if (source === '' || mapped.has(i) || matchHeader('project', upper[i] ?? '')?.field !== 'fundingSource') continue;
    const field = `${FUNDING_FIELD}${source}`;
    if (columns[field]) continue;
    columns[field] = makeColumn(field, i, [upper[i] ?? '', lower[i] ?? ''], layout.defaultUnit);
  }
  return columns;
}

export function fundingOf(columns: ColumnMap): Column[] {
  return Object.values(columns).filter((c): c is Column => c !== undefined && c.field.startsWith(FUNDING_FIELD));
}

/** One project's funds by source, checked against its budget; undefined when the list has no split. */
export function readFunding(row: GridRow, funding: readonly Column[], budget: { amount: number | null; column: Column | undefined }, log: IssueLog): ProjectItem['funding'] {
  if (funding.length === 0) return undefined;
  const parts = funding.map((c) => ({ source: c.field.slice(FUNDING_FIELD.length), amount: readAmount(row, c, log) }));
  const stated = parts.filter((p) => p.amount !== null);
  const sum = stated.reduce((s, p) => s + p.amount!, 0);
  if (budget.amount !== null && stated.length > 0 && sum !== budget.amount) {
    const names = parts.map((p) => p.source).join('、');
    log.error(
      'funding-mismatch',
      at(row.row, budget.column),
      `第${row.row}行：资金来源（${names}）合计 ${formatFen(sum)} 元，与${budget.column?.header ?? '预算'} ${formatFen(budget.amount)} 元不符。`,
      `Row ${row.row}: the sources of funds (${names}) add up to ${formatFen(sum)}, but ${budget.column?.header ?? 'the budget'} is ${formatFen(budget.amount)}.`,
    );
  }
  return parts;
}

/** A 合计 row's amount per source against the projects' sums. */
export function checkFundingTotal(row: GridRow, label: string, funding: readonly Column[], projects: readonly ProjectItem[], log: IssueLog): void {
  funding.forEach((c, k) => {
    const stated = readAmount(row, c, log);
    const sum = projects.reduce((s, p) => s + (p.funding?.[k]?.amount ?? 0), 0);
    if (stated === null || stated === sum) return;
    log.error(
      'total-mismatch',
      at(row.row, c),
      `第${row.row}行“${label}”${c.header}为 ${formatFen(stated)} 元，但各项目合计为 ${formatFen(sum)} 元`,
      `Row ${row.row} “${label}” ${c.header} is ${formatFen(stated)} but the projects add up to ${formatFen(sum)}`,
    );
  });
}
