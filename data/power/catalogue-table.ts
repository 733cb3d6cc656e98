import { cellText, columnLetter, isEmptyRow, type Cell, type Grid, type GridRow } from '../import/grid.ts';
import type { ImportIssue } from '../import/import-result.ts';
import { IssueLog, quote, type Where } from '../import/issues.ts';
import { cellString, readDate, readText, type CellRead } from './catalogue-table-cells.ts';
import { readItems, schemaIssue } from './catalogue-table-rows.ts';
import { parseCatalogue, type PowerCatalogue } from './power-catalogue.ts';

/**
 * 小微权力清单 as a spreadsheet (CSV or XLSX), the form a county edits and publishes its list in;
 * the JSON document (power-catalogue.ts) is what it becomes. catalogue-table-export.ts writes the
 * same layout, so a county downloads the current list, edits it and uploads it back.
 *
 * Layout of the first sheet that has anything in it:
 *
 *   清单版本 | 430821-2026-1          preamble: label in column A, value in column B (or
 *   适用范围 | 430821                 “清单版本：430821-2026-1” in A alone), in any order; other
 *   清单名称 | 岳阳县村级小微权力清单   lines above the header are ignored with a warning.
 *   发布日期 | 2026-03-01             适用范围 may be empty, as the national default's scope is ''
 *                                      (the upload route refuses '' from a county separately).
 *   事项编码 | 事项名称 | … | 公开天数    the header: the row holding 事项编码 and 步骤序号; its
 *   major-decision | … | 1 | …         columns in any order, all of CATALOGUE_COLUMNS required,
 *                  |   | 2 | …         others ignored with a warning. Then one row per step.
 *
 * - 发布日期: a date cell, 2026-03-01, 2026/3/1 or 2026年3月1日. 适用范围 a number cell reads as its digits.
 * - Item columns (事项编码 … 法律依据) are read from an item's first step row. On its later rows
 *   they may be blank or repeat the first row's value (merged cells read as repeated); any other
 *   value is an error. A row with 事项编码 blank, or equal to the item above, is its next step.
 * - 类别 集体管理事项 / 便民服务事项; 责任主体, 留存材料 and 表决基数 by their Chinese names
 *   (power-catalogue.ts); quotes and bracket widths do not matter. 留存材料 split at 、 ， ,;
 *   公开地点 at 、; 法律依据 one per line, or split at ； when the cell is one line.
 * - 金额下限/上限（元）: yuan, to integer fen; blank (or - / 无) is no bound.
 * - 时限: blank 时限天数 is no deadline, and then 时限单位 (工作日 / 日) and 时限起算步骤 must be blank too.
 * - 表决: all of 到会比例, 赞成比例 (2/3, 1/2) and 表决基数 blank is no quorum; either share may be
 *   blank alone, but 表决基数 is needed once any is given.
 * - 公开: blank 公开内容 is no disclosure, and then 公开地点 and 公开天数 must be blank too.
 * - A cell the CSV download guarded with a leading apostrophe (=, +, -, @) is read without it.
 *
 * Every problem names the Excel row and column; the assembled document is then checked by the
 * schema (parseCatalogue) and its findings are put back on the cell they came from.
 */

/** The preamble's labels above the header, in download order. */
export const CATALOGUE_PREAMBLE = [
  { label: '清单版本', field: 'version' },
  { label: '适用范围', field: 'scope' },
  { label: '清单名称', field: 'title' },
  { label: '发布日期', field: 'publishedOn' },
] as const;
export type PreambleField = (typeof CATALOGUE_PREAMBLE)[number]['field'];

/**
 * The table's columns in download order; the only place their headers are named. `field` is the
 * schema path within an item (steps.… for a step's), also given as the field of each issue.
 */
export const CATALOGUE_COLUMNS = [
  { header: '事项编码', field: 'code' },
  { header: '事项名称', field: 'name' },
  { header: '类别', field: 'category' },
  { header: '国标分类', field: 'gbClass' },
  { header: '金额下限（元）', field: 'appliesWhen.amountMinFen' },
  { header: '金额上限（元）', field: 'appliesWhen.amountMaxFen' },
  { header: '适用说明', field: 'appliesWhen.note' },
  { header: '法律依据', field: 'legalBasis' },
  { header: '步骤序号', field: 'steps.seq' },
  { header: '步骤名称', field: 'steps.name' },
  { header: '责任主体', field: 'steps.actor' },
  { header: '留存材料', field: 'steps.evidence' },
  { header: '时限天数', field: 'steps.deadline.days' },
  { header: '时限单位', field: 'steps.deadline.unit' },
  { header: '时限起算步骤', field: 'steps.deadline.fromStep' },
  { header: '到会比例', field: 'steps.quorum.presentAtLeast' },
  { header: '赞成比例', field: 'steps.quorum.approveMoreThan' },
  { header: '表决基数', field: 'steps.quorum.base' },
  { header: '公开内容', field: 'steps.disclosure.what' },
  { header: '公开地点', field: 'steps.disclosure.where' },
  { header: '公开天数', field: 'steps.disclosure.minDays' },
] as const;
export type CatalogueField = (typeof CATALOGUE_COLUMNS)[number]['field'];

/** A column as found in the uploaded header. */
export interface TableColumn {
  field: CatalogueField;
  header: string;
  index: number;
  letter: string;
}
export type TableColumns = Record<CatalogueField, TableColumn>;

export type CatalogueTableResult =
  | { ok: true; catalogue: PowerCatalogue; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

export function catalogueFromGrids(grids: readonly Grid[]): CatalogueTableResult {
  const log = new IssueLog();
  const nowhere: Where = { row: null, column: null, field: null };
  const grid = grids.find((g) => g.rows.some((r) => !isEmptyRow(r)));
  if (!grid) {
    log.error('empty-file', nowhere, '文件是空的，没有权力清单。', 'The file is empty; it holds no power catalogue.');
    return failed(log);
  }
  const headerAt = grid.rows.findIndex((r) => headerIndex(r, '事项编码') >= 0 && headerIndex(r, '步骤序号') >= 0);
  const headerRow = grid.rows[headerAt];
  if (!headerRow) {
    log.error(
      'no-header',
      nowhere,
      '找不到表头行：表头须含“事项编码”和“步骤序号”。请下载现行清单，在其上修改。',
      'No header row found: it must hold 事项编码 and 步骤序号. Download the current list and edit that.',
    );
    return failed(log);
  }
  const preamble = readPreamble(grid.rows.slice(0, headerAt), log);
  const columns = readHeader(headerRow, log);
  if (!columns) return failed(log);

  const body = grid.rows.slice(headerAt + 1).filter((r) => !isEmptyRow(r));
  if (body.length === 0) {
    log.error('no-rows', { ...nowhere, field: 'items' }, '表头下没有任何事项。', 'There are no items below the header.');
  }
  const { items, places } = readItems(body, columns, log);
  const parsed = parseCatalogue({ ...preamble.values, items });
  if (parsed.ok && !log.hasErrors) return { ok: true, catalogue: parsed.catalogue, warnings: log.warnings };
  if (!parsed.ok) {
    const logged = new Set(log.errors.map(whereKey));
    for (const issue of parsed.issues) {
      const mapped = schemaIssue(issue, { preamble: preamble.places, columns, places });
      if (!logged.has(whereKey(mapped))) log.error('invalid-catalogue', mapped, mapped.message, mapped.messageEn);
    }
  }
  return failed(log);
}

/** Where each preamble value was read: its row, and the column of the value's cell. */
export type PreamblePlaces = Partial<Record<PreambleField, Where & { label: string }>>;

// ——— private helpers ———

function failed(log: IssueLog): CatalogueTableResult {
  return { ok: false, errors: log.errors, warnings: log.warnings };
}

function whereKey(w: Where): string {
  return `${w.row}|${w.column}|${w.field}`;
}

/** Header text compared without spaces or line breaks, and with （） and () alike. */
function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function headerIndex(row: GridRow, header: string): number {
  return row.cells.findIndex((c) => headerKey(cellText(c)) === headerKey(header));
}

function readHeader(row: GridRow, log: IssueLog): TableColumns | null {
  const errorsBefore = log.errors.length;
  const found: Partial<TableColumns> = {};
  row.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const letter = columnLetter(index);
    const known = CATALOGUE_COLUMNS.find((c) => headerKey(c.header) === headerKey(text));
    if (!known) {
      log.warn(
        'unknown-column',
        { row: row.row, column: letter, field: null },
        `第${row.row}行${letter}列“${quote(text)}”不是权力清单的列，已忽略。`,
        `Row ${row.row}, column ${letter}: "${quote(text)}" is not a column of the power catalogue and was ignored.`,
      );
    } else if (found[known.field]) {
      log.error(
        'duplicate-column',
        { row: row.row, column: letter, field: known.field },
        `第${row.row}行${letter}列：“${known.header}”列重复，已在${found[known.field]?.letter}列出现。`,
        `Row ${row.row}, column ${letter}: the column ${known.header} appears twice (also column ${found[known.field]?.letter}).`,
      );
    } else found[known.field] = { field: known.field, header: known.header, index, letter };
  });
  const missing = CATALOGUE_COLUMNS.filter((c) => !found[c.field]);
  for (const c of missing) {
    log.error(
      'missing-column',
      { row: row.row, column: null, field: c.field },
      `第${row.row}行的表头缺少“${c.header}”列。`,
      `The header on row ${row.row} has no column ${c.header}.`,
    );
  }
  return log.errors.length === errorsBefore ? (found as TableColumns) : null;
}

interface Preamble {
  values: Partial<Record<PreambleField, string>>;
  places: PreamblePlaces;
}

const PREAMBLE_READ: Record<PreambleField, (cell: Cell | undefined) => CellRead<string>> = {
  version: readText,
  scope: readText,
  title: readText,
  publishedOn: readDate,
};

function readPreamble(rows: readonly GridRow[], log: IssueLog): Preamble {
  const out: Preamble = { values: {}, places: {} };
  for (const row of rows) {
    if (isEmptyRow(row)) continue;
    const first = cellString(row.cells[0]);
    const entry = CATALOGUE_PREAMBLE.find((p) => first === p.label || first.replace(/^(.+?)\s*[:：]\s*.*$/s, '$1') === p.label);
    if (!entry) {
      log.warn(
        'preamble-ignored',
        { row: row.row, column: 'A', field: null },
        `第${row.row}行“${quote(first)}”不是清单版本、适用范围、清单名称或发布日期，已忽略。`,
        `Row ${row.row}: "${quote(first)}" is none of 清单版本, 适用范围, 清单名称, 发布日期 and was ignored.`,
      );
      continue;
    }
    // “清单版本：430821-2026-1” in one cell, or the label alone in A and the value in B.
    const inline = first === entry.label ? '' : first.slice(first.search(/[:：]/) + 1).trim();
    const index = inline !== '' ? 0 : 1;
    const where = { row: row.row, column: columnLetter(index), field: entry.field };
    if (out.places[entry.field]) {
      log.error(
        'duplicate-preamble',
        where,
        `第${row.row}行：“${entry.label}”已在第${out.places[entry.field]?.row}行填写，只能有一行。`,
        `Row ${row.row}: ${entry.label} is already given on row ${out.places[entry.field]?.row}; give it once.`,
      );
      continue;
    }
    out.places[entry.field] = { ...where, label: entry.label };
    const read = PREAMBLE_READ[entry.field](inline !== '' ? inline : row.cells[1]);
    if (read.kind === 'ok') out.values[entry.field] = read.value;
    else if (read.kind === 'empty') {
      if (entry.field === 'scope') out.values.scope = '';
      else log.error('missing-value', where, `第${row.row}行${where.column}列：“${entry.label}”没有填写。`, `Row ${row.row}, column ${where.column}: ${entry.label} is empty.`);
    } else {
      log.error('invalid-value', where, `第${row.row}行${where.column}列（${entry.label}）：${read.reason}`, `Row ${row.row}, column ${where.column} (${entry.label}): ${read.reasonEn}`);
    }
  }
  for (const p of CATALOGUE_PREAMBLE) {
    if (out.places[p.field]) continue;
    log.error(
      'missing-preamble',
      { row: null, column: null, field: p.field },
      `表头上方缺少“${p.label}”一行（A列填“${p.label}”，B列填值）。`,
      `The line ${p.label} is missing above the header (the label in column A, its value in column B).`,
    );
  }
  return out;
}
