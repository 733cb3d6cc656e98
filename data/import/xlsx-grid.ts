import ExcelJS from 'exceljs';
import { numberToDecimalString } from '../money.ts';
import { columnLetter, MAX_GRID_CELLS, MAX_GRID_COLUMNS, MAX_GRID_ROWS, type Cell, type Grid, type GridRow } from './grid.ts';
import { readZipDirectory, zipRefusalMessage, type ZipRefusal } from './zip-guard.ts';
import { storedZip, unpackZip } from './zip-unpack.ts';
import { vetXlsxParts, xlsxRefusalMessage } from './xlsx-guard.ts';

export type XlsxLoad =
  | { kind: 'ok'; grids: Grid[] }
  | { kind: 'unreadable'; reason: string }
  /** refused before or after exceljs read it, because reading it fully could exhaust the server */
  | { kind: 'refused'; code: 'unreadable-file' | 'unsafe-zip' | 'unsafe-workbook' | 'workbook-too-large'; message: string; messageEn: string };

/**
 * An .xlsx workbook to one Grid per visible worksheet that has data, in workbook order (the
 * caller picks the one whose header fits the kind). Merged cells read as their master value
 * everywhere in the range, so a merged title reads as one title and a merged 日期 header spans
 * its 月/日 columns; rich text, hyperlinks and formula results are unwrapped to their values.
 *
 * exceljs unpacks and builds the whole workbook in memory, so it is handed only what has been
 * vetted: a central directory within limits (zip-guard.ts), entries unpacked to no more than
 * they declare (zip-unpack.ts), and sheet XML inside Excel's grid with the parts it would
 * expand cell by cell removed (xlsx-guard.ts), repacked uncompressed.
 */
export async function xlsxGrids(bytes: Uint8Array): Promise<XlsxLoad> {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return zipRefused(directory.refusal);
  const unpacked = unpackZip(bytes, directory.entries);
  if (!unpacked.ok) return zipRefused(unpacked.refusal);
  const vetted = vetXlsxParts(unpacked.files);
  if (!vetted.ok) {
    const tooLarge = vetted.refusal.kind === 'too-many-cells' || vetted.refusal.kind === 'too-many-rows';
    return { kind: 'refused', code: tooLarge ? 'workbook-too-large' : 'unsafe-workbook', ...xlsxRefusalMessage(vetted.refusal) };
  }
  const repacked = storedZip(vetted.files);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want a Node Buffer of its own era; the runtime takes any Buffer.
    await workbook.xlsx.load(Buffer.from(repacked.buffer, repacked.byteOffset, repacked.byteLength) as never);
  } catch (e) {
    return { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
  }
  const grids: Grid[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const range = usedRange(sheet);
    if (range.rows > MAX_GRID_ROWS || range.columns > MAX_GRID_COLUMNS || range.rows * range.columns > MAX_GRID_CELLS) {
      return {
        kind: 'refused',
        code: 'workbook-too-large',
        message: `工作表“${sheet.name.slice(0, 31)}”的内容延伸到第 ${range.rows} 行、第 ${columnLetter(range.columns - 1)} 列，超过上限（${MAX_GRID_ROWS} 行、${columnLetter(MAX_GRID_COLUMNS - 1)} 列、${MAX_GRID_CELLS} 个单元格）。请删除表格外多余的内容后再上传。`,
        messageEn: `Sheet "${sheet.name.slice(0, 31)}" has content down to row ${range.rows} and across to column ${columnLetter(range.columns - 1)}, over the limit (${MAX_GRID_ROWS} rows, column ${columnLetter(MAX_GRID_COLUMNS - 1)}, ${MAX_GRID_CELLS} cells). Delete the extra content outside the table and upload it again.`,
      };
    }
    const grid = sheetGrid(sheet, range);
    if (grid.rows.some((r) => r.cells.some((c) => c !== null && c !== ''))) grids.push(grid);
  }
  return { kind: 'ok', grids };
}

// ——— private helpers ———

/** A damaged archive cannot be read; the others could be read, but reading them is the attack. */
function zipRefused(refusal: ZipRefusal): XlsxLoad {
  const damaged = refusal.kind === 'damaged' || refusal.kind === 'zip64' || refusal.kind === 'encrypted' || refusal.kind === 'unsupported-method';
  return { kind: 'refused', code: damaged ? 'unreadable-file' : 'unsafe-zip', ...zipRefusalMessage(refusal) };
}

/** The last row and column that hold a value (or a merged part of one). */
function usedRange(sheet: ExcelJS.Worksheet): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  sheet.eachRow((row, r) => {
    rows = Math.max(rows, r);
    columns = Math.max(columns, row.cellCount);
  });
  return { rows, columns };
}

function sheetGrid(sheet: ExcelJS.Worksheet, range: { rows: number; columns: number }): Grid {
  const rows: GridRow[] = [];
  for (let r = 1; r <= range.rows; r++) {
    // Hidden rows are kept, as Excel's own "save as CSV" keeps them: totals count them too.
    // find*, not get*: getRow/getCell create what they do not find.
    const row = sheet.findRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= range.columns; c++) {
      const cell = row?.findCell(c);
      const source = cell?.isMerged && cell.master ? cell.master : cell;
      cells.push(shownDecimals(unwrap(source?.value), source?.numFmt));
    }
    rows.push({ row: r, cells });
  }
  return { sheet: sheet.name, rows };
}

/**
 * A number shown with fixed decimals (0.00, #,##0.00) as the text Excel shows and saves to CSV
 * ("3.70", not 3.7), so the XLSX and the CSV of one sheet publish the same quantity and rate
 * text. Only padding: a value with more decimals than shown stays the number it is.
 */
function shownDecimals(cell: Cell, numFmt: string | undefined): Cell {
  if (typeof cell !== 'number' || !numFmt) return cell;
  const places = /^(?:#,##)?0\.(0+)$/.exec(numFmt)?.[1]?.length;
  if (places === undefined) return cell;
  const text = numberToDecimalString(cell);
  const [whole, fraction = ''] = text.split('.');
  return fraction.length > places ? cell : `${whole}.${fraction.padEnd(places, '0')}`;
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
