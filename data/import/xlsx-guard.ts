import { hasDoctype, xmlTags } from './xml-tags.ts';
import type { ZipFile } from './zip-unpack.ts';

/**
 * The workbook's XML checked, and trimmed, before exceljs builds it. exceljs expands some
 * ranges cell by cell as it loads: a merge, a data validation or a defined name over
 * A1:XFD1048576 is a few bytes of XML and billions of objects. Parts the importers never read
 * (data validations, defined names, extension lists) are removed; what they do read (rows,
 * cells, merges, column widths) must stay inside Excel's own grid and below a size no village
 * table comes near.
 */

export interface XlsxLimits {
  /** <c> elements across all sheets */
  maxCells: number;
  /** <row> elements across all sheets */
  maxRows: number;
  maxMerges: number;
  /** cells covered by merges, summed */
  maxMergedCells: number;
}

/** A township's subsidy roster, the largest table we expect, is ~10,000 rows × 15 columns. */
export const XLSX_LIMITS: XlsxLimits = { maxCells: 500_000, maxRows: 200_000, maxMerges: 2_000, maxMergedCells: 100_000 };

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const EXCEL_MAX_ROW = 1_048_576;
export const EXCEL_MAX_COLUMN = 16_384;

export type XlsxRefusal =
  | { kind: 'too-many-cells'; limit: number }
  | { kind: 'too-many-rows'; limit: number }
  | { kind: 'too-many-merges'; limit: number }
  | { kind: 'merged-too-large'; limit: number }
  | { kind: 'outside-grid'; part: string; reference: string }
  | { kind: 'doctype'; part: string };

export type XlsxVetted = { ok: true; files: ZipFile[] } | { ok: false; refusal: XlsxRefusal };

export function vetXlsxParts(files: readonly ZipFile[], limits: XlsxLimits = XLSX_LIMITS): XlsxVetted {
  const totals: Totals = { cells: 0, rows: 0, merges: 0, mergedCells: 0 };
  const out: ZipFile[] = [];
  for (const file of files) {
    const name = file.name.replace(/^\//, '');
    const part = name.split('/').pop() ?? name;
    if (!/\.(xml|rels|vml)$/i.test(name)) {
      out.push(file);
      continue;
    }
    const xml = latin1(file.data);
    if (hasDoctype(xml)) return { ok: false, refusal: { kind: 'doctype', part } };
    // exceljs picks parts by these same (unanchored) patterns, after dropping a leading '/'.
    if (/xl\/worksheets\/sheet\d+[.]xml/.test(name)) {
      const trimmed = strip(xml, SHEET_UNREAD);
      const refusal = checkSheet(part, trimmed, totals, limits);
      if (refusal) return { ok: false, refusal };
      out.push({ name: file.name, data: fromLatin1(trimmed) });
    } else if (name === 'xl/workbook.xml') {
      out.push({ name: file.name, data: fromLatin1(strip(xml, WORKBOOK_UNREAD)) });
    } else out.push(file);
  }
  return { ok: true, files: out };
}

export function xlsxRefusalMessage(refusal: XlsxRefusal): { message: string; messageEn: string } {
  const trim = '请删除表格外多余的行、列和内容后再上传。';
  const trimEn = 'Delete the extra rows, columns and content outside the table and upload it again.';
  switch (refusal.kind) {
    case 'too-many-cells':
      return { message: `这个 Excel 文件的单元格超过上限 ${refusal.limit} 个。${trim}`, messageEn: `This Excel file has more than ${refusal.limit} cells. ${trimEn}` };
    case 'too-many-rows':
      return { message: `这个 Excel 文件超过上限 ${refusal.limit} 行。${trim}`, messageEn: `This Excel file has more than ${refusal.limit} rows. ${trimEn}` };
    case 'too-many-merges':
      return { message: `这个 Excel 文件的合并单元格超过上限 ${refusal.limit} 处。请取消多余的合并后再上传。`, messageEn: `This Excel file has more than ${refusal.limit} merged ranges. Unmerge the extra cells and upload it again.` };
    case 'merged-too-large':
      return { message: `这个 Excel 文件的合并单元格共覆盖超过 ${refusal.limit} 个单元格。请取消整行、整列的合并后再上传。`, messageEn: `The merged ranges in this Excel file cover more than ${refusal.limit} cells. Unmerge whole rows or columns and upload it again.` };
    case 'outside-grid':
      return {
        message: `这个 Excel 文件的 ${refusal.part} 引用了超出 Excel 表格范围的位置 ${refusal.reference}，文件已损坏或被篡改，未处理。`,
        messageEn: `${refusal.part} in this Excel file refers to ${refusal.reference}, outside Excel's grid; the file is damaged or tampered with and was not opened.`,
      };
    case 'doctype':
      return {
        message: `这个 Excel 文件的 ${refusal.part} 含有 DTD 声明，正常的 Excel 文件不会有，未处理。`,
        messageEn: `${refusal.part} in this Excel file declares a DTD, which no ordinary Excel file does; it was not opened.`,
      };
  }
}

// ——— private helpers ———

/** Bytes as one char per byte, so the XML can be edited with regexes and written back byte for byte. */
function latin1(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
}

function fromLatin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

interface Totals {
  cells: number;
  rows: number;
  merges: number;
  mergedCells: number;
}

/** Sheet parts the importers never read and exceljs expands cell by cell (data validations) or may (extensions). */
const SHEET_UNREAD = new Set(['dataValidations', 'extLst']);
/** Defined names (print areas, filters) are expanded by exceljs into one entry per cell. */
const WORKBOOK_UNREAD = new Set(['definedNames']);

/** The text without the named elements and everything inside them. */
function strip(xml: string, names: ReadonlySet<string>): string {
  const keep: string[] = [];
  let from = 0;
  let inside: { name: string; depth: number } | null = null;
  for (const tag of xmlTags(xml)) {
    if (inside) {
      if (tag.name === inside.name && tag.kind === 'open') inside.depth++;
      else if (tag.name === inside.name && tag.kind === 'close' && --inside.depth === 0) {
        from = tag.end;
        inside = null;
      }
    } else if (names.has(tag.name) && tag.kind !== 'close') {
      keep.push(xml.slice(from, tag.start));
      if (tag.kind === 'empty') from = tag.end;
      else inside = { name: tag.name, depth: 1 };
    }
  }
  // An element left open runs to the end, as far as a parser is concerned; drop the rest.
  if (!inside) keep.push(xml.slice(from));
  return keep.join('');
}

/**
 * Counts and positions, as exceljs will allocate for them: a row at every <row r>, a cell and
 * columns up to every cell reference, a column object for every number up to <col max>, and
 * every cell of every merged range.
 */
function checkSheet(part: string, xml: string, totals: Totals, limits: XlsxLimits): XlsxRefusal | null {
  for (const tag of xmlTags(xml)) {
    if (tag.kind === 'close') continue;
    const a = tag.attributes;
    if (tag.name === 'c' && ++totals.cells > limits.maxCells) return { kind: 'too-many-cells', limit: limits.maxCells };
    if (tag.name === 'row' && ++totals.rows > limits.maxRows) return { kind: 'too-many-rows', limit: limits.maxRows };
    const r = a.get('r');
    if (r !== undefined && (parseInt(r, 10) > EXCEL_MAX_ROW || outsideGrid(decodeAddress(r)))) return { kind: 'outside-grid', part, reference: short(r) };
    for (const key of ['min', 'max'] as const) {
      const n = a.get(key);
      if (tag.name === 'col' && n !== undefined && parseInt(n, 10) > EXCEL_MAX_COLUMN) return { kind: 'outside-grid', part, reference: `${key}=${short(n)}` };
    }
    for (const key of ['ref', 'sqref'] as const) {
      const ref = a.get(key);
      if (ref === undefined) continue;
      const ranges = ref.split(/\s+/).filter((s) => s !== '').map((s) => s.split(':').map(decodeAddress));
      if (ranges.some((cells) => cells.some(outsideGrid))) return { kind: 'outside-grid', part, reference: short(ref) };
      if (tag.name !== 'mergeCell' || key !== 'ref') continue;
      if (++totals.merges > limits.maxMerges) return { kind: 'too-many-merges', limit: limits.maxMerges };
      // exceljs reads a merge as its first and last parts; one part is a single cell.
      const cells = ref.split(':').map(decodeAddress);
      const first = cells[0] ?? { row: 0, col: 0 };
      const last = cells.length === 2 ? (cells[1] ?? first) : first;
      totals.mergedCells += (Math.abs(first.row - last.row) + 1) * (Math.abs(first.col - last.col) + 1);
      if (totals.mergedCells > limits.maxMergedCells) return { kind: 'merged-too-large', limit: limits.maxMergedCells };
    }
  }
  return null;
}

function short(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function outsideGrid(address: { row: number; col: number }): boolean {
  return address.row > EXCEL_MAX_ROW || address.col > EXCEL_MAX_COLUMN;
}

/**
 * A cell reference read the way exceljs's colCache.decodeAddress reads it (letters A–Z before
 * the first digit make the column, every digit until a stray character makes the row), so the
 * numbers checked here are the numbers exceljs will allocate for.
 */
function decodeAddress(value: string): { row: number; col: number } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      hasRow = true;
      row = row * 10 + c - 48;
    } else if (hasRow && hasCol && c !== 36) break;
  }
  return { row, col };
}
