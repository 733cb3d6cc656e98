import { parseDecimal } from '../money.ts';
import type { Division } from '../region.ts';
import { RegionScope, RegionSummary } from '../summary/region-summary.ts';
import type { ColumnReading } from './column-report.ts';
import { reportExtraColumns } from './extra-columns.ts';
import { publicNotes } from './import-common.ts';
import { finalPeriod, statedPeriod } from './import-period.ts';
import type { ImportIssue } from './import-result.ts';
import { splitHeader } from './header-map.ts';
import { IssueLog, quote, type Where } from './issues.ts';
import { maskText, textMask, type TextMask } from './personal-fields.ts';
import { sheetGrids } from './sheet-grids.ts';
import { decideSummaryColumns } from './summary-columns.ts';
import { findSummaryLayout, type SummaryLayout } from './summary-layout.ts';
import { bestGuessHeader } from './table-layout.ts';
import { linkPlaces } from './summary-places.ts';
import { readSummaryRows } from './summary-rows.ts';

/**
 * A region's summary table (issue 15: 补贴资金汇总表 / 分配表 whose rows are townships, villages
 * or categories, not people) to a RegionSummary, or every problem found in it. A township,
 * county or city publishes it for its region; its rows naming a division under that region link
 * there. Never throws on what a file contains; a file with any error publishes nothing.
 *
 * Nothing is guessed: the unit must be stated (金额（万元）, or 单位：元 above the table), the
 * amount column must be certain (a rate is never published as an amount), every 合计 and 小计
 * must add up, and a table none of whose rows is a place of the region is refused as another's.
 */
export interface SummaryImportInput {
  bytes: Uint8Array;
  format: 'csv' | 'xlsx';
  /** the region publishing: a city (4 digits), county (6) or township (9) code */
  scope: string;
  /** every division under the scope (the scope itself included), for matching row labels to places */
  divisions: readonly Division[];
  /** from the request; must agree with the title when both are given (as other importers do) */
  period?: string;
  filename?: string;
  idMask: { keepStart: number; keepEnd: number };
  publicNumbers?: readonly string[];
  amountToleranceFen?: number;
}

export type SummaryImportResult =
  | { ok: true; summary: RegionSummary; warnings: ImportIssue[]; columns: ColumnReading[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[]; columns: ColumnReading[] };

export async function importRegionSummary(input: SummaryImportInput): Promise<SummaryImportResult> {
  const log = new IssueLog();
  const read: { columns: ColumnReading[] } = { columns: [] };
  const summary = await readSummary(input, log, read);
  if (summary && !log.hasErrors) {
    const checked = RegionSummary.safeParse(summary);
    if (checked.success) return { ok: true, summary: checked.data, warnings: log.warnings, columns: read.columns };
    // built to the schema: a mismatch is a bug, and still no reason to publish
    for (const issue of checked.error.issues) {
      log.error('invalid-content', { ...NOWHERE, field: issue.path.join('.') }, `内部校验失败：${quote(issue.message)}`, `Internal check failed at ${issue.path.join('.')}: ${quote(issue.message)}`);
    }
  }
  if (!log.hasErrors) log.error('unreadable-file', NOWHERE, '无法读取这个文件。', 'The file could not be read.');
  return { ok: false, errors: log.errors, warnings: log.warnings, columns: read.columns };
}

// ——— private helpers ———

const NOWHERE: Where = { row: null, column: null, field: null };
const MAX_TITLE = 200;

async function readSummary(input: SummaryImportInput, log: IssueLog, read: { columns: ColumnReading[] }): Promise<RegionSummary | null> {
  if (!RegionScope.safeParse(input.scope).success) {
    log.error('invalid-scope', { ...NOWHERE, field: 'scope' }, `发布地区应为市（4位）、县区（6位）或乡镇（9位）的区划代码，收到的是“${quote(input.scope)}”。`, `The region publishing must be a city (4 digits), county (6) or township (9) code; got "${quote(input.scope)}".`);
    return null;
  }
  const grids = await sheetGrids(input.bytes, input.format, log, { zh: '汇总表', en: 'summary table' });
  if (!grids) return null;
  const found = findSummaryLayout(grids);
  if (!found) {
    const shown = bestGuessHeader(grids[0]?.rows ?? []);
    log.error(
      'summary-header-missing',
      NOWHERE,
      `找不到汇总表的表头：应有一列写明每行是什么（乡镇、村、单位名称、补贴类别等），和一列金额（补贴金额、发放金额、资金等）。文件中的列名是：${shown.map(quote).join('、') || '（空）'}。请检查是否选错了文件。`,
      `No summary table header found: a summary has a column saying what each row is (乡镇, 村, 单位名称, 补贴类别 …) and an amount column (补贴金额, 发放金额, 资金 …). The file's column names are: ${shown.map(quote).join(', ') || '(none)'}. Check that this is the right file.`,
    );
    return null;
  }
  const { layout, skipped } = found;
  for (const grid of skipped) {
    log.warn('sheet-skipped', NOWHERE, `只读取了工作表“${quote(layout.sheet ?? '')}”；工作表“${quote(grid.sheet ?? '')}”没有读取，也不公开。`, `Only sheet "${quote(layout.sheet ?? '')}" was read; sheet "${quote(grid.sheet ?? '')}" was not read and is not published.`);
  }
  const headerRow = layout.headerRows[0] ?? null;
  if (layout.secondHeaderRow !== null) {
    const row = layout.secondHeaderRow;
    log.error(
      'two-tables',
      { row, column: null, field: null },
      `第${row}行是另一张表的表头：这个工作表里有两张表，无法确定各行属于哪一张，未发布。请把第二张表移到另一个工作表或另一个文件，分别上传。`,
      `Row ${row} is the header of another table: this sheet holds two tables, and which rows belong to which cannot be told for sure, so nothing was published. Move the second table to a sheet or file of its own and upload each.`,
    );
    return null;
  }
  const tolerance = input.amountToleranceFen ?? 0;
  const decided = decideSummaryColumns(layout, tolerance, log);
  read.columns = decided.report;
  if (decided.kind === 'refused') return null;
  const c = decided.columns;
  if (c.amount.unit === null) {
    log.error(
      'unit-missing',
      { row: headerRow, column: c.amount.letter, field: 'amount' },
      '汇总表没有写明金额单位。请在标题下写“单位：元”或“单位：万元”（或写在金额列的表头里，如“补贴金额（万元）”），再上传：单位不明，金额可能差一万倍。',
      'The summary does not state its unit. Write 单位：元 or 单位：万元 under the title (or in the amount header, e.g. 补贴金额（万元）) and upload again: without it an amount could be off by ten thousand times.',
    );
    return null;
  }
  reportExtraColumns(c.unknown, headerRow, log);
  const mask = textMask(input);
  for (const h of layout.headings) {
    log.warn('row-as-note', { row: h.row, column: null, field: 'notes' }, `第${h.row}行“${quote(h.line)}”没有金额，作为说明文字公开，不算作表中的一行。`, `Row ${h.row} (“${quote(h.line)}”) has no amount; it is published as a note line, not as a row of the table.`);
  }
  const { rows, total } = readSummaryRows(layout.body, c, log, mask, tolerance);
  const linked = layout.rowsAre === 'place' ? linkPlaces(rows, input.scope, input.divisions, c.label, log) : rows;
  const title = readTitle(layout, log, mask);
  const notes = publicNotes(layout.notes, log, mask, layout.noteRows);
  const period = finalPeriod(statedPeriod(input.period, layout.title, log), [], input.filename, log);
  if (rows.length === 0 && !log.hasErrors) {
    log.error('summary-empty', { row: headerRow, column: null, field: null }, '汇总表表头下面没有任何一行。', 'The summary has no rows under its header.');
  }
  if (rows.length > 5000) {
    log.error('too-many-rows', { row: headerRow, column: null, field: null }, `汇总表有 ${rows.length} 行，超过 5000 行的上限：这不像一个地区的汇总表。`, `The summary has ${rows.length} rows, over the limit of 5,000: it does not look like a region's summary.`);
  }
  if (log.hasErrors || period === null || title === null) return null;
  const header = (text: string, column: string) => maskText(text, { row: headerRow, column, field: 'header' }, null, log, mask);
  // The amount is published in 元; a kept column of figures in a 万元 table would be read as 元 beside
  // it, so its header says its unit unless it states one of its own (资金来源 / 中央（万元）).
  const keptHeader = (text: string, k: number) =>
    c.amount.unit === 'wan' && splitHeader(text).unit === null && linked.some((r) => r.cells[k] !== null) && linked.every((r) => r.cells[k] === null || parseDecimal(r.cells[k]).kind === 'ok') ? `${text}（万元）` : text;
  return {
    scope: input.scope,
    title,
    period,
    rowsAre: layout.rowsAre,
    labelHeader: header(c.label.header, c.label.letter),
    amountHeader: header(c.amount.header, c.amount.letter),
    columns: c.kept.map((x, k) => header(keptHeader(x.header, k), x.letter)),
    rows: linked,
    total,
    notes,
  };
}

/** The line above the header that names the table; required, since it says what the money is. */
function readTitle(layout: SummaryLayout, log: IssueLog, mask: TextMask): string | null {
  const where = { row: layout.titleRow, column: null, field: 'title' };
  if (layout.title === null) {
    log.error('title-missing', where, '汇总表没有标题。请在表头上方写明标题（如“永定区2026年耕地地力保护补贴资金分配汇总表”），说明这是哪一项资金、哪一年。', 'The summary has no title. Write one above the header (e.g. 永定区2026年耕地地力保护补贴资金分配汇总表) saying which funds and which year it is for.');
    return null;
  }
  if (layout.title.length > MAX_TITLE) {
    log.error('title-too-long', where, `第${layout.titleRow}行的标题超过 ${MAX_TITLE} 个字，不像标题。请把说明文字写在标题下另起一行。`, `The title in row ${layout.titleRow} is over ${MAX_TITLE} characters; it does not look like a title. Put any explanation on a line of its own under it.`);
    return null;
  }
  return maskText(layout.title, where, null, log, mask);
}
