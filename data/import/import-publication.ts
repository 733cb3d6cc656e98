import { PublicationContent, type PublicationKind } from '../publication.ts';
import type { BeneficiaryKey } from '../store/store.ts';
import { refuseInvalidCells } from './cell-text.ts';
import { csvExtent, csvGrid } from './csv-grid.ts';
import { decodeText } from './decode-text.ts';
import { MAX_GRID_CELLS, MAX_GRID_ROWS, type Grid } from './grid.ts';
import type { ImportInput, ImportResult } from './import-result.ts';
import { IssueLog, quote } from './issues.ts';
import { importContract } from './contract-import.ts';
import { importFinance } from './finance-import.ts';
import { importJson } from './json-import.ts';
import { importProject } from './project-import.ts';
import { importSubsidy } from './subsidy-import.ts';
import { importStatement } from './statement-import.ts';
import { refuseStoredNumbers } from './stored-numbers.ts';
import { findLayout, type Layout } from './table-layout.ts';
import { decideColumns } from './column-decisions.ts';
import { layoutRefusal, sideBySideInGrid } from './layout-refusals.ts';
import { columnReport, type ColumnReading } from './column-report.ts';
import { extraColumns, reportExtraColumns } from './extra-columns.ts';
import { FIELD_NAMES } from './header-map.ts';
import { xlsxGrids } from './xlsx-grid.ts';

export { detectFormat } from './detect-format.ts';

/**
 * The one way in: an uploaded file (format already detected) to publication content, or every
 * problem found in it. Never throws on bad input; a file with any error publishes nothing.
 */
export async function importPublication(input: ImportInput): Promise<ImportResult> {
  const log = new IssueLog();
  const beneficiaryKeys: BeneficiaryKey[] = [];
  const read: { columns: ColumnReading[] } = { columns: [] };
  const content = await importContent(input, log, beneficiaryKeys, read);
  const { columns } = read;
  // before the schema check, and with other errors too: a field holding a personal number is named in every case
  if (content) refuseStoredNumbers(content, input.publicNumbers, log);
  if (content && !log.hasErrors) {
    const checked = PublicationContent.safeParse(content);
    if (!checked.success) {
      // The importers build content to the schema; a mismatch here is a bug, but still not a reason to publish.
      for (const issue of checked.error.issues) {
        log.error('invalid-content', { row: null, column: null, field: issue.path.join('.') }, `内部校验失败：${quote(issue.message)}`, `Internal check failed at ${issue.path.join('.')}: ${quote(issue.message)}`);
      }
    } else return { ok: true, content: checked.data, warnings: log.warnings, beneficiaryKeys: checked.data.kind === 'subsidy' ? beneficiaryKeys : [], columns };
  }
  if (!log.hasErrors) {
    log.error('unreadable-file', { row: null, column: null, field: null }, '无法读取这个文件。', 'The file could not be read.');
  }
  return { ok: false, errors: log.errors, warnings: log.warnings, columns };
}

// ——— private helpers ———

async function importContent(input: ImportInput, log: IssueLog, keys: BeneficiaryKey[], read: { columns: ColumnReading[] }): Promise<PublicationContent | null> {
  if (input.format === 'json') return importJson(input, log, keys);
  const grids = await readGrids(input, log);
  if (!grids) return null;
  // a statement has no column map: its header repeats side by side (statement-import.ts)
  if (input.kind === 'statement') return importStatement(grids, input, log);
  const found = pickLayout(grids, input.kind);
  const refused = found.kind === 'no-header' ? grids.map(sideBySideInGrid).find((r) => r !== null) : layoutRefusal(input.kind, found);
  if (refused) {
    log.error(refused.code, { row: refused.row, column: refused.column, field: null }, refused.message, refused.messageEn);
    return null;
  }
  if (found.kind === 'no-header') {
    reportNoHeader(found.found, input.kind, log);
    return null;
  }
  const decided = decideColumns(input, found, log);
  if (decided.kind === 'refused') {
    read.columns = columnReport(input.kind, decided.columns, extraColumns({ ...found, columns: decided.columns }));
    return null;
  }
  const { layout } = decided;
  const extras = extraColumns(layout);
  read.columns = columnReport(input.kind, layout.columns, extras, decided.notes);
  reportExtraColumns(extras, layout.headerRows[0] ?? null, log);
  if (input.kind === 'finance') return importFinance(layout, input, log);
  if (input.kind === 'subsidy') return importSubsidy(layout, input, log, keys);
  if (input.kind === 'contract') return importContract(layout, input, log);
  return importProject(layout, input, log);
}

async function readGrids(input: ImportInput, log: IssueLog): Promise<Grid[] | null> {
  if (input.format === 'csv') {
    const text = decodeText(input.bytes).text;
    const extent = csvExtent(text);
    if (extent.records > MAX_GRID_ROWS || extent.cells > MAX_GRID_CELLS) {
      log.error(
        'file-too-large',
        { row: null, column: null, field: null },
        `这个 CSV 文件超过上限（${MAX_GRID_ROWS} 行、${MAX_GRID_CELLS} 个单元格），不像一份村务公开表格，未处理。请检查是否选错了文件。`,
        `This CSV file is over the limit (${MAX_GRID_ROWS} rows, ${MAX_GRID_CELLS} cells); it does not look like a village table and was not read. Check that this is the right file.`,
      );
      return null;
    }
    const grids = [csvGrid(text)];
    return refuseInvalidCells(grids, log, 'csv') > 0 ? null : grids;
  }
  const loaded = await xlsxGrids(input.bytes);
  if (loaded.kind === 'refused') {
    log.error(loaded.code, { row: null, column: null, field: null }, loaded.message, loaded.messageEn);
    return null;
  }
  if (loaded.kind === 'unreadable') {
    log.error(
      'unreadable-file',
      { row: null, column: null, field: null },
      '这个 Excel 文件无法打开，可能已损坏或不是 .xlsx 格式。请在 Excel/WPS 中重新“另存为” .xlsx 后上传。',
      `This Excel file cannot be opened; it may be damaged or not an .xlsx file (${quote(loaded.reason)}). Save it again as .xlsx in Excel/WPS and upload that.`,
    );
    return null;
  }
  if (loaded.grids.length === 0) {
    log.error('empty-file', { row: null, column: null, field: null }, '这个 Excel 文件里没有数据。', 'This Excel file has no data in it.');
    return null;
  }
  return refuseInvalidCells(loaded.grids, log, 'xlsx') > 0 ? null : loaded.grids;
}

/** The first sheet whose header fits the kind; else the first sheet's failure, for the message. */
function pickLayout(grids: Grid[], kind: PublicationKind): Layout {
  let first: Layout | null = null;
  for (const grid of grids) {
    const layout = findLayout(grid, kind);
    if (layout.kind === 'ok') return layout;
    first ??= layout;
  }
  return first ?? { kind: 'no-header', found: [] };
}

function reportNoHeader(found: string[], kind: PublicationKind, log: IssueLog): void {
  const expected = Object.values(FIELD_NAMES[kind]).map((names) => names[0] as string);
  const kindZh = { finance: '财务收支明细', subsidy: '补贴发放名册', project: '工程项目公示', contract: '集体资产资源合同台账', statement: '财务报表' }[kind];
  const shown = found.map(quote).join('、') || '（空）';
  log.error(
    'no-header',
    { row: null, column: null, field: null },
    `找不到${kindZh}的表头。文件中的列名是：${shown}；应包含其中至少三项：${expected.join('、')}。请检查是否选错了表格类型。`,
    `No ${kind} header found. The file's column names are: ${found.map(quote).join(', ') || '(none)'}; expected at least three of: ${expected.join(', ')}. Check that the right kind of table was chosen.`,
  );
}
