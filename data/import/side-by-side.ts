import { splitHeader } from './header-map.ts';

/**
 * The widest half a side-by-side statement is looked for with. The statements villages keep have
 * three to six columns a side; without a bound, a row of ten thousand cells (a 50 KB CSV line of
 * commas, found by the import fuzz) cost seconds, each width being compared cell by cell.
 */
const MAX_SIDE_COLUMNS = 24;

/**
 * The width of a half when a header row repeats itself side by side (收入项目 行次 金额 | 支出项目
 * 行次 金额), as 收支对照表 and 收益分配统计表 are laid out; null otherwise.
 */
export function sideBySideHalf(headers: readonly string[]): number | null {
  const cells = headers.slice(0, 2 * MAX_SIDE_COLUMNS).map((h) => splitHeader(h).base);
  for (let half = 2; half * 2 <= cells.length; half++) {
    const left = cells.slice(0, half);
    const right = cells.slice(half, 2 * half);
    if (left.filter(Boolean).length < 2) continue;
    if (!left.some((h) => /行次|序号|代码|编号/.test(h))) continue;
    if (left.every((h, k) => h === right[k] || (h !== '' && strip(h) === strip(right[k] ?? '')))) return half;
  }
  return null;
}

/** 收入项目 and 支出项目, 资产 and 负债 …: the side's name before the column's. */
function strip(header: string): string {
  return header.replace(/^(收入|支出|收益|分配|资产|负债|来源|去向|左|右)/, '');
}
