import ExcelJS from 'exceljs';
import type { Cell, Grid, GridRow } from './grid.ts';

export type XlsxLoad = { kind: 'ok'; grids: Grid[] } | { kind: 'unreadable'; reason: string };

/**
 * An .xlsx workbook to one Grid per visible worksheet that has data, in workbook order (the
 * caller picks the one whose header fits the kind). Merged cells read as their master value
 * everywhere in the range, so a merged title reads as one title and a merged 日期 header spans
 * its 月/日 columns; rich text, hyperlinks and formula results are unwrapped to their values.
 */
export async function xlsxGrids(bytes: Uint8Array): Promise<XlsxLoad> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want a Node Buffer of its own era; the runtime takes any Buffer.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
  }
  const grids: Grid[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const grid = sheetGrid(sheet);
    if (grid.rows.some((r) => r.cells.some((c) => c !== null && c !== ''))) grids.push(grid);
  }
  return { kind: 'ok', grids };
}

// ——— private helpers ———

function sheetGrid(sheet: ExcelJS.Worksheet): Grid {
  const rows: GridRow[] = [];
  const lastRow = sheet.rowCount;
  const lastColumn = sheet.columnCount;
  for (let r = 1; r <= lastRow; r++) {
    // Hidden rows are kept, as Excel's own "save as CSV" keeps them: totals count them too.
    const row = sheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= lastColumn; c++) {
      const cell = row.getCell(c);
      const source = cell.isMerged && cell.master ? cell.master : cell;
      cells.push(unwrap(source.value));
    }
    rows.push({ row: r, cells });
  }
  return { sheet: sheet.name, rows };
}

function unwrap(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as Array<{ text?: unknown }>).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? unwrap(v.result) : null;
    if ('error' in v) return null;
    if (typeof v.text === 'string') return v.text; // hyperlink
    if (typeof v.text === 'object') return unwrap(v.text);
  }
  return null;
}
