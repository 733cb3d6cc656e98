import { sumDecimals } from '../money.ts';
import { cellText, rowLine, type Cell, type GridRow } from './grid.ts';
import { labelOf } from './row-labels.ts';

/**
 * A 合计 that takes more than one row. Two shapes come from the field:
 *
 * - a tall 合计: its cells merged over two rows, which the XLSX reader copies into both, so the
 *   second row repeats the first. It is one row: the copy is dropped.
 * - a 合计 block by category: 合计 merged down the rows beside 耕地 / 林地 / 水田, each with its part
 *   (or, in CSV, the label in the first row only). The importers check one total row, so the
 *   block becomes one: per column, the block's first row when it already equals the sum of the
 *   parts under it (合计 1500, 其中 1000 + 500), else the sum of all its rows; its lines are kept,
 *   as written, among the notes.
 *
 * A 合计 right under the header is not given a block: rows under it are the entries.
 */
export interface TotalBlocks {
  body: GridRow[];
  /** the block's lines, published as notes, with their rows */
  notes: Array<{ row: number; line: string }>;
}

export function mergeTotalBlocks(body: readonly GridRow[]): TotalBlocks {
  const out: GridRow[] = [];
  const notes: Array<{ row: number; line: string }> = [];
  for (let i = 0; i < body.length; i++) {
    const first = body[i]!;
    const label = totalLabel(first);
    if (!label || out.length === 0) {
      out.push(first);
      continue;
    }
    const parts: GridRow[] = [];
    let j = i + 1;
    for (; j < body.length; j++) {
      const next = body[j]!;
      if (sameCells(next, first)) continue; // a tall merged 合计, copied down
      const own = cellText(next.cells[label.column]);
      if ((own !== '' && own !== label.text) || hasOtherLabel(next, label)) break;
      parts.push(next);
    }
    if (parts.length === 0) {
      out.push(first);
    } else {
      out.push({ row: first.row, cells: blockCells(first, parts) });
      notes.push({ row: first.row, line: rowLine(first) });
      // a part's line as the CSV shows it: without the label merged down into it
      for (const r of parts) notes.push({ row: r.row, line: rowLine({ row: r.row, cells: r.cells.map((c) => (cellText(c) === label.text ? null : c)) }) });
    }
    i = j - 1;
  }
  return { body: out, notes };
}

// ——— private helpers ———

function totalLabel(row: GridRow): { column: number; text: string } | null {
  for (let i = 0; i < row.cells.length; i++) {
    const text = cellText(row.cells[i]);
    if (labelOf(text)?.kind === 'total') return { column: i, text };
  }
  return null;
}

/** A label of its own beside the block's column; the block's label merged across (A8:B9) is not one. */
function hasOtherLabel(row: GridRow, label: { column: number; text: string }): boolean {
  return row.cells.some((c, i) => i !== label.column && typeof c === 'string' && c.trim() !== label.text && labelOf(c) !== null);
}

function sameCells(a: GridRow, b: GridRow): boolean {
  const width = Math.max(a.cells.length, b.cells.length);
  for (let i = 0; i < width; i++) if (cellText(a.cells[i]) !== cellText(b.cells[i])) return false;
  return true;
}

/** The block as one row: the label, and per column its total (see the module comment); text that is not a number goes. */
function blockCells(first: GridRow, parts: readonly GridRow[]): Cell[] {
  const width = Math.max(first.cells.length, ...parts.map((p) => p.cells.length));
  const cells: Cell[] = [];
  for (let i = 0; i < width; i++) {
    const head = decimal(first.cells[i]);
    const rest = parts.map((p) => decimal(p.cells[i]));
    if (head === undefined || rest.some((r) => r === undefined)) {
      // a text column (the categories' names): the first row's label stays, the rest is in the notes
      cells.push(labelOf(cellText(first.cells[i]))?.kind === 'total' ? first.cells[i]! : null);
      continue;
    }
    const partsSum = sumDecimals(rest.filter((r): r is string => r !== null));
    const partsGiven = rest.some((r) => r !== null);
    if (head === null) cells.push(partsGiven ? partsSum : null);
    else if (partsGiven && equal(head, partsSum)) cells.push(head);
    else cells.push(partsGiven ? sumDecimals([head, partsSum]) : head);
  }
  return cells;
}

/** A cell as a plain decimal: null when empty, undefined when it holds something else. */
function decimal(cell: Cell | undefined): string | null | undefined {
  const text = cellText(cell).replace(/[,，\s]/g, '');
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

function equal(a: string, b: string): boolean {
  return /^-?0(\.0+)?$/.test(sumDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]));
}
