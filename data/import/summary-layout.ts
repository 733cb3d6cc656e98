import { parseDecimal, type AmountUnit } from '../money.ts';
import { cellText, isEmptyRow, rowLine, type Grid, type GridRow } from './grid.ts';
import { headerTexts, makeColumn, mapColumns, matchHeader, noteUnit, splitHeader, type Column, type ColumnMap } from './header-map.ts';
import { rowLabel } from './row-labels.ts';
import { groupedUpper, isFooterLine, type Layout } from './table-layout.ts';
import { mergeTotalBlocks } from './total-blocks.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * Where a region's summary table (补贴资金汇总表 / 分配表) is in a sheet. Its header names few
 * fields — 乡镇 and 金额 may be all it has — so the publication importers' header search (three
 * fields of a kind) does not find it: a header here is a row naming what the rows are and a sum
 * of money. The layout is shaped as theirs (FoundLayout), so the amount decision, the kept
 * columns and the 合计 blocks are read by the same code.
 *
 * `notes` are the lines above the header other than the title, and those below the table, in
 * file order; the lines of a merged 合计 block (total-blocks.ts) among them.
 */
export type SummaryLayout = FoundLayout & {
  /** the worksheet read (XLSX), null for CSV */
  sheet: string | null;
  titleRow: number | null;
  /** the column naming each row: a division, or a category */
  label: Column;
  rowsAre: 'place' | 'category';
  /**
   * money columns named the way fund tables name them (分配资金, 合计) rather than as an amount
   * paid: read as the amount only when no column is named as one
   */
  fundColumns: Column[];
  /** one-text lines among the rows (a group heading), published as notes */
  headings: Array<{ row: number; line: string }>;
};

export function findSummaryLayout(grids: readonly Grid[]): { layout: SummaryLayout; skipped: Grid[] } | null {
  for (const [k, grid] of grids.entries()) {
    const layout = layoutOf(grid);
    if (layout) return { layout, skipped: grids.filter((g, j) => j !== k) };
  }
  return null;
}

/** Whether a header names what a summary's rows are: a division (乡镇, 村（社区）, 单位名称 …) or a category (补贴类别 …). */
export function isSummaryRowHeader(text: string): boolean {
  return isLabelHeader(text);
}

// ——— private helpers ———

/**
 * Headers naming a summary's rows (splitHeader drops a bracketed part: 乡镇（街道）, 村（社区）).
 * The one list: layout-refusals.ts asks isSummaryRowHeader when a village's upload is such a table.
 */
const PLACE_ROWS = /^(乡镇|乡镇名称|乡镇\/街道|乡镇街道|街道|所属乡镇|村|村名|村名称|村社区|村居|行政村|单位名称|地区|区域|区县|县区|县市区)$/;
const CATEGORY_ROWS = /^(类别|补贴类别|补贴类型|补贴项目|补贴种类|项目类别|资金类别|资金项目|补助类别|补助项目)$/;
/** 分配资金, 资金（万元）, a 合计 column: money, but weaker names than 补贴金额; never 资金来源 (text) */
const FUND = /资金(?!来源|性质|渠道|用途)|^(合计|总计)(金额|数)?$/;

function layoutOf(grid: Grid): SummaryLayout | null {
  const rows = grid.rows;
  const limit = Math.min(rows.length, 30);
  for (let i = 0; i < limit; i++) {
    const upper = rows[i]!.cells.map((c) => cellText(c));
    const labels = upper.flatMap((h, k) => (isLabelHeader(h) ? [k] : []));
    if (labels.length === 0 || !upper.some((h, k) => !labels.includes(k) && isMoneyHeader(h))) continue;
    // 乡镇 | 村 | 金额: the rows are the finer of the two; the other is kept as written
    const labelIndex = labels[labels.length - 1]!;
    // a second header row splitting a group (资金来源 over 中央 / 省级 / 县级): each column is named
    // by both rows, 资金来源 / 中央, as the publication importers name them
    const next = rows[i + 1];
    const lower = next && !hasFigure(next) && cellText(next.cells[labelIndex] ?? null) === '' ? next.cells.map((c) => cellText(c)) : null;
    const grouped = lower ? groupedUpper(upper, lower) : null;
    const headers = grouped && lower ? headerTexts([grouped, lower]) : upper;
    const headerEnd = grouped ? i + 2 : i + 1;
    const above = rows.slice(0, i).filter((r) => !isEmptyRow(r)).map((r) => ({ row: r.row, line: rowLine(r) }));
    const defaultUnit = above.map((l) => noteUnit(l.line)).find((u): u is AmountUnit => u !== null) ?? null;
    const titleLine = above.find((l) => !isNoteLine(l.line)) ?? null;
    const { body, notes, headings, secondHeaderRow } = splitBody(rows.slice(headerEnd), rows.slice(i, headerEnd));
    const blocks = mergeTotalBlocks(body);
    const lines = [...above.filter((l) => l !== titleLine), ...notes, ...blocks.notes].sort((a, b) => a.row - b.row);
    return {
      kind: 'ok',
      sheet: grid.sheet,
      title: titleLine?.line ?? null,
      titleRow: titleLine?.row ?? null,
      notes: lines.map((l) => l.line),
      noteRows: lines.map((l) => l.row),
      headerRows: rows.slice(i, headerEnd).map((r) => r.row),
      headerCells: grouped && lower ? [grouped, lower] : [upper],
      columns: numberColumns(headers, labelIndex, defaultUnit),
      defaultUnit,
      body: blocks.body,
      secondHeaderRow,
      headings,
      label: makeColumn('label', labelIndex, [headers[labelIndex]!], null),
      rowsAre: CATEGORY_ROWS.test(splitHeader(headers[labelIndex]!).base) ? 'category' : 'place',
      fundColumns: headers.flatMap((h, k) => (k !== labelIndex && isFund(h) ? [makeColumn('amount', k, [h], defaultUnit)] : [])),
    };
  }
  return null;
}

function isLabelHeader(text: string): boolean {
  const base = splitHeader(text).base;
  return PLACE_ROWS.test(base) || CATEGORY_ROWS.test(base);
}

function isMoneyHeader(text: string): boolean {
  const field = matchHeader('subsidy', text)?.field;
  return field === 'amount' || field === 'rate' || FUND.test(splitHeader(text).base);
}

function isFund(text: string): boolean {
  const field = matchHeader('subsidy', text)?.field;
  return field !== 'amount' && field !== 'rate' && FUND.test(splitHeader(text).base);
}

/** 单位：元, 填报单位：王家坪镇: a line above the header that is not the title (which may end in （单位：万元）). */
function isNoteLine(line: string): boolean {
  const text = line.normalize('NFKC');
  return /^[^\d:：]{1,14}[:：]/.test(text) || (noteUnit(text) !== null && text.length <= 12);
}

/** 序号, and the quantity and rate a payout list's names give (补贴面积, 补贴标准（元/亩）): read for the checks. */
function numberColumns(headers: readonly string[], labelIndex: number, defaultUnit: AmountUnit | null): ColumnMap {
  const mapped = mapColumns('subsidy', [headers.map((h, k) => (k === labelIndex ? '' : h))], defaultUnit);
  const out: ColumnMap = {};
  for (const field of ['seq', 'quantity', 'rate', 'amount']) if (mapped[field]) out[field] = mapped[field];
  return out;
}

/**
 * The rows under the header: the table's, and note lines. Rows after the last one holding a
 * figure are notes (制表人, a sign-off 王家坪镇人民政府 2026年3月12日 however its cells are laid
 * out); above it a 制表人：… line is one too, and so is a line of one text without a figure (a
 * group heading 王家坪镇 merged across, which CSV writes in its first cell and XLSX in every one),
 * listed in `headings` to be named in a warning. The header's rows repeated on a new printed page
 * are skipped; another header is another table.
 */
function splitBody(rows: readonly GridRow[], header: readonly GridRow[]) {
  const headerLines = header.map(rowLine);
  const filled = rows.filter((r) => !isEmptyRow(r) && !headerLines.includes(rowLine(r)));
  let last = -1;
  filled.forEach((r, k) => {
    if (hasFigure(r)) last = k;
  });
  const body: GridRow[] = [];
  const notes: Array<{ row: number; line: string }> = [];
  const headings: Array<{ row: number; line: string }> = [];
  let secondHeaderRow: number | null = null;
  filled.forEach((r, k) => {
    const line = { row: r.row, line: rowLine(r) };
    if (k > last || isFooterLine(r)) notes.push(line);
    else if (!hasFigure(r) && new Set(r.cells.map((c) => cellText(c)).filter((t) => t !== '')).size === 1) {
      notes.push(line);
      headings.push(line);
    } else {
      secondHeaderRow ??= isAnotherHeader(r) ? r.row : null;
      body.push(r);
    }
  });
  return { body, notes, headings, secondHeaderRow };
}

/** A number, or text that reads as one (a 序号 counts: a numbered row is the table's); a 合计 row is the table's too. */
function hasFigure(row: GridRow): boolean {
  const texts = row.cells.filter((c): c is string => typeof c === 'string');
  return row.cells.some((c) => typeof c === 'number' || (typeof c === 'string' && /\d/.test(c) && parseDecimal(c).kind === 'ok')) || rowLabel(texts) !== null;
}

function isAnotherHeader(row: GridRow): boolean {
  const texts = row.cells.map((c) => cellText(c));
  if (row.cells.some((c) => c !== null && typeof c !== 'string') || texts.some((t) => /\d/.test(t))) return false;
  const labels = texts.flatMap((t, k) => (isLabelHeader(t) ? [k] : []));
  return labels.length > 0 && texts.some((t, k) => !labels.includes(k) && isMoneyHeader(t));
}
