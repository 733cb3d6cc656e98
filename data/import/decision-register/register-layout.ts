import { cellText, columnLetter, isEmptyRow, type Grid, type GridRow } from '../grid.ts';
import { splitHeader, type Column } from '../header-map.ts';

/**
 * Where the registers are in a sheet. A register is a title, the 事由 / 涉及金额 / 对应小微权力事项
 * lines, a step table under a 步骤 | 时间 | … header, and footer lines (填表人 … 填表日期). A
 * sheet usually holds one; a CSV (which has no sheets) or a sheet holding several registers one
 * under another is split at each step-table header: the lines between one table and the next
 * header belong to the next register from its title or 事由 line on, and to the previous one's
 * footer before that.
 */

export type RegisterField =
  | 'step' | 'date' | 'meeting' | 'expected' | 'present' | 'votesFor' | 'votesAgainst' | 'abstentions'
  | 'content' | 'townshipOfficials' | 'remark';

export type RegisterColumns = Partial<Record<RegisterField, Column>>;

export interface RegisterBlock {
  /** lines above the header: title, 事由, 涉及金额, 对应小微权力事项, other notes */
  preamble: GridRow[];
  headerRows: number[];
  columns: RegisterColumns;
  /** non-empty rows below the header, up to the next register: steps and footer lines */
  body: GridRow[];
}

/** Header names as registers write them, compared with units and brackets removed (乡镇参会人员（职务）). */
export const REGISTER_FIELD_NAMES: Record<RegisterField, readonly string[]> = {
  step: ['步骤', '程序', '环节', '步骤名称', '工作步骤', '实施步骤', '工作程序', '程序步骤'],
  date: ['时间', '日期', '会议时间', '召开时间', '实施时间', '公开时间', '会议日期', '召开日期'],
  meeting: ['会议形式及地点', '会议形式和地点', '会议形式', '形式及地点', '会议地点', '地点', '形式', '公开形式及地点', '公开形式'],
  expected: ['应到人数', '应到', '应参会人数', '应到会人数'],
  present: ['实到人数', '实到', '实际参会人数', '参会人数', '到会人数', '实到会人数'],
  votesFor: ['赞成', '赞成票', '赞成人数', '同意', '同意票', '同意人数', '赞成票数'],
  votesAgainst: ['反对', '反对票', '反对人数', '不同意', '反对票数'],
  abstentions: ['弃权', '弃权票', '弃权人数', '弃权票数'],
  content: ['主要内容', '内容', '会议内容', '议题', '主要议题', '公开内容', '会议主要内容', '议定事项'],
  townshipOfficials: ['乡镇参会人员', '乡镇参会人员职务', '乡镇参会干部', '乡镇干部', '乡镇列席人员', '列席人员', '乡镇指导人员'],
  remark: ['备注', '说明'],
};

export function findBlocks(grid: Grid): RegisterBlock[] {
  const rows = grid.rows;
  const headers: Array<{ at: number; end: number; columns: RegisterColumns }> = [];
  for (let i = 0; i < rows.length; i++) {
    const columns = headerColumns(rows[i] as GridRow);
    if (!columns) continue;
    const lower = rows[i + 1] ? lowerHeaderRow(rows[i] as GridRow, rows[i + 1] as GridRow, columns) : false;
    headers.push({ at: i, end: lower ? i + 2 : i + 1, columns });
    if (lower) i++;
  }
  const blocks: RegisterBlock[] = [];
  let start = 0;
  headers.forEach((header, k) => {
    const next = headers[k + 1];
    const stop = next ? preambleStart(rows, header.end, next.at) : rows.length;
    blocks.push({
      preamble: rows.slice(start, header.at).filter((r) => !isEmptyRow(r)),
      headerRows: rows.slice(header.at, header.end).map((r) => r.row),
      columns: header.columns,
      body: rows.slice(header.end, stop).filter((r) => !isEmptyRow(r)),
    });
    start = stop;
  });
  return blocks;
}

/** The header texts of a sheet with no register, for the message saying so. */
export function headerGuess(grid: Grid): string[] {
  const row = grid.rows.find((r) => r.cells.filter((c) => cellText(c) !== '').length >= 3) ?? grid.rows.find((r) => !isEmptyRow(r));
  return row ? [...new Set(row.cells.map((c) => cellText(c)).filter((t) => t !== ''))].slice(0, 12) : [];
}

/** A title line (…“四议两公开”…登记表) or a 事由 line: where a register's own lines begin. */
export function startsRegister(row: GridRow): boolean {
  // a line of its own (one merged cell, or a label and its words), not a step row that mentions 事由
  const texts = [...new Set(row.cells.map((c) => cellText(c).normalize('NFKC').replace(/\s+/g, '')).filter((t) => t !== ''))];
  if (texts.length === 0 || texts.length > 2) return false;
  return texts.some((t) => /^事由(:|$)/.test(t) || (/(四议两公开|登记表)/.test(t) && !/^[^:]{1,14}:/.test(t)));
}

// ——— private helpers ———

/** A step-table header: it names the step and the date columns and at least two more. */
function headerColumns(row: GridRow): RegisterColumns | null {
  const columns: RegisterColumns = {};
  row.cells.forEach((cell, index) => {
    const field = fieldOf(cellText(cell));
    if (field && !columns[field]) columns[field] = column(field, index, cellText(cell));
  });
  if (!columns.step || !columns.date || Object.keys(columns).length < 4) return null;
  return columns;
}

/**
 * A second header row under a grouped one (表决情况 over 赞成 | 反对 | 弃权): each of its texts is
 * a column name or the merged cell above read again, and it names a field the first row did not.
 */
function lowerHeaderRow(upper: GridRow, lower: GridRow, columns: RegisterColumns): boolean {
  let added = 0;
  const found: Array<[RegisterField, Column]> = [];
  for (let index = 0; index < lower.cells.length; index++) {
    const text = cellText(lower.cells[index]);
    const above = cellText(upper.cells[index]);
    if (text === '' || text === above) continue;
    const field = fieldOf(text);
    if (!field) return false;
    if (!columns[field]) {
      added++;
      found.push([field, column(field, index, above && above !== text ? `${above} / ${text}` : text)]);
    }
  }
  if (added === 0) return false;
  for (const [field, col] of found) columns[field] = col;
  return true;
}

function preambleStart(rows: GridRow[], from: number, header: number): number {
  for (let i = from; i < header; i++) if (startsRegister(rows[i] as GridRow)) return i;
  return header;
}

const BY_NAME: ReadonlyMap<string, RegisterField> = new Map(
  (Object.entries(REGISTER_FIELD_NAMES) as Array<[RegisterField, readonly string[]]>).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

function fieldOf(text: string): RegisterField | null {
  if (text === '') return null;
  return BY_NAME.get(splitHeader(text).base) ?? null;
}

function column(field: RegisterField, index: number, header: string): Column {
  return { field, index, letter: columnLetter(index), header: header.replace(/\s+/g, ' ').trim(), unit: null, per: null, measure: null };
}
