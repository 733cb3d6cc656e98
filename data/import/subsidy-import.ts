import type { SubsidyContent, SubsidyRow } from '../publication.ts';
import type { BeneficiaryKey } from '../store/store.ts';
import { rowBeneficiaryKey } from './beneficiary-key.ts';
import { sumDecimals } from '../money.ts';
import { periodYear } from '../period.ts';
import type { GridRow } from './grid.ts';
import type { ImportInput } from './import-result.ts';
import { at, place, type IssueLog, type Where } from './issues.ts';
import { checkDatesInPeriod, finalPeriod, statedPeriod } from './import-period.ts';
import { publicNotes, requireColumns } from './import-common.ts';
import { extraCells, extraColumns, extraHeaders, type ExtraColumn } from './extra-columns.ts';
import { freeText, maskedNumber, maskText, textMask, type TextMask } from './personal-fields.ts';
import { cellOf, labelTexts, readAmount, readDate, readDecimal } from './read-cell.ts';
import { rowLabel } from './row-labels.ts';
import { checkProduct, checkSubsidyTotal, programmeFromTitle, rateFen } from './subsidy-checks.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

const NUMBER_FIELDS = ['quantity', 'rate', 'amount', 'idNumber', 'phone', 'bankCard'] as const;

/**
 * A subsidy payout list (补贴发放花名册) to SubsidyContent. Personal numbers are masked on the way
 * in; quantity × rate is checked against each amount, and 小计/合计 rows against the sums.
 */
export function importSubsidy(layout: FoundLayout, input: ImportInput, log: IssueLog, keys: BeneficiaryKey[] = []): SubsidyContent | null {
  const c = layout.columns;
  if (!requireColumns(layout, [['name'], ['amount']], 'subsidy', log)) return null;
  const stated = statedPeriod(input.period, layout.title, log);
  const year = stated ? periodYear(stated) : undefined;
  const mask = textMask(input);
  const extras = extraColumns(layout);
  // The title and the request are free text like any other: a number in them is masked here too.
  const named = input.programme?.trim() || (layout.title ? programmeFromTitle(layout.title) : null);
  const programme = named ? maskText(named, { row: null, column: null, field: 'programme' }, null, log, mask) : null;
  if (!programme) {
    log.error(
      'programme-missing',
      { row: null, column: null, field: 'programme' },
      '无法从标题看出这是哪一项补贴。请在标题中写明（如“2026年耕地地力保护补贴发放花名册”），或上传时加上 programme=。',
      'Cannot tell which subsidy programme this list is for. State it in the title (e.g. 2026年耕地地力保护补贴发放花名册) or add programme= to the upload.',
    );
  }

  const rows: SubsidyRow[] = [];
  let segment: SubsidyRow[] = [];
  for (const row of layout.body) {
    const label = rowLabel(labelTexts(row, c, NUMBER_FIELDS));
    if (label && (label.kind === 'total' || label.kind === 'subtotal' || label.kind === 'cumulative')) {
      const scope = label.kind === 'subtotal' ? segment : rows;
      checkSubsidyTotal(
        { row: row.row, text: label.text },
        { amount: readAmount(row, c.amount, log), quantity: readDecimal(row, c.quantity, log)?.text ?? null },
        { amount: scope.reduce((s, r) => s + r.amount, 0), quantity: quantitySum(scope) },
        { amount: at(row.row, c.amount), quantity: at(row.row, c.quantity) },
        label.kind === 'subtotal' ? '本段明细（上一个小计之后）合计' : '明细合计',
        label.kind === 'subtotal' ? 'the rows since the previous subtotal add up to' : 'the rows add up to',
        log,
      );
      if (label.kind === 'subtotal') segment = [];
      continue;
    }
    const parsed = readRow(row, layout, log, mask, year, extras, input.amountToleranceFen ?? 0);
    // From the cell as written, before masking: the masked ID alone cannot tell two people apart.
    const key = rowBeneficiaryKey(input.beneficiaryKey, row.row, parsed?.name ?? null, cellOf(row, c.idNumber));
    if (key) keys.push(key);
    if (parsed) {
      rows.push(parsed);
      segment.push(parsed);
    }
  }

  const period = finalPeriod(stated, rows.flatMap((r) => (r.datePaid ? [r.datePaid] : [])), input.filename, log);
  if (period) {
    const dated = rows.map((r) => ({ row: r.row, date: r.datePaid, column: c.datePaid?.letter ?? null, field: 'datePaid' }));
    // A year's subsidy is often paid early the next year: a date outside the period is worth a look, not a refusal.
    checkDatesInPeriod(period, dated, log, 'warning');
  }
  if (!period || !programme) return null;
  return {
    kind: 'subsidy',
    title: layout.title ? maskText(layout.title, at(null), null, log, mask) : `${programme}发放名册`,
    programme,
    period,
    rows,
    totals: { amount: rows.reduce((s, r) => s + r.amount, 0), quantity: quantitySum(rows), count: rows.length },
    notes: publicNotes(layout.notes, log, mask, layout.noteRows),
    ...extraHeaders(extras, layout.headerRows[0] ?? null, log, mask),
  };
}

// ——— private helpers ———

function readRow(
  row: GridRow,
  layout: FoundLayout,
  log: IssueLog,
  mask: TextMask,
  year: number | undefined,
  extras: readonly ExtraColumn[],
  toleranceFen: number,
): SubsidyRow | null {
  const c = layout.columns;
  const header = (f: string): string | null => c[f]?.header ?? null;
  const name = freeText(cellOf(row, c.name), at(row.row, c.name), header('name'), log, mask);
  const errorsBefore = log.errors.length;
  const amount = readAmount(row, c.amount, log);
  const quantity = readDecimal(row, c.quantity, log);
  const rate = readDecimal(row, c.rate, log);
  if (name === null) {
    const p = place(at(row.row, c.name), header('name'));
    log.error('name-missing', at(row.row, c.name), `${p.zh}：姓名为空。`, `${p.en}: the name is empty.`);
  }
  if (amount === null && log.errors.length === errorsBefore) {
    const p = place(at(row.row, c.amount), header('amount'));
    log.error('amount-missing', at(row.row, c.amount), `${p.zh}：补贴金额为空。`, `${p.en}: the amount is empty.`);
  }
  if (amount !== null && quantity && rate) {
    checkProduct(row.row, quantity.text, rate.text, amount, at(row.row, c.amount), log, toleranceFen);
  }
  const seq = freeText(cellOf(row, c.seq), at(row.row, c.seq), header('seq'), log, mask);
  return {
    row: row.row,
    seq,
    name: name ?? '',
    idNumber: maskedNumber('id-number', cellOf(row, c.idNumber), at(row.row, c.idNumber), header('idNumber'), log, mask, seq),
    phone: maskedNumber('phone', cellOf(row, c.phone), at(row.row, c.phone), header('phone'), log, mask, seq),
    bankCard: maskedNumber('bank-card', cellOf(row, c.bankCard), at(row.row, c.bankCard), header('bankCard'), log, mask, seq),
    quantity: quantity?.text ?? null,
    // 元/… in a header is free text like any cell: the unit it gives is masked too
    unit: quantity ? maskUnit(c.quantity?.measure ?? quantity.unit ?? c.rate?.per ?? null, at(row.row, c.quantity), header('quantity'), log, mask) : null,
    rate: rate ? rateFen(rate.text, at(row.row, c.rate), log) : null,
    rateText: rate?.text ?? null,
    amount: amount ?? 0,
    datePaid: readDate(row, c.datePaid, log, year),
    channel: freeText(cellOf(row, c.channel), at(row.row, c.channel), header('channel'), log, mask),
    remark: freeText(cellOf(row, c.remark), at(row.row, c.remark), header('remark'), log, mask),
    ...(extras.length > 0 && { extra: extraCells(row, extras, log, mask) }),
  };
}

function maskUnit(unit: string | null, where: Where, header: string | null, log: IssueLog, mask: TextMask): string | null {
  return unit === null ? null : maskText(unit, where, header, log, mask);
}

function quantitySum(rows: readonly SubsidyRow[]): string | null {
  const quantities = rows.map((r) => r.quantity);
  if (quantities.length === 0 || quantities.some((q) => q === null)) return null;
  return sumDecimals(quantities as string[]);
}
