import { refuseInvalidCells } from './cell-text.ts';
import { csvExtent, csvGrid } from './csv-grid.ts';
import { decodeText } from './decode-text.ts';
import { MAX_GRID_CELLS, MAX_GRID_ROWS, type Grid } from './grid.ts';
import { quote, type IssueLog } from './issues.ts';
import { xlsxGrids } from './xlsx-grid.ts';

/**
 * An uploaded sheet that is not a publication (a 四议两公开 register, a county's power list) to
 * grids, through the same guarded readers as the publication importers (import-publication.ts
 * keeps its own reader private): CSV in UTF-8, UTF-8 with BOM, UTF-16 or
 * GBK; XLSX vetted against zip and cell bombs, merged cells read as their value, hidden sheets
 * skipped; a cell of invalid text (cell-text.ts) refuses the file. Null, with the errors logged, when there is nothing to read.
 */
export async function sheetGrids(bytes: Uint8Array, format: 'csv' | 'xlsx', log: IssueLog, what: { zh: string; en: string }): Promise<Grid[] | null> {
  const nowhere = { row: null, column: null, field: null };
  if (format === 'csv') {
    const text = decodeText(bytes).text;
    const extent = csvExtent(text);
    if (extent.records > MAX_GRID_ROWS || extent.cells > MAX_GRID_CELLS) {
      log.error(
        'file-too-large',
        nowhere,
        `这个 CSV 文件超过上限（${MAX_GRID_ROWS} 行、${MAX_GRID_CELLS} 个单元格），不像一份${what.zh}，未处理。请检查是否选错了文件。`,
        `This CSV file is over the limit (${MAX_GRID_ROWS} rows, ${MAX_GRID_CELLS} cells); it does not look like a ${what.en} and was not read. Check that this is the right file.`,
      );
      return null;
    }
    const grids = [csvGrid(text)];
    return refuseInvalidCells(grids, log, 'csv') > 0 ? null : grids;
  }
  const loaded = await xlsxGrids(bytes);
  if (loaded.kind === 'refused') {
    log.error(loaded.code, nowhere, loaded.message, loaded.messageEn);
    return null;
  }
  if (loaded.kind === 'unreadable') {
    log.error(
      'unreadable-file',
      nowhere,
      '这个 Excel 文件无法打开，可能已损坏或不是 .xlsx 格式。请在 Excel/WPS 中重新“另存为” .xlsx 后上传。',
      `This Excel file cannot be opened; it may be damaged or not an .xlsx file (${quote(loaded.reason)}). Save it again as .xlsx in Excel/WPS and upload that.`,
    );
    return null;
  }
  if (loaded.grids.length === 0) {
    log.error('empty-file', nowhere, '这个 Excel 文件里没有数据。', 'This Excel file has no data in it.');
    return null;
  }
  return refuseInvalidCells(loaded.grids, log, 'xlsx') > 0 ? null : loaded.grids;
}
