import { formatFen, sumDecimals } from '../money.ts';
import type { ContractItem } from '../publication.ts';
import type { Column } from './header-map.ts';
import { at, place, type IssueLog } from './issues.ts';
import { sameDecimal } from './subsidy-checks.ts';

/**
 * A 合计 or 小计 row of a contract ledger against the contracts it sums: how many there are (when
 * the row says, 合计（6份）), the area to the last decimal written, and the annual amount to the fen.
 */
export function checkContractTotal(
  label: { row: number; text: string; column: Column | undefined },
  stated: { count: number | null; area: string | null; annualAmount: number | null },
  items: readonly ContractItem[],
  columns: { area: Column | undefined; annualAmount: Column | undefined },
  scope: { zh: string; en: string },
  log: IssueLog,
): void {
  if (stated.count !== null && stated.count !== items.length) {
    const p = place(at(label.row, label.column), label.column?.header);
    log.error(
      'total-mismatch',
      { ...at(label.row, label.column), field: 'count' },
      `${p.zh}：“${label.text}”写明 ${stated.count} 份合同，但${scope.zh}共有 ${items.length} 份`,
      `${p.en}: “${label.text}” states ${stated.count} contracts, but ${scope.en} has ${items.length}`,
    );
  }
  const measured = items.filter((i) => i.area !== null);
  // Areas in different units do not add up; the row is then a note, not a check.
  if (stated.area !== null && new Set(measured.map((i) => i.areaUnit)).size <= 1) {
    const sum = sumDecimals(measured.length > 0 ? measured.map((i) => i.area as string) : ['0']);
    if (!sameDecimal(stated.area, sum)) {
      const p = place(at(label.row, columns.area, 'area'), columns.area?.header);
      log.error(
        'total-mismatch',
        at(label.row, columns.area, 'area'),
        `${p.zh}：“${label.text}”面积为 ${stated.area}，但${scope.zh}各合同面积合计为 ${sum}`,
        `${p.en}: “${label.text}” area is ${stated.area}, but the contracts in ${scope.en} add up to ${sum}`,
      );
    }
  }
  const annual = items.reduce((s, i) => s + (i.annualAmount ?? 0), 0);
  if (stated.annualAmount !== null && stated.annualAmount !== annual) {
    const p = place(at(label.row, columns.annualAmount, 'annualAmount'), columns.annualAmount?.header);
    log.error(
      'total-mismatch',
      at(label.row, columns.annualAmount, 'annualAmount'),
      `${p.zh}：“${label.text}”年租金为 ${formatFen(stated.annualAmount)} 元，但${scope.zh}各合同年租金合计为 ${formatFen(annual)} 元`,
      `${p.en}: “${label.text}” annual amount is ${formatFen(stated.annualAmount)}, but the contracts in ${scope.en} add up to ${formatFen(annual)}`,
    );
  }
}

/** 合计（6份） / 共6份 / 6宗 as a whole cell of the row: how many contracts the row says it sums. */
export function statedCount(texts: readonly string[]): number | null {
  for (const text of texts) {
    const m = /^(?:合计|总计|小计)?\(?(?:共|计)?(\d{1,6})(?:份|项|宗|个|笔)(?:合同)?\)?$/.exec(text.normalize('NFKC').replace(/\s+/g, ''));
    if (m) return Number(m[1]);
  }
  return null;
}
