import type { ContractContent, ContractItem } from '../publication.ts';
import { cellText, type GridRow } from './grid.ts';
import type { ImportInput } from './import-result.ts';
import { at, place, type IssueLog } from './issues.ts';
import { publicNotes, requireColumns } from './import-common.ts';
import { extraCells, extraColumns, extraHeaders, type ExtraColumn } from './extra-columns.ts';
import { areaUnit, checkArea, completeContract, contractTotals, MAX_INSTALMENTS, type ContractDraft, type PlaceOf } from './contract-item.ts';
import { readParty } from './contract-party.ts';
import { asOfDate, contractPeriod } from './contract-period.ts';
import { endAfterYears, parseTerm } from './contract-term.ts';
import { checkContractTotal, statedCount } from './contract-totals.ts';
import { freeText, maskText, textMask, type TextMask } from './personal-fields.ts';
import { badValue, cellOf, labelTexts, readAmount, readDate, readDecimal } from './read-cell.ts';
import { labelOf, rowLabel } from './row-labels.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

const NUMBER_FIELDS = ['area', 'annualAmount', 'partyId', 'receivable', 'received', 'arrears'] as const;
/** Recognised so that they are not misread as the annual amount, but not part of the content. */
const UNPUBLISHED: Record<string, string> = { receivable: '应收', received: '已收', arrears: '欠缴' };

/**
 * A 集体资产资源合同台账 to ContractContent: one item per contract, with who holds it (a company's
 * credit code kept, a person's ID masked), what and where, the term, the annual amount in fen and
 * every instalment over the term read from the payment terms; 合计 rows checked against the rows.
 */
export function importContract(layout: FoundLayout, input: ImportInput, log: IssueLog): ContractContent | null {
  const c = layout.columns;
  if (!requireColumns(layout, [['counterparty'], ['subject']], 'contract', log)) return null;
  const mask = textMask(input);
  const extras = extraColumns(layout);
  const asOf = asOfDate(layout.notes);
  const period = contractPeriod({ asOf, requested: input.period, title: layout.title }, log);
  reportUnpublished(layout, log);
  if (!c.paymentTerms) {
    log.warn(
      'payment-terms-column-missing',
      { row: layout.headerRows[0] ?? null, column: null, field: 'paymentTerms' },
      '表头中没有“缴费方式”列，未生成应收计划，应收款核对将不覆盖这份台账。',
      'The header has no payment-terms (缴费方式) column; no payment schedules were made, and the check of receivables will not cover this ledger.',
    );
  }

  const contracts: ContractItem[] = [];
  let segment: ContractItem[] = [];
  let instalments = 0;
  for (const row of layout.body) {
    const texts = labelTexts(row, c, NUMBER_FIELDS);
    const label = rowLabel(texts);
    if (label?.kind === 'opening' || label?.kind === 'carry') continue; // 承上页 / 过次页 between printed pages
    if (label) {
      const labelColumn = Object.values(c).find((col) => col !== undefined && labelOf(cellText(cellOf(row, col))) !== null);
      const scope = label.kind === 'subtotal' ? { zh: '本段（上一个小计之后）', en: 'the part since the previous subtotal' } : { zh: '表中', en: 'the table' };
      checkContractTotal(
        { row: row.row, text: label.text, column: labelColumn },
        { count: statedCount(texts), area: readArea(row, layout, log)?.text ?? null, annualAmount: readAmount(row, c.annualAmount, log) },
        label.kind === 'subtotal' ? segment : contracts,
        { area: c.area, annualAmount: c.annualAmount },
        scope,
        log,
      );
      if (label.kind === 'subtotal') segment = [];
      continue;
    }
    const draft = readRow(row, layout, log, mask, extras);
    if (!draft) continue;
    const placeOf: PlaceOf = (field) => {
      // dates read from a 起止日期 cell are reported there
      const column = c[field] ?? (field === 'start' || field === 'end' ? c.term : undefined);
      return { where: at(row.row, column, field), header: column?.header ?? null };
    };
    const capped = instalments > MAX_INSTALMENTS;
    const item = completeContract(draft, { schedule: c.paymentTerms && !capped ? 'from-terms' : 'none' }, placeOf, log);
    instalments += item.schedule.length;
    if (!capped && instalments > MAX_INSTALMENTS) {
      log.error(
        'file-too-large',
        at(row.row, c.paymentTerms),
        `到第${row.row}行为止，应收计划已超过 ${MAX_INSTALMENTS} 期，不像一份村级合同台账，未处理。请检查合同起止日期和缴费方式。`,
        `By row ${row.row} the payment schedules have over ${MAX_INSTALMENTS} instalments; this does not look like a village contract ledger and was not read. Check the contract dates and payment terms.`,
      );
    }
    contracts.push(item);
    segment.push(item);
  }

  if (period === null) return null;
  return {
    kind: 'contract',
    title: layout.title ? maskText(layout.title, at(null), null, log, mask) : '集体资产资源合同台账',
    period,
    asOf,
    contracts,
    totals: contractTotals(contracts),
    notes: publicNotes(layout.notes, log, mask, layout.noteRows),
    ...extraHeaders(extras, layout.headerRows[0] ?? null, log, mask),
  };
}

// ——— private helpers ———

function readRow(row: GridRow, layout: FoundLayout, log: IssueLog, mask: TextMask, extras: readonly ExtraColumn[]): ContractDraft | null {
  const c = layout.columns;
  const mapped = Object.values(c).filter((col) => col !== undefined && col.field !== 'seq');
  if (mapped.every((col) => cellText(cellOf(row, col)) === '')) return null; // a template row with only its 序号 filled in
  const header = (f: string): string | null => c[f]?.header ?? null;
  const text = (f: string): string | null => freeText(cellOf(row, c[f]), at(row.row, c[f], f), header(f), log, mask);
  const counterparty = text('counterparty');
  const subject = text('subject');
  for (const [field, value, zh, en] of [
    ['counterparty', counterparty, '承包（租赁）方', 'the lessee (counterparty)'],
    ['subject', subject, '标的物', 'the subject (what is leased)'],
  ] as const) {
    if (value !== null) continue;
    const p = place(at(row.row, c[field]), header(field));
    log.error(`${field}-missing`, at(row.row, c[field], field), `${p.zh}：${zh}为空。`, `${p.en}: ${en} is empty.`);
  }
  const party = readParty(counterparty, cellOf(row, c.partyId), at(row.row, c.partyId, 'partyId'), header('partyId'), log, mask);
  const area = readArea(row, layout, log);
  const { start, end } = readTerm(row, layout, log);
  return {
    row: row.row,
    number: text('number'),
    counterparty: counterparty ?? '',
    ...party,
    subject: subject ?? '',
    location: text('location'),
    area: area?.text ?? null,
    areaUnit: area ? areaUnit(area.unit ?? c.area?.measure) : null,
    start,
    end,
    annualAmount: readAmount(row, c.annualAmount, log),
    paymentTerms: text('paymentTerms'),
    performance: text('performance'),
    remark: text('remark'),
    ...(extras.length > 0 && { extra: extraCells(row, extras, log, mask) }),
  };
}

function readArea(row: GridRow, layout: FoundLayout, log: IssueLog): { text: string; unit: string | null } | null {
  const column = layout.columns.area;
  const area = readDecimal(row, column, log);
  if (area === null) return null;
  const text = checkArea(area.text, at(row.row, column, 'area'), column?.header ?? null, log);
  return text === null ? null : { text, unit: area.unit };
}

/** 起始日期 and 终止日期, completed or checked by a 起止日期 or 期限 column when there is one. */
function readTerm(row: GridRow, layout: FoundLayout, log: IssueLog): { start: string | null; end: string | null } {
  const c = layout.columns;
  let start = readDate(row, c.start, log, undefined);
  let end = readDate(row, c.end, log, undefined);
  if (!c.term) return { start, end };
  const term = parseTerm(cellOf(row, c.term));
  const p = place(at(row.row, c.term), c.term.header);
  if (term.kind === 'invalid') badValue(row, c.term, log, 'invalid-term', term.reason, term.reasonEn);
  if (term.kind === 'range') {
    if ((start !== null && start !== term.start) || (end !== null && end !== term.end)) {
      log.error(
        'term-mismatch',
        at(row.row, c.term),
        `${p.zh}：起止日期 ${term.start} 至 ${term.end} 与起始、终止日期列（${start ?? '空'} 至 ${end ?? '空'}）不一致。`,
        `${p.en}: the term ${term.start} to ${term.end} does not match the start and end columns (${start ?? 'empty'} to ${end ?? 'empty'}).`,
      );
    }
    start ??= term.start;
    end ??= term.end;
  }
  if (term.kind === 'years' && start !== null) {
    const computed = endAfterYears(start, term.years);
    if (end === null) end = computed;
    else if (end !== computed) {
      log.warn(
        'term-years-mismatch',
        at(row.row, c.term),
        `${p.zh}：期限 ${term.years} 年从 ${start} 起算应到 ${computed}，但终止日期是 ${end}；应收计划按终止日期生成，请核对。`,
        `${p.en}: a term of ${term.years} years from ${start} ends on ${computed}, but the end date is ${end}; the schedule follows the end date, please check.`,
      );
    }
  }
  return { start, end };
}

/** 应收 / 已收 / 欠缴 columns: said once, so nobody expects to find them published. */
function reportUnpublished(layout: FoundLayout, log: IssueLog): void {
  for (const [field, zh] of Object.entries(UNPUBLISHED)) {
    const column = layout.columns[field];
    if (!column) continue;
    const p = place({ row: layout.headerRows[0] ?? null, column: column.letter, field }, column.header);
    log.warn(
      'column-not-imported',
      { row: layout.headerRows[0] ?? null, column: column.letter, field },
      `${p.zh}：“${zh}”金额列未导入。合同台账发布年租金和缴费方式，应收、已收、欠缴由系统按应收计划与收支明细核对；履约情况请写在“履约情况”列。`,
      `${p.en}: the ${field} column was not imported. A contract ledger publishes the annual amount and payment terms; what is due, received and owed is worked out from the schedule and the finance ledger. State the payment record in the 履约情况 (performance) column.`,
    );
  }
}
