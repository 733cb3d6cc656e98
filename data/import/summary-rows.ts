import { formatFen, parseDecimal, parseQuantity, sumDecimals, type DecimalParse } from '../money.ts';
import type { SummaryRow } from '../summary/region-summary.ts';
import { cellText, type Cell, type GridRow } from './grid.ts';
import type { Column } from './header-map.ts';
import { at, place, quote, type IssueLog } from './issues.ts';
import { extraCells } from './extra-columns.ts';
import { freeText, type TextMask } from './personal-fields.ts';
import { cellOf, readAmount } from './read-cell.ts';
import { rowLabel } from './row-labels.ts';
import { checkProduct, productDistance, sameDecimal } from './subsidy-checks.ts';
import type { SummaryColumns } from './summary-columns.ts';

/**
 * A summary's rows read, and its totals checked: a 合计 (first under the header or last) must
 * equal the sum of the rows, a 小计 the rows since the previous one, and neither is a row or
 * added again. Where the sheet states no 合计 its total is the rows' sum. `place` is left null
 * here; summary-places.ts links the rows.
 */
export function readSummaryRows(body: readonly GridRow[], c: SummaryColumns, log: IssueLog, mask: TextMask, toleranceFen: number): { rows: SummaryRow[]; total: number } {
  const all: Read[] = [];
  let block: Read[] = [];
  const totals: Array<{ row: GridRow; text: string }> = [];
  for (const row of body) {
    const label = rowLabel(textCells(row, c));
    if (label?.kind === 'subtotal') {
      checkTotal(row, label.text, block, c, log, { zh: '本段各行（上一个小计之后）之和', en: 'the rows since the previous subtotal add up to' }, 'subtotal-mismatch');
      block = [];
    } else if (label?.kind === 'total' || label?.kind === 'cumulative') {
      totals.push({ row, text: label.text });
    } else {
      const read = readRow(row, c, log, mask, toleranceFen);
      if (read) {
        all.push(read);
        block.push(read);
      }
    }
  }
  for (const t of totals) checkTotal(t.row, t.text, all, c, log, { zh: '各行之和', en: 'the rows add up to' }, 'total-mismatch');
  return { rows: all.map((r) => r.summary), total: all.reduce((n, r) => n + r.summary.amount, 0) };
}

// ——— private helpers ———

interface Read {
  summary: SummaryRow;
  /** the quantity as written, for a 合计's quantity; null when the row has none readable */
  quantity: string | null;
}

/** Text cells where a 合计 or 小计 can sit: any but the numbers read (合计 under 序号, or merged across 序号 and 乡镇). */
function textCells(row: GridRow, c: SummaryColumns): string[] {
  const skip = new Set([c.amount.index, c.quantity?.index, c.rate?.index]);
  return row.cells.flatMap((cell, i) => (skip.has(i) || typeof cell !== 'string' ? [] : [cell]));
}

function readRow(row: GridRow, c: SummaryColumns, log: IssueLog, mask: TextMask, toleranceFen: number): Read | null {
  const label = freeText(cellOf(row, c.label), at(row.row, c.label), c.label.header, log, mask);
  const cells = extraCells(row, c.kept, log, mask) ?? [];
  const written = cellText(cellOf(row, c.amount));
  // a numbered row of a printed template, left blank: nothing to publish
  if (label === null && written === '' && cells.every((x) => x === null)) return null;
  const errors = log.errors.length;
  let amount = readAmount(row, c.amount, log);
  if (amount === null && log.errors.length === errors) {
    if (written === '') {
      const p = place(at(row.row, c.amount), c.amount.header);
      log.error('amount-missing', at(row.row, c.amount), `${p.zh}：金额为空。没有金额请填 0 或“-”。`, `${p.en}: the amount is empty. Write 0 or - where there is none.`);
    } else amount = 0; // - or 无: stated as none
  }
  if (label === null) {
    const p = place(at(row.row, c.label), c.label.header);
    log.error('label-missing', at(row.row, c.label), `${p.zh}：这一行有数据，却没有写明是哪个${c.label.header}。`, `${p.en}: the row has figures but does not say which ${c.label.header} it is.`);
  }
  if (amount === null || label === null) return null;
  if (c.quantity && c.rate) checkRowProduct(row, c, amount, written, log, toleranceFen);
  const quantity = c.quantity ? decimalOf(cellOf(row, c.quantity)) : { kind: 'empty' as const };
  return { summary: { row: row.row, label, place: null, amount, cells }, quantity: quantity.kind === 'ok' ? quantity.text : null };
}

/**
 * quantity × rate against the amount (subsidy-checks.ts), within the tolerance. An amount in 万元
 * is as exact as it is written (54.13 万元 is to the hundred 元): the rounding to its last written
 * place is how it was written, not a discrepancy.
 */
function checkRowProduct(row: GridRow, c: SummaryColumns, amount: number, written: string, log: IssueLog, toleranceFen: number): void {
  const q = decimalOf(cellOf(row, c.quantity ?? undefined));
  const r = parseDecimal(cellOf(row, c.rate ?? undefined) ?? null);
  if (q.kind !== 'ok' || r.kind !== 'ok') return;
  const distance = productDistance(q.text, r.text, amount);
  if (distance !== null && distance <= writtenRounding(written, c.amount)) return;
  checkProduct(row.row, q.text, r.text, amount, at(row.row, c.amount), log, toleranceFen);
}

function writtenRounding(written: string, amount: Column): number {
  if (amount.unit !== 'wan') return 0;
  const places = /\.(\d+)/.exec(written.replace(/[,，\s]/g, ''))?.[1]?.length ?? 0;
  return places >= 6 ? 0 : 10 ** (6 - places) / 2;
}

function decimalOf(cell: Cell | undefined): DecimalParse {
  const parsed = typeof cell === 'string' ? parseQuantity(cell) : parseDecimal(cell ?? null);
  return parsed.kind === 'ok' ? { kind: 'ok', text: parsed.text } : parsed;
}

function checkTotal(row: GridRow, text: string, parts: readonly Read[], c: SummaryColumns, log: IssueLog, what: { zh: string; en: string }, code: string): void {
  const stated = readAmount(row, c.amount, log);
  const sum = parts.reduce((n, r) => n + r.summary.amount, 0);
  if (stated !== null && stated !== sum) {
    const p = place(at(row.row, c.amount), c.amount.header);
    log.error(
      code,
      at(row.row, c.amount),
      `${p.zh}：“${quote(text)}”写的是 ${formatFen(stated)} 元，${what.zh}是 ${formatFen(sum)} 元，未发布。请核对后重新上传。`,
      `${p.en}: “${quote(text)}” says ${formatFen(stated)} yuan, but ${what.en} ${formatFen(sum)} yuan; nothing was published. Check and upload again.`,
    );
  }
  if (!c.quantity) return;
  const q = decimalOf(cellOf(row, c.quantity));
  const quantities = parts.map((r) => r.quantity);
  if (q.kind !== 'ok' || quantities.length === 0 || quantities.some((x) => x === null)) return;
  const qSum = sumDecimals(quantities as string[]);
  if (sameDecimal(q.text, qSum)) return;
  const p = place(at(row.row, c.quantity), c.quantity.header);
  log.error(
    code,
    at(row.row, c.quantity),
    `${p.zh}：“${quote(text)}”写的是 ${q.text}，${what.zh}是 ${qSum}，未发布。请核对后重新上传。`,
    `${p.en}: “${quote(text)}” says ${q.text}, but ${what.en} ${qSum}; nothing was published. Check and upload again.`,
  );
}
