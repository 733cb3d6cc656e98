import { z } from 'zod';
import {
  Decimal,
  Fen,
  Period,
  PhotoRef,
  Progress,
  type FinanceContent,
  type ProjectContent,
  type PublicationContent,
  type PublicationKind,
  type SubsidyContent,
} from '../publication.ts';
import { fenToPlain, formatFen, sumDecimals } from '../money.ts';
import type { BeneficiaryKey } from '../store/store.ts';
import { normalisePeriod, periodFromText, periodLabel } from '../period.ts';
import { findInvalidText, printable } from '../text-validity.ts';
import { decodeText } from './decode-text.ts';
import { MAX_GRID_ROWS } from './grid.ts';
import type { ImportInput } from './import-result.ts';
import { MAX_ISSUES, quote, type IssueLog } from './issues.ts';
import { rowBeneficiaryKey } from './beneficiary-key.ts';
import { ContractBody, contractFromJson } from './contract-json.ts';
import { checkLedger, type LedgerLine } from './finance-ledger.ts';
import { checkDatesInPeriod } from './import-period.ts';
import { publicNotes } from './import-common.ts';
import { JsonDate } from './json-date.ts';
import { maskedNumber, maskText, textMask, type TextMask } from './personal-fields.ts';
import { parseProgress } from './project-progress.ts';
import { checkProduct, programmeFromTitle, rateFen, sameDecimal } from './subsidy-checks.ts';

/**
 * A JSON body: the kind's content without `kind` (amounts in fen; `entries` / `rows` / `projects` /
 * `contracts`), for village systems that export data rather than spreadsheets. It gets the same
 * checks as a spreadsheet — the sums, the running balance, masking — with rows counted from 1 in
 * array order.
 */
export function importJson(input: ImportInput, log: IssueLog, keys: BeneficiaryKey[] = []): PublicationContent | null {
  let body: unknown;
  try {
    body = JSON.parse(decodeText(input.bytes).text);
  } catch (e) {
    log.error(
      'unreadable-file',
      { row: null, column: null, field: null },
      `JSON 格式错误，无法读取：${quote(e instanceof Error ? e.message : String(e))}`,
      `The JSON cannot be read: ${quote(e instanceof Error ? e.message : String(e))}`,
    );
    return null;
  }
  if (input.kind === 'statement') {
    log.error(
      'statement-json-unsupported',
      { row: null, column: null, field: 'kind' },
      '财务报表（收支对照表、收益分配表）请以 CSV 或 XLSX 文件上传，暂不接受 JSON。',
      'Financial statements (income and expense, distribution) are uploaded as CSV or XLSX; JSON is not taken yet.',
    );
    return null;
  }
  const kind = input.kind;
  if (reportInvalidText(body, kind, log)) return null;
  if (body && typeof body === 'object' && 'kind' in body && (body as { kind: unknown }).kind !== kind) {
    const stated = describe((body as { kind: unknown }).kind);
    log.error(
      'kind-mismatch',
      { row: null, column: null, field: 'kind' },
      `JSON 中的 kind 是 ${quote(stated)}，但上传的类型是 ${kind}。`,
      `The JSON says kind ${quote(stated)} but the upload is for ${kind}.`,
    );
    return null;
  }
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>)[LIST_NAMES[kind]] : undefined;
  if (Array.isArray(list) && list.length > MAX_GRID_ROWS) {
    // Checked before the schema: zod lists every bad item, and millions of them exhaust memory.
    log.error(
      'file-too-large',
      { row: null, column: null, field: LIST_NAMES[kind] },
      `JSON 中的 ${LIST_NAMES[kind]} 有 ${list.length} 条，超过上限 ${MAX_GRID_ROWS} 条，未处理。`,
      `${LIST_NAMES[kind]} in the JSON has ${list.length} items, over the limit of ${MAX_GRID_ROWS}; it was not read.`,
    );
    return null;
  }
  const schema = SCHEMAS[kind];
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportZodIssue(issue, kind, log);
    return null;
  }
  if (kind === 'contract') return contractFromJson(parsed.data as ContractBody, input, log);
  const data = parsed.data as Record<string, unknown> & { title?: string; period?: string; notes: string[] };
  const mask = textMask(input);
  const title = data.title ? maskText(data.title, at(null, 'title'), null, log, mask) : null;
  const period = jsonPeriod(input.period, data.period ?? null, data.title ?? null, log);
  const notes = publicNotes(data.notes, log, mask);
  if (kind === 'finance') return finance(data as unknown as FinanceBody, title, period, notes, mask, log);
  if (kind === 'subsidy') return subsidy(data as unknown as SubsidyBody, title, period, notes, input, mask, log, keys);
  return project(data as unknown as ProjectBody, title, period, notes, mask, log);
}

// ——— private helpers ———

const text = z.string().nullable().default(null);
const date = JsonDate.nullable().default(null);
const fen = Fen.nullable().default(null);
const common = { title: z.string().optional(), period: Period.optional(), notes: z.array(z.string()).default([]) };

const FinanceBody = z.object({
  ...common,
  openingBalance: fen,
  entries: z.array(
    z.object({
      row: z.number().int().positive().optional(), date, voucher: text, summary: z.string().min(1), account: text, income: Fen.default(0), expense: Fen.default(0), balance: fen, remark: text,
      // optional rather than defaulted: a ledger without it keeps the content (and digest) it always had
      counterparty: z.string().nullable().optional(),
    }),
  ),
  balanceKind: z.enum(['cash', 'bank']).optional(),
  totals: z.object({ income: Fen, expense: Fen, closingBalance: Fen.nullable() }).partial().optional(),
});
type FinanceBody = z.infer<typeof FinanceBody>;

const SubsidyBody = z.object({
  ...common,
  programme: z.string().min(1).optional(),
  rows: z.array(
    z.object({
      row: z.number().int().positive().optional(),
      seq: z.union([z.string(), z.number()]).transform(String).nullable().default(null),
      name: z.string().min(1),
      idNumber: text,
      phone: text,
      bankCard: text,
      quantity: Decimal.nullable().default(null),
      unit: text,
      rate: fen,
      rateText: Decimal.nullable().default(null),
      amount: Fen,
      datePaid: date,
      channel: text,
      remark: text,
    }),
  ),
  totals: z.object({ amount: Fen, quantity: Decimal.nullable(), count: z.number().int().nonnegative() }).partial().optional(),
});
type SubsidyBody = z.infer<typeof SubsidyBody>;

const ProjectBody = z.object({
  ...common,
  projects: z.array(
    z.object({
      row: z.number().int().positive().optional(),
      name: z.string().min(1),
      location: text, fundingSource: text, budget: fen, contractAmount: fen, contractor: text, procurementMethod: text,
      plannedStart: date, actualStart: date, plannedCompletion: date, actualCompletion: date,
      progress: z.union([Progress, z.string(), z.number()]).nullable().default(null),
      amountPaid: fen,
      remark: text,
      photos: z.array(PhotoRef).default([]),
    }),
  ),
  totals: z.object({ budget: Fen, contractAmount: Fen, amountPaid: Fen }).partial().optional(),
});
type ProjectBody = z.infer<typeof ProjectBody>;

const SCHEMAS: Record<ListKind, z.ZodType> = { finance: FinanceBody, subsidy: SubsidyBody, project: ProjectBody, contract: ContractBody };

/** The kinds a JSON body may be: a statement is read from its spreadsheet only (statement-import.ts). */
type ListKind = Exclude<PublicationKind, 'statement'>;

const LIST_NAMES: Record<ListKind, string> = { finance: 'entries', subsidy: 'rows', project: 'projects', contract: 'contracts' };

/**
 * A JSON value named in a message. Not String(value): a deeply nested array overflows the
 * stack when joined, which made `{"kind": [[[…]]]}` throw out of the importer (a 500).
 */
function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return '[…]';
  if (value !== null && typeof value === 'object') return '{…}';
  return String(value);
}

function at(row: number | null, field: string | null = null) {
  return { row, column: null, field };
}

function reportZodIssue(issue: z.core.$ZodIssue, kind: ListKind, log: IssueLog): void {
  const path = issue.path.map(String);
  const listName = LIST_NAMES[kind];
  const index = path[0] === listName && /^\d+$/.test(path[1] ?? '') ? Number(path[1]) : null;
  const field = index === null ? path.join('.') || null : path.slice(2).join('.') || null;
  const row = index === null ? null : index + 1;
  const where = row === null ? `字段 ${field ?? '（根）'}` : `${listName} 第${row}条的 ${field ?? ''} 字段`;
  const whereEn = row === null ? `field ${field ?? '(root)'}` : `${listName}[${index}]${field ? `.${field}` : ''}`;
  // a check of ours (an impossible date) says it in both languages
  const en = issue.code === 'custom' && typeof issue.params?.en === 'string' ? issue.params.en : issue.message;
  log.error('invalid-json-field', at(row, field), `${where}无效：${quote(issue.message)}`, `${whereEn} is invalid: ${quote(en)}`);
}

/**
 * Text the portal does not take (data/text-validity.ts: lone surrogates, which only a JSON escape
 * can carry in, control characters, noncharacters, U+FFFD) anywhere in the body, keys too, each
 * named as the schema's issues are: the list item as a row, and its field. True when any was found.
 */
function reportInvalidText(body: unknown, kind: ListKind, log: IssueLog): boolean {
  const found = findInvalidText(body, MAX_ISSUES);
  const listName = LIST_NAMES[kind];
  for (const f of found) {
    const path = f.path.map((p) => printable(String(p)));
    const index = path[0] === listName && /^\d+$/.test(path[1] ?? '') ? Number(path[1]) : null;
    const field = index === null ? path.join('.') || null : path.slice(2).join('.') || null;
    const row = index === null ? null : index + 1;
    const what = f.key ? { zh: '的字段名', en: ' (its name)' } : { zh: '', en: '' };
    const where = row === null ? `字段 ${field ?? '（根）'}` : `${listName} 第${row}条的 ${field ?? ''} 字段`;
    const whereEn = row === null ? `field ${field ?? '(root)'}` : `${listName}[${index}]${field ? `.${field}` : ''}`;
    log.error('invalid-text', at(row, field), `${where}${what.zh}${f.invalid.zh}。`, `${whereEn}${what.en} ${f.invalid.en}.`);
  }
  return found.length > 0;
}

function jsonPeriod(requested: string | undefined, bodyPeriod: string | null, title: string | null, log: IssueLog): string | null {
  const stated = bodyPeriod ?? (title ? periodFromText(title) : null);
  const wanted = requested ? normalisePeriod(requested) : null;
  if (requested && wanted === null) {
    log.error('period-invalid', at(null, 'period'), `period=${quote(requested)} 不是有效的期间；请写成 2026、2026-Q3 或 2026-07。`, `period=${quote(requested)} is not a period; write it as 2026, 2026-Q3 or 2026-07.`);
  }
  if (wanted && stated && wanted !== stated) {
    log.error('period-mismatch', at(null, 'period'), `上传时填写的期间是 ${periodLabel(wanted)}，但 JSON 中的期间是 ${periodLabel(stated)}。`, `The upload says the period is ${wanted}, but the JSON says ${stated}.`);
  }
  const period = wanted ?? stated;
  if (!period) {
    log.error('period-missing', at(null, 'period'), '缺少期间：请在 JSON 中写 period，或上传时加上 period=（如 period=2026-Q3）。', 'The period is missing: give period in the JSON or add period= to the upload (e.g. period=2026-Q3).');
  }
  return period;
}

function statedTotal(field: string, stated: number | undefined | null, computed: number | null, log: IssueLog): void {
  if (stated === undefined || stated === null || computed === null || stated === computed) return;
  log.error('total-mismatch', at(null, `totals.${field}`), `totals.${field} 为 ${formatFen(stated)} 元，但明细合计为 ${formatFen(computed)} 元`, `totals.${field} is ${formatFen(stated)} but the entries add up to ${formatFen(computed)}`);
}

function finance(body: FinanceBody, title: string | null, period: string | null, notes: string[], mask: TextMask, log: IssueLog): FinanceContent | null {
  const lines: LedgerLine[] = body.openingBalance === null ? [] : [{ kind: 'opening', row: 1, label: '上期结余', balance: body.openingBalance }];
  body.entries.forEach((e, i) => lines.push({ kind: 'entry', row: i + 1, income: e.income, expense: e.expense, balance: e.balance }));
  const totals = checkLedger(lines, { income: null, expense: null, balance: null }, log);
  statedTotal('income', body.totals?.income, totals.income, log);
  statedTotal('expense', body.totals?.expense, totals.expense, log);
  statedTotal('closingBalance', body.totals?.closingBalance, totals.closingBalance, log);
  if (period) checkDatesInPeriod(period, body.entries.map((e, i) => ({ row: i + 1, date: e.date, column: null, field: 'date' })), log, 'error');
  if (!period) return null;
  const entries = body.entries.map((e, i) => ({
    ...e,
    row: e.row ?? i + 1,
    summary: maskText(e.summary, at(i + 1, 'summary'), null, log, mask),
    voucher: e.voucher === null ? null : maskText(e.voucher, at(i + 1, 'voucher'), null, log, mask),
    account: e.account === null ? null : maskText(e.account, at(i + 1, 'account'), null, log, mask),
    remark: e.remark === null ? null : maskText(e.remark, at(i + 1, 'remark'), null, log, mask),
    ...(e.counterparty === undefined ? {} : { counterparty: e.counterparty === null ? null : maskText(e.counterparty, at(i + 1, 'counterparty'), null, log, mask) }),
  }));
  const kind = body.balanceKind === undefined ? {} : { balanceKind: body.balanceKind };
  return { kind: 'finance', title: title ?? `${periodLabel(period)}财务收支明细`, period, openingBalance: totals.openingBalance, entries, totals: { income: totals.income, expense: totals.expense, closingBalance: totals.closingBalance }, notes, ...kind };
}

function subsidy(
  body: SubsidyBody,
  title: string | null,
  period: string | null,
  notes: string[],
  input: ImportInput,
  mask: TextMask,
  log: IssueLog,
  keys: BeneficiaryKey[],
): SubsidyContent | null {
  const named = body.programme ?? input.programme ?? (body.title ? programmeFromTitle(body.title) : null);
  const programme = named ? maskText(named, at(null, 'programme'), null, log, mask) : null;
  if (!programme) log.error('programme-missing', at(null, 'programme'), '缺少补贴项目名称：请在 JSON 中写 programme，或上传时加上 programme=。', 'The programme is missing: give programme in the JSON or add programme= to the upload.');
  const rows = body.rows.map((r, i) => {
    const row = i + 1;
    const key = rowBeneficiaryKey(input.beneficiaryKey, r.row ?? row, r.name, r.idNumber);
    if (key) keys.push(key);
    const rateText = r.rateText ?? (r.rate === null ? null : fenToPlain(r.rate));
    if (r.quantity !== null && rateText !== null) checkProduct(row, r.quantity, rateText, r.amount, at(row, 'amount'), log, input.amountToleranceFen ?? 0);
    const clean = (v: string | null, field: string): string | null => (v === null ? null : maskText(v, at(row, field), null, log, mask));
    return {
      ...r,
      row: r.row ?? row,
      seq: clean(r.seq, 'seq'),
      unit: clean(r.unit, 'unit'),
      name: maskText(r.name, at(row, 'name'), null, log, mask),
      idNumber: maskedNumber('id-number', r.idNumber, at(row, 'idNumber'), null, log, mask, r.seq),
      phone: maskedNumber('phone', r.phone, at(row, 'phone'), null, log, mask, r.seq),
      bankCard: maskedNumber('bank-card', r.bankCard, at(row, 'bankCard'), null, log, mask, r.seq),
      rate: r.rate ?? (rateText === null ? null : rateFen(rateText, at(row, 'rateText'), log)),
      rateText,
      channel: clean(r.channel, 'channel'),
      remark: clean(r.remark, 'remark'),
    };
  });
  const amount = rows.reduce((s, r) => s + r.amount, 0);
  const quantity = rows.length > 0 && rows.every((r) => r.quantity !== null) ? sumDecimals(rows.map((r) => r.quantity as string)) : null;
  statedTotal('amount', body.totals?.amount, amount, log);
  if (body.totals?.quantity && quantity !== null && !sameDecimal(body.totals.quantity, quantity)) {
    log.error('total-mismatch', at(null, 'totals.quantity'), `totals.quantity 为 ${body.totals.quantity}，但明细合计为 ${quantity}`, `totals.quantity is ${body.totals.quantity} but the rows add up to ${quantity}`);
  }
  if (body.totals?.count !== undefined && body.totals.count !== rows.length) {
    log.error('total-mismatch', at(null, 'totals.count'), `totals.count 为 ${body.totals.count}，但共有 ${rows.length} 行`, `totals.count is ${body.totals.count} but there are ${rows.length} rows`);
  }
  if (period) checkDatesInPeriod(period, rows.map((r, i) => ({ row: i + 1, date: r.datePaid, column: null, field: 'datePaid' })), log, 'warning');
  if (!period || !programme) return null;
  return { kind: 'subsidy', title: title ?? `${programme}发放名册`, programme, period, rows, totals: { amount, quantity, count: rows.length }, notes };
}

function project(body: ProjectBody, title: string | null, period: string | null, notes: string[], mask: TextMask, log: IssueLog): ProjectContent | null {
  const projects = body.projects.map((p, i) => {
    const progress = p.progress === null ? { percent: null, text: '' } : typeof p.progress === 'object' ? p.progress : parseProgress(p.progress);
    const clean = (v: string | null, field: string): string | null => (v === null ? null : maskText(v, at(i + 1, field), null, log, mask));
    return {
      ...p,
      row: p.row ?? i + 1,
      name: maskText(p.name, at(i + 1, 'name'), null, log, mask),
      location: clean(p.location, 'location'),
      fundingSource: clean(p.fundingSource, 'fundingSource'),
      contractor: clean(p.contractor, 'contractor'),
      procurementMethod: clean(p.procurementMethod, 'procurementMethod'),
      remark: clean(p.remark, 'remark'),
      progress: { percent: progress.percent, text: maskText(progress.text, at(i + 1, 'progress'), null, log, mask) },
      photos: p.photos.map((photo, k) => ({ ...photo, caption: photo.caption === null ? null : maskText(photo.caption, at(i + 1, `photos[${k}].caption`), null, log, mask) })),
    };
  });
  const sum = (f: 'budget' | 'contractAmount' | 'amountPaid'): number => projects.reduce((s, p) => s + (p[f] ?? 0), 0);
  const totals = { budget: sum('budget'), contractAmount: sum('contractAmount'), amountPaid: sum('amountPaid') };
  statedTotal('budget', body.totals?.budget, totals.budget, log);
  statedTotal('contractAmount', body.totals?.contractAmount, totals.contractAmount, log);
  statedTotal('amountPaid', body.totals?.amountPaid, totals.amountPaid, log);
  if (!period) return null;
  return { kind: 'project', title: title ?? '村级工程项目公示', period, projects, totals, notes };
}
