import { z } from 'zod';

/**
 * The publication model: the one source of truth for what a village publishes.
 * The ingest validator, the importers, the store and the site all use these schemas.
 * Money is always integer fen (分); quantities stay decimal strings so nothing is rounded.
 */

export const Fen = z.number().int().refine(Number.isSafeInteger, 'amount out of range');
export type Fen = z.infer<typeof Fen>;

export const VillageCode = z.string().regex(/^\d{12}$/, 'a village code has 12 digits');
export type VillageCode = z.infer<typeof VillageCode>;

/** `2026` (a year), `2026-Q3` (a quarter) or `2026-07` (a month). */
export const Period = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'period is YYYY, YYYY-Qn or YYYY-MM');
export type Period = z.infer<typeof Period>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** A decimal number kept as written, e.g. "3.70" 亩. */
export const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const PublicationKind = z.enum(['finance', 'subsidy', 'project', 'contract', 'statement']);
export type PublicationKind = z.infer<typeof PublicationKind>;

/** Where a value came from in the uploaded file: 1-based row number as the official sees it in Excel. */
const SourceRow = z.number().int().positive();

/**
 * Columns the importer did not recognise, published as written under their own headers (issue 15):
 * `extraColumns` on the content, each row's cells in `extra` in the same order. Both are absent
 * when a table has none, so the tables published before them keep their digests.
 */
const ExtraColumns = z.array(z.string()).optional();
const ExtraCells = z.array(z.string().nullable()).optional();

export const FinanceEntry = z.object({
  row: SourceRow,
  date: IsoDate.nullable(),
  voucher: z.string().nullable(),
  summary: z.string(),
  account: z.string().nullable(),
  income: Fen,
  expense: Fen,
  /** running balance as the file states it, checked against the rows */
  balance: Fen.nullable(),
  remark: z.string().nullable(),
  /**
   * who paid or was paid, when the ledger has such a column (收款单位, 对方单位 …); absent in
   * ledgers imported before the column was read, so their digests stay what they were
   */
  counterparty: z.string().nullable().optional(),
  extra: ExtraCells,
});
export type FinanceEntry = z.infer<typeof FinanceEntry>;

export const FinanceContent = z.object({
  kind: z.literal('finance'),
  title: z.string(),
  period: Period,
  openingBalance: Fen.nullable(),
  entries: z.array(FinanceEntry),
  totals: z.object({
    income: Fen,
    expense: Fen,
    /** opening + income − expense when the opening balance is known */
    closingBalance: Fen.nullable(),
  }),
  /** text around the table: title, note and footer lines, published as written */
  notes: z.array(z.string()),
  extraColumns: ExtraColumns,
  /**
   * what the running balance is the balance of, when the file says (现金日记账 → cash, 银行存款日记账
   * → bank); absent when it does not. The cash limit (库存现金限额) is checked on cash only.
   */
  balanceKind: z.enum(['cash', 'bank']).optional(),
});
export type FinanceContent = z.infer<typeof FinanceContent>;

export const SubsidyRow = z.object({
  row: SourceRow,
  seq: z.string().nullable(),
  name: z.string(),
  /** always masked, e.g. 430802********7238 */
  idNumber: z.string().nullable(),
  /** always masked, e.g. 138****5678 */
  phone: z.string().nullable(),
  /** always masked, e.g. 6217********1234 */
  bankCard: z.string().nullable(),
  quantity: Decimal.nullable(),
  unit: z.string().nullable(),
  /** rate per unit, in fen; may carry fractions of a fen in `rateText` */
  rate: Fen.nullable(),
  rateText: z.string().nullable(),
  amount: Fen,
  datePaid: IsoDate.nullable(),
  channel: z.string().nullable(),
  remark: z.string().nullable(),
  extra: ExtraCells,
});
export type SubsidyRow = z.infer<typeof SubsidyRow>;

export const SubsidyContent = z.object({
  kind: z.literal('subsidy'),
  title: z.string(),
  programme: z.string(),
  period: Period,
  rows: z.array(SubsidyRow),
  totals: z.object({ amount: Fen, quantity: Decimal.nullable(), count: z.number().int().nonnegative() }),
  notes: z.array(z.string()),
  extraColumns: ExtraColumns,
});
export type SubsidyContent = z.infer<typeof SubsidyContent>;

export const PhotoRef = z.object({
  id: z.string().regex(/^[a-z0-9]{8,40}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  caption: z.string().nullable(),
});
export type PhotoRef = z.infer<typeof PhotoRef>;

export const Progress = z.object({
  /** 0–100 when the file gives a percentage or a state that implies one (已完工 → 100) */
  percent: z.number().min(0).max(100).nullable(),
  text: z.string(),
});

export const ProjectItem = z.object({
  row: SourceRow,
  name: z.string(),
  location: z.string().nullable(),
  fundingSource: z.string().nullable(),
  budget: Fen.nullable(),
  contractAmount: Fen.nullable(),
  contractor: z.string().nullable(),
  procurementMethod: z.string().nullable(),
  plannedStart: IsoDate.nullable(),
  actualStart: IsoDate.nullable(),
  plannedCompletion: IsoDate.nullable(),
  actualCompletion: IsoDate.nullable(),
  progress: Progress,
  amountPaid: Fen.nullable(),
  remark: z.string().nullable(),
  photos: z.array(PhotoRef),
  /**
   * the funds by source when the list splits them (资金来源 over 国补 / 财政奖补 / 村民自筹 / 缺口资金),
   * in the file's order; absent when it does not, so older lists keep their digests
   */
  funding: z.array(z.object({ source: z.string(), amount: Fen.nullable() })).optional(),
  extra: ExtraCells,
});
export type ProjectItem = z.infer<typeof ProjectItem>;

export const ProjectContent = z.object({
  kind: z.literal('project'),
  title: z.string(),
  period: Period,
  projects: z.array(ProjectItem),
  totals: z.object({ budget: Fen, contractAmount: Fen, amountPaid: Fen }),
  notes: z.array(z.string()),
  extraColumns: ExtraColumns,
});
export type ProjectContent = z.infer<typeof ProjectContent>;

/**
 * What is leased or contracted out (标的物), as a class the rules can reason about; the file's own
 * words stay in `subject`. Classes follow the 三资 categories villages use.
 */
export const ContractSubjectClass = z.enum(['arable', 'forest', 'orchard', 'grassland', 'pond', 'building', 'construction-land', 'other']);
export type ContractSubjectClass = z.infer<typeof ContractSubjectClass>;

/** One instalment of a contract's payment schedule (应收计划). */
export const PaymentDue = z.object({
  /** the last day it may be paid */
  due: IsoDate,
  amount: Fen,
  /** the part of the term it pays for (a contract year, a half-year, the first five years) */
  covers: z.object({ from: IsoDate, to: IsoDate }).nullable(),
});
export type PaymentDue = z.infer<typeof PaymentDue>;

export const ContractItem = z.object({
  row: SourceRow,
  /** 合同编号 as written */
  number: z.string().nullable(),
  /** 承包（租赁）方: a company's or co-operative's name, or a person's name as villages publish it */
  counterparty: z.string(),
  /** organisation when it has a 统一社会信用代码 or an organisation's name; person when it has an ID number */
  partyKind: z.enum(['organisation', 'person']).nullable(),
  /** an organisation's 统一社会信用代码 (public by law) */
  creditCode: z.string().nullable(),
  /** a person's ID number, always masked, e.g. 430821********7201 */
  idNumber: z.string().nullable(),
  /** 标的物 as written: 耕地（土地经营权流转） */
  subject: z.string(),
  subjectClass: ContractSubjectClass,
  /** 坐落 */
  location: z.string().nullable(),
  area: Decimal.nullable(),
  /** 亩, 平方米 … */
  areaUnit: z.string().nullable(),
  start: IsoDate.nullable(),
  end: IsoDate.nullable(),
  /** 年租金 / 年承包费, in fen */
  annualAmount: Fen.nullable(),
  /** 缴费方式 as written: 按年缴纳，每年12月31日前 */
  paymentTerms: z.string().nullable(),
  /**
   * Every instalment over the whole term, read from the payment terms (data/import/payment-schedule.ts);
   * empty when the terms could not be read, and the import says so.
   */
  schedule: z.array(PaymentDue),
  /** 履约情况 as the village states it: 2024年、2025年未缴 */
  performance: z.string().nullable(),
  remark: z.string().nullable(),
  extra: ExtraCells,
});
export type ContractItem = z.infer<typeof ContractItem>;

/** 集体资产资源合同台账: the village's leases and contracts of collective land, buildings and water. */
export const ContractContent = z.object({
  kind: z.literal('contract'),
  title: z.string(),
  /** the year the ledger stands at (截至2026年11月30日 → 2026) */
  period: Period,
  /** 截至 date when the file states one */
  asOf: IsoDate.nullable(),
  contracts: z.array(ContractItem),
  totals: z.object({ count: z.number().int().nonnegative(), area: Decimal.nullable(), annualAmount: Fen }),
  notes: z.array(z.string()),
  extraColumns: ExtraColumns,
});
export type ContractContent = z.infer<typeof ContractContent>;

/** One line of a statement: 项目, 行次 and 金额 as the file gives them; `total` for a 合计 line. */
export const StatementLine = z.object({
  row: SourceRow,
  item: z.string(),
  /** 行次 as written, or null */
  line: z.string().nullable(),
  amount: Fen,
  total: z.boolean(),
});
export type StatementLine = z.infer<typeof StatementLine>;

/**
 * 财务报表 laid out side by side (issue 15): 收支对照表 (income on the left, expense on the right),
 * 收益及收益分配统计表 (what there is to distribute on the left, where it went on the right). Each side
 * is its own list, in the file's order; amounts in fen whatever the file's unit (元 or 万元).
 */
export const StatementContent = z.object({
  kind: z.literal('statement'),
  title: z.string(),
  /** what the statement is, from its title: versions of one kind of statement supersede each other */
  statement: z.enum(['income-expense', 'distribution', 'other']),
  period: Period,
  /** the unit the file states (单位：万元), as written */
  unit: z.enum(['元', '万元']),
  sides: z.array(z.object({ heading: z.string(), lines: z.array(StatementLine) })).min(1).max(2),
  notes: z.array(z.string()),
});
export type StatementContent = z.infer<typeof StatementContent>;

export const PublicationContent = z.discriminatedUnion('kind', [FinanceContent, SubsidyContent, ProjectContent, ContractContent, StatementContent]);
export type PublicationContent = z.infer<typeof PublicationContent>;

/** A statement's lines, side after side, each with its side's heading. */
export function statementLines(content: StatementContent): Array<StatementLine & { side: string }> {
  return content.sides.flatMap((s) => s.lines.map((l) => ({ ...l, side: s.heading })));
}

/** The totals line of a list; a statement has none of its own (its 合计 lines are lines of it). */
export type ContentTotals = Exclude<PublicationContent, StatementContent>['totals'];

export function totalsOf(content: PublicationContent): ContentTotals | null {
  return content.kind === 'statement' ? null : content.totals;
}

/** The columns a list kept as written; a statement has none. */
export function extraColumnsOf(content: PublicationContent): string[] | undefined {
  return content.kind === 'statement' ? undefined : content.extraColumns;
}

/** What a published version is, as stored and as served (public data only). */
export const Publication = z.object({
  id: z.string(),
  village: VillageCode,
  kind: PublicationKind,
  period: Period,
  /** groups versions: the programme of a subsidy list, the kind of a statement, '' otherwise */
  subject: z.string(),
  version: z.number().int().positive(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  publishedAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** demo data loaded by `npm start`, labelled 示例数据 everywhere it shows */
  sample: z.boolean(),
  source: z.object({ filename: z.string().nullable(), format: z.enum(['csv', 'xlsx', 'json']) }),
  content: PublicationContent,
});
export type Publication = z.infer<typeof Publication>;

export type PublicationSummary = Omit<Publication, 'content'> & { title: string };

/**
 * The grouping key for versions: a re-upload of the same series supersedes the current version. A
 * subsidy list's programme; a statement's kind (a 收支对照表 and a 收益分配表 of one year both stand).
 */
export function seriesSubject(content: PublicationContent): string {
  return content.kind === 'subsidy' ? content.programme : content.kind === 'statement' ? content.statement : '';
}
