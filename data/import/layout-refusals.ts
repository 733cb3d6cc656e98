import type { PublicationKind } from '../publication.ts';
import { cellText, columnLetter, type Grid } from './grid.ts';
import { headerTexts, splitHeader } from './header-map.ts';
import type { ImportIssue } from './import-result.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * Tables the importers recognise but do not publish, refused with the reason named rather than
 * read wrongly (issue 15: "imports with the right totals, or is refused with the reason named"):
 *
 * - two tables in one sheet: which rows belong to which cannot be told for sure;
 * - a statement laid out side by side (收支对照表, 收益分配统计表: 项目, 行次, 金额 twice per row): its
 *   halves are two lists, and a 收益分配 statement's lines are neither income nor expense;
 * - a summary table whose rows are townships, villages or categories (补贴资金汇总表 / 分配表): a
 *   village's list names people; a region's summary is not a village's publication.
 */
export function layoutRefusal(kind: PublicationKind, layout: FoundLayout): Omit<ImportIssue, 'field'> & { field: null } | null {
  if (layout.secondHeaderRow !== null) {
    const row = layout.secondHeaderRow;
    return issue(
      'two-tables',
      row,
      null,
      `第${row}行是另一张表的表头：这个工作表里有两张表，无法确定各行属于哪一张，未发布。请把第二张表移到另一个工作表或另一个文件，分别上传。`,
      `Row ${row} is the header of another table: this sheet holds two tables, and which rows belong to which cannot be told for sure, so nothing was published. Move the second table to a sheet or file of its own and upload each.`,
    );
  }
  const headers = headerTexts(layout.headerCells);
  const row = layout.headerRows[0] ?? null;
  const sideBySide = sideBySideIssue(headers, row);
  if (sideBySide) return sideBySide;
  // a list of people or contracts names them; a summary names places or categories instead
  const names = kind === 'subsidy' ? layout.columns.name : kind === 'contract' ? layout.columns.counterparty : undefined;
  if ((kind === 'subsidy' || kind === 'contract') && !names) {
    const place = headers.findIndex((h) => SUMMARY_ROWS.test(splitHeader(h).base));
    if (place >= 0) {
      return issue(
        'summary-table',
        row,
        columnLetter(place),
        `这是按${headers[place]}汇总的表（每行是一个${headers[place]}，不是一户或一份合同），未发布：村级公开的${kind === 'subsidy' ? '补贴名册每行是一位领取人' : '合同台账每行是一份合同'}。乡镇、县的汇总表目前不能在本平台公开；请上传各村的明细表。`,
        `This is a summary table by ${headers[place]} (each row a ${headers[place]}, not a household or a contract); nothing was published: a village's ${kind === 'subsidy' ? 'payout list has one beneficiary a row' : 'contract ledger has one contract a row'}. Summaries of a township or county cannot be published on the portal yet; upload each village's detailed list.`,
      );
    }
  }
  return null;
}

/** A sheet none of whose rows made a header: the refusal when one of its first rows is a side-by-side statement's header. */
export function sideBySideInGrid(grid: Grid): ReturnType<typeof layoutRefusal> {
  for (const r of grid.rows.slice(0, 30)) {
    const found = sideBySideIssue(r.cells.map((c) => cellText(c)), r.row);
    if (found) return found;
  }
  return null;
}

function sideBySideIssue(headers: readonly string[], row: number | null): ReturnType<typeof layoutRefusal> {
  const half = sideBySideHalf(headers);
  if (half === null) return null;
  return issue(
    'side-by-side-statement',
    row,
    null,
    `这是左右并排的报表（“${headers.slice(0, half).filter(Boolean).join('、')}”在左，“${headers.slice(half, 2 * half).filter(Boolean).join('、')}”在右），未发布：并排的两半是两张清单，合在一行里无法按行公开和核对。收支对照表请按财务收支明细上传（每笔一行，收入、支出分两列）；收益分配表请分成左右两张表分别上传。`,
    `This is a statement laid out side by side (${headers.slice(0, half).filter(Boolean).join(', ')} on the left, ${headers.slice(half, 2 * half).filter(Boolean).join(', ')} on the right); nothing was published: its two halves are two lists, which cannot be published and checked row by row. Upload an income and expense statement as a ledger (one entry a row, income and expense in two columns); split a distribution statement into its two tables.`,
  );
}

// ——— private helpers ———

/** Headers naming the rows of a region's summary: 乡镇, 村, 单位名称, 地区, 补贴类别 … */
const SUMMARY_ROWS = /^(乡镇|乡镇名称|乡镇\(街道\)|乡镇街道|村|村名|村名称|村\(社区\)|村社区|行政村|所属乡镇|地区|区域|单位名称|补贴类别|补贴类型|项目类别)$/;

/**
 * The widest half a side-by-side statement is looked for with. The statements villages keep have
 * three to six columns a side; without a bound, a row of ten thousand cells (a 50 KB CSV line of
 * commas, found by the import fuzz) cost seconds, each width being compared cell by cell.
 */
const MAX_SIDE_COLUMNS = 24;

/** The width of a half when the header repeats itself side by side (收入项目 行次 金额 | 支出项目 行次 金额); null otherwise. */
function sideBySideHalf(headers: readonly string[]): number | null {
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

function issue(code: string, row: number | null, column: string | null, message: string, messageEn: string) {
  return { code, row, column, field: null, message, messageEn };
}
