import type { PublicationKind } from '../publication.ts';
import { cellText, columnLetter, type Grid } from './grid.ts';
import { headerTexts } from './header-map.ts';
import type { ImportIssue } from './import-result.ts';
import type { Layout } from './table-layout.ts';
import { sideBySideHalf } from './side-by-side.ts';
import { isSummaryRowHeader } from './summary-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * Tables the importers recognise but do not publish, refused with the reason named rather than
 * read wrongly (issue 15: "imports with the right totals, or is refused with the reason named"):
 *
 * - two tables in one sheet: which rows belong to which cannot be told for sure;
 * - a statement laid out side by side (收支对照表, 收益分配统计表: 项目, 行次, 金额 twice per row)
 *   uploaded as another kind: its halves are two lists, and a 收益分配 statement's lines are neither
 *   income nor expense. Uploaded as a 财务报表 (kind statement) it is read (statement-import.ts);
 * - a summary table whose rows are townships, villages or categories (补贴资金汇总表 / 分配表): a
 *   village's list names people; a region's summary is its region's publication
 *   (summary-import.ts, POST /api/v1/regions/{code}/summaries), not a village's.
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
    const place = headers.findIndex(isSummaryRowHeader);
    if (place >= 0) {
      return issue(
        'summary-table',
        row,
        columnLetter(place),
        `这是按${headers[place]}汇总的表（每行是一个${headers[place]}，不是一户或一份合同），未发布：村级公开的${kind === 'subsidy' ? '补贴名册每行是一位领取人' : '合同台账每行是一份合同'}。乡镇、县（区）、市的汇总表由本级公开：用本级的令牌上传到本级（/api/v1/regions/{区划代码}/summaries），显示在本级页面上；这里请上传本村的明细表。`,
        `This is a summary table by ${headers[place]} (each row a ${headers[place]}, not a household or a contract); nothing was published: a village's ${kind === 'subsidy' ? 'payout list has one beneficiary a row' : 'contract ledger has one contract a row'}. A township's, county's or city's summary is published by that region with its own token (/api/v1/regions/{code}/summaries) and shown on its page; here, upload the village's detailed list.`,
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
    `这是左右并排的报表（“${headers.slice(0, half).filter(Boolean).join('、')}”在左，“${headers.slice(half, 2 * half).filter(Boolean).join('、')}”在右），未按这个类型发布：并排的两半是两张清单。收支对照表、收益分配表请选择“财务报表”类型上传（kind=statement），两栏分别公开并核对合计。`,
    `This is a statement laid out side by side (${headers.slice(0, half).filter(Boolean).join(', ')} on the left, ${headers.slice(half, 2 * half).filter(Boolean).join(', ')} on the right); it was not published as this kind: its two halves are two lists. Upload an income and expense or distribution statement as a financial statement (kind=statement): each side is published and its totals checked.`,
  );
}

// ——— private helpers ———


function issue(code: string, row: number | null, column: string | null, message: string, messageEn: string) {
  return { code, row, column, field: null, message, messageEn };
}
