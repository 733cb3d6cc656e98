import { z } from 'zod';
import { formatFen, numberToDecimalString } from '../money.ts';
import { Decimal, Fen, Period, type ContractContent } from '../publication.ts';
import { areaUnit, checkArea, completeContract, contractTotals, MAX_INSTALMENTS } from './contract-item.ts';
import { readParty } from './contract-party.ts';
import { asOfDate, contractPeriod } from './contract-period.ts';
import { publicNotes } from './import-common.ts';
import type { ImportInput } from './import-result.ts';
import { quote, type IssueLog } from './issues.ts';
import { JsonDate } from './json-date.ts';
import { maskText, textMask } from './personal-fields.ts';
import { sameDecimal } from './subsidy-checks.ts';

/**
 * A contract ledger sent as JSON (`contracts`, amounts in fen), given the same treatment as a
 * sheet: the party's ID masked or its credit code kept, the schedule read from the payment terms
 * unless one is given, totals checked when stated.
 */

const text = z.string().nullable().default(null);
const date = JsonDate.nullable().default(null);

export const ContractBody = z.object({
  title: z.string().optional(),
  period: Period.optional(),
  asOf: JsonDate.optional(),
  notes: z.array(z.string()).default([]),
  contracts: z.array(
    z.object({
      row: z.number().int().positive().optional(),
      number: text,
      counterparty: z.string().trim().min(1),
      partyId: text,
      subject: z.string().trim().min(1),
      location: text,
      area: z.union([Decimal, z.number().transform(numberToDecimalString)]).nullable().default(null),
      areaUnit: text,
      start: date,
      end: date,
      annualAmount: Fen.nullable(),
      paymentTerms: text,
      /** given instalments replace the ones read from the payment terms */
      schedule: z
        .array(z.object({ due: JsonDate, amount: Fen, covers: z.object({ from: JsonDate, to: JsonDate }).nullable().default(null) }))
        .max(MAX_INSTALMENTS)
        .optional(),
      performance: text,
      remark: text,
    }),
  ),
  totals: z.object({ count: z.number().int().nonnegative(), area: Decimal.nullable(), annualAmount: Fen }).partial().optional(),
});
export type ContractBody = z.infer<typeof ContractBody>;

export function contractFromJson(body: ContractBody, input: ImportInput, log: IssueLog): ContractContent | null {
  const mask = textMask(input);
  const asOf = body.asOf ?? asOfDate([body.title ?? null, ...body.notes]);
  const period = contractPeriod({ asOf, requested: input.period, body: body.period ?? null, title: body.title ?? null }, log);
  let instalments = 0;
  const contracts = body.contracts.map((c, i) => {
    const at = (field: string) => ({ where: { row: i + 1, column: null, field }, header: null });
    const clean = (v: string | null, field: string): string | null => (v === null ? null : maskText(v, at(field).where, null, log, mask));
    const counterparty = maskText(c.counterparty, at('counterparty').where, null, log, mask);
    const draft = {
      row: c.row ?? i + 1,
      number: clean(c.number, 'number'),
      counterparty,
      ...readParty(counterparty, c.partyId, at('partyId').where, null, log, mask),
      subject: maskText(c.subject, at('subject').where, null, log, mask),
      location: clean(c.location, 'location'),
      area: checkArea(c.area, at('area').where, null, log),
      areaUnit: c.area === null ? null : areaUnit(clean(c.areaUnit, 'areaUnit')),
      start: c.start,
      end: c.end,
      annualAmount: c.annualAmount,
      paymentTerms: clean(c.paymentTerms, 'paymentTerms'),
      performance: clean(c.performance, 'performance'),
      remark: clean(c.remark, 'remark'),
    };
    const schedule = c.schedule ?? (instalments > MAX_INSTALMENTS ? 'none' : 'from-terms');
    const item = completeContract(draft, { schedule }, at, log);
    instalments += item.schedule.length;
    return item;
  });
  if (instalments > MAX_INSTALMENTS) {
    log.error(
      'file-too-large',
      { row: null, column: null, field: 'contracts' },
      `应收计划超过 ${MAX_INSTALMENTS} 期，不像一份村级合同台账，未处理。请检查合同起止日期和缴费方式。`,
      `The payment schedules have over ${MAX_INSTALMENTS} instalments; this does not look like a village contract ledger and was not read. Check the contract dates and payment terms.`,
    );
  }
  const totals = contractTotals(contracts);
  checkStated(body.totals, totals, log);
  if (period === null) return null;
  return {
    kind: 'contract',
    title: body.title ? maskText(body.title, { row: null, column: null, field: 'title' }, null, log, mask) : '集体资产资源合同台账',
    period,
    asOf,
    contracts,
    totals,
    notes: publicNotes(body.notes, log, mask),
  };
}

// ——— private helpers ———

function checkStated(stated: ContractBody['totals'], computed: ContractContent['totals'], log: IssueLog): void {
  const where = (field: string) => ({ row: null, column: null, field: `totals.${field}` });
  if (stated?.count !== undefined && stated.count !== computed.count) {
    log.error('total-mismatch', where('count'), `totals.count 为 ${stated.count}，但共有 ${computed.count} 份合同`, `totals.count is ${stated.count} but there are ${computed.count} contracts`);
  }
  if (stated?.area != null && computed.area !== null && !sameDecimal(stated.area, computed.area)) {
    log.error('total-mismatch', where('area'), `totals.area 为 ${quote(stated.area)}，但各合同面积合计为 ${computed.area}`, `totals.area is ${quote(stated.area)} but the contracts add up to ${computed.area}`);
  }
  if (stated?.annualAmount !== undefined && stated.annualAmount !== computed.annualAmount) {
    log.error(
      'total-mismatch',
      where('annualAmount'),
      `totals.annualAmount 为 ${formatFen(stated.annualAmount)} 元，但各合同年租金合计为 ${formatFen(computed.annualAmount)} 元`,
      `totals.annualAmount is ${formatFen(stated.annualAmount)} but the contracts add up to ${formatFen(computed.annualAmount)}`,
    );
  }
}
