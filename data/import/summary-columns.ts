import { decideAmountColumn, reportAmountRefusal, type ColumnNote } from './amount-column.ts';
import type { ColumnReading } from './column-report.ts';
import { extraColumns, type ExtraColumn } from './extra-columns.ts';
import { splitHeader, type Column } from './header-map.ts';
import { safe, type IssueLog } from './issues.ts';
import type { SummaryLayout } from './summary-layout.ts';

/**
 * The columns of a summary table: the label, the amount, and every other column kept as written
 * (序号 aside: it only numbers the rows, which are known by their sheet row). The amount is
 * decided as in a payout list (amount-column.ts): a rate is never taken for it, and when two
 * columns could each be it and quantity × rate cannot tell, the table is refused naming both.
 * A quantity and a rate are published as written, and read to check each amount when both exist.
 */
export interface SummaryColumns {
  label: Column;
  amount: Column;
  seq: Column | null;
  quantity: Column | null;
  /** set only when quantity × rate is checked against the amount: both columns exist, the rate in 元 */
  rate: Column | null;
  kept: ExtraColumn[];
  /** kept columns the importer does not read (named in the unknown-columns warning) */
  unknown: ExtraColumn[];
}

export type ColumnsDecision =
  | { kind: 'ok'; columns: SummaryColumns; report: ColumnReading[] }
  | { kind: 'refused'; report: ColumnReading[] };

export function decideSummaryColumns(layout: SummaryLayout, toleranceFen: number, log: IssueLog): ColumnsDecision {
  const headerRow = layout.headerRows[0] ?? null;
  const seq = layout.columns.seq ?? null;
  const decided = decideAmountColumn('subsidy', layout, toleranceFen);
  const funds = layout.fundColumns.filter((c) => !/标准|单价|每/.test(splitHeader(c.header).base) && c.per === null);
  let amount: Column;
  let notes: ColumnNote[] = [];
  let quantity = layout.columns.quantity ?? null;
  let rate = layout.columns.rate ?? null;
  if (decided.kind === 'ok') {
    amount = decided.columns.amount!;
    notes = decided.readings;
    quantity = decided.columns.quantity ?? null;
    rate = decided.columns.rate ?? null;
  } else if (decided.kind === 'no-amount' && funds.length === 1) {
    amount = funds[0]!;
  } else {
    const refusal = decided.kind === 'no-amount' && funds.length > 1 ? { kind: 'ambiguous' as const, candidates: funds, quantity, rate } : decided;
    reportAmountRefusal(refusal, headerRow, log);
    const kept = extraColumns({ ...layout, columns: { ...(seq && { seq }), label: layout.label } });
    return { kind: 'refused', report: report(layout, { label: layout.label, seq, kept }, null, refusalNotes(refusal)) };
  }
  const checked = quantity !== null && rate !== null && rate.unit !== 'wan';
  const kept = extraColumns({ ...layout, columns: { ...(seq && { seq }), label: layout.label, amount } });
  const read = new Set(checked ? [quantity!.index, rate!.index] : []);
  const unknown = kept.filter((x) => !read.has(x.index) && !isRemark(x));
  const columns: SummaryColumns = { label: layout.label, amount, seq, quantity, rate: checked ? rate : null, kept, unknown };
  return { kind: 'ok', columns, report: report(layout, columns, amount, notes) };
}

// ——— private helpers ———

/** In the dry run of a refused table, the columns the refusal is about. */
function refusalNotes(refusal: Parameters<typeof reportAmountRefusal>[0]): ColumnNote[] {
  if (refusal.kind === 'no-amount') return refusal.rates.map((column) => ({ column, zh: '是每单位的标准，不是金额', en: 'a rate per unit, not the amount' }));
  return refusal.candidates.map((column) => ({ column, zh: '可能是金额，但另一列也可能是，无法确定，未发布', en: 'could be the amount, but so could another column: nothing was published' }));
}

function isRemark(x: ExtraColumn): boolean {
  return /^(备注|说明)$/.test(splitHeader(x.header).base);
}

/** How each column was read, in sheet order, for the dry run. */
function report(
  layout: SummaryLayout,
  columns: Pick<SummaryColumns, 'label' | 'seq' | 'kept'> & Partial<SummaryColumns>,
  amount: Column | null,
  notes: readonly ColumnNote[],
): ColumnReading[] {
  const noteOf = (letter: string) => notes.find((n) => n.column.letter === letter);
  const out: Array<ColumnReading & { index: number }> = [];
  const add = (index: number, letter: string, header: string, field: string | null, zh: string, en: string, unit: string | null, note?: { zh: string; en: string }) => {
    const own = noteOf(letter);
    out.push({ index, column: letter, header: safe(header), field, readAs: zh, readAsEn: en, unit, note: own?.zh ?? note?.zh ?? null, noteEn: own?.en ?? note?.en ?? null });
  };
  const { label, seq } = columns;
  if (seq) add(seq.index, seq.letter, seq.header, 'seq', '序号（不公开）', 'row number (not published)', null, { zh: '序号只是行号，不公开：每行以它在表格中的行号标明', en: 'a row number only, not published: each row is known by its row in the sheet' });
  add(
    label.index,
    label.letter,
    label.header,
    'label',
    layout.rowsAre === 'place' ? '地名（下辖的乡镇或村加链接）' : '类别',
    layout.rowsAre === 'place' ? 'place (linked when it is a division under the region)' : 'category',
    null,
  );
  if (amount) add(amount.index, amount.letter, amount.header, 'amount', '金额', 'amount', amount.unit === 'wan' ? '万元' : amount.unit === 'yuan' ? '元' : null);
  for (const x of columns.kept) {
    if (columns.rate && x.index === columns.quantity?.index) add(x.index, x.letter, x.header, 'quantity', '数量（原样公开，用于核对金额）', 'quantity (published as written; checks the amount)', null);
    else if (columns.rate && x.index === columns.rate.index) add(x.index, x.letter, x.header, 'rate', '标准（原样公开，用于核对金额）', 'rate (published as written; checks the amount)', '元');
    else if (isRemark(x)) add(x.index, x.letter, x.header, null, '备注，原样公开', 'remark: published as written', null);
    else add(x.index, x.letter, x.header, null, '未识别，原样公开', 'not recognised: published as written', null);
  }
  return out.sort((a, b) => a.index - b.index).map(({ index: _index, ...reading }) => reading);
}
