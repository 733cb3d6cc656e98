import { sumDecimals } from '../money.ts';
import type { ContractContent, ContractItem, PaymentDue } from '../publication.ts';
import { subjectClass } from './contract-subject.ts';
import { place, type IssueLog, type Where } from './issues.ts';
import { paymentSchedule } from './payment-schedule.ts';

/**
 * The last steps every contract takes, from a sheet or from JSON: the term checked, the payment
 * schedule worked out from the terms (or taken as given), the subject classed.
 */

export type ContractDraft = Omit<ContractItem, 'subjectClass' | 'schedule'>;

/** Where a field of this contract sits, for messages: the sheet cell, or the JSON field. */
export type PlaceOf = (field: string) => { where: Where; header: string | null };

/** Past this many instalments in one file it is not a village's ledger; the importer refuses it. */
export const MAX_INSTALMENTS = 100_000;

export function completeContract(
  draft: ContractDraft,
  options: { schedule: PaymentDue[] | 'from-terms' | 'none' },
  placeOf: PlaceOf,
  log: IssueLog,
): ContractItem {
  let valid = true;
  if (draft.start !== null && draft.end !== null && draft.end < draft.start) {
    valid = false;
    const { where, header } = placeOf('end');
    const p = place(where, header);
    log.error('term-reversed', where, `${p.zh}：终止日期 ${draft.end} 早于起始日期 ${draft.start}。`, `${p.en}: the end date ${draft.end} is before the start date ${draft.start}.`);
  }
  if (draft.annualAmount !== null && draft.annualAmount < 0) {
    valid = false;
    const { where, header } = placeOf('annualAmount');
    const p = place(where, header);
    log.error('invalid-amount', where, `${p.zh}：年租金不能为负数。`, `${p.en}: the annual amount cannot be negative.`);
  }
  let schedule: PaymentDue[] = [];
  if (Array.isArray(options.schedule)) schedule = options.schedule;
  else if (options.schedule === 'from-terms' && valid) {
    const made = paymentSchedule({ start: draft.start, end: draft.end, annualAmount: draft.annualAmount, terms: draft.paymentTerms });
    const { where, header } = placeOf('paymentTerms');
    const p = place(where, header);
    for (const note of made.notes) log.warn(note.code, where, `${p.zh}：${note.zh}`, `${p.en}: ${note.en}`);
    schedule = made.schedule;
  }
  return { ...draft, subjectClass: subjectClass(draft.subject), schedule };
}

/** Count, area (when every area is in one unit) and annual amount of the contracts given. */
export function contractTotals(items: readonly ContractItem[]): ContractContent['totals'] {
  const measured = items.filter((i) => i.area !== null);
  const units = new Set(measured.map((i) => i.areaUnit));
  return {
    count: items.length,
    area: measured.length > 0 && units.size === 1 ? sumDecimals(measured.map((i) => i.area as string)) : null,
    annualAmount: items.reduce((s, i) => s + (i.annualAmount ?? 0), 0),
  };
}

/**
 * An area no village contract can have (over 9 integer digits) is refused rather than published:
 * it is nearly always an ID or card number typed into the wrong column, and the area is
 * published as written.
 */
export function checkArea(area: string | null, where: Where, header: string | null, log: IssueLog): string | null {
  if (area === null || /^-?\d{1,9}(\.\d+)?$/.test(area)) return area;
  const p = place(where, header);
  log.error('invalid-number', where, `${p.zh}：面积数值过大（超过9位整数），不像面积，请核对这一格。`, `${p.en}: the area is too large (over 9 integer digits) to be an area; check this cell.`);
  return null;
}

/** 亩, 平方米 (㎡, m2, 平米) as a contract states an area's unit; null when none is stated. */
export function areaUnit(unit: string | null | undefined): string | null {
  if (!unit) return null;
  const u = unit.normalize('NFKC').trim();
  if (/^(m2|M2|平米|平方|平方米|m²)$/.test(u)) return '平方米';
  return u === '' ? null : u;
}
