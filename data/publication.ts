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

export const PublicationKind = z.enum(['finance', 'subsidy', 'project']);
export type PublicationKind = z.infer<typeof PublicationKind>;

/** Where a value came from in the uploaded file: 1-based row number as the official sees it in Excel. */
const SourceRow = z.number().int().positive();

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
});
export type ProjectItem = z.infer<typeof ProjectItem>;

export const ProjectContent = z.object({
  kind: z.literal('project'),
  title: z.string(),
  period: Period,
  projects: z.array(ProjectItem),
  totals: z.object({ budget: Fen, contractAmount: Fen, amountPaid: Fen }),
  notes: z.array(z.string()),
});
export type ProjectContent = z.infer<typeof ProjectContent>;

export const PublicationContent = z.discriminatedUnion('kind', [FinanceContent, SubsidyContent, ProjectContent]);
export type PublicationContent = z.infer<typeof PublicationContent>;

/** What a published version is, as stored and as served (public data only). */
export const Publication = z.object({
  id: z.string(),
  village: VillageCode,
  kind: PublicationKind,
  period: Period,
  /** groups versions: the programme for subsidy lists, '' otherwise */
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

/** The grouping key for versions: a re-upload of the same series supersedes the current version. */
export function seriesSubject(content: PublicationContent): string {
  return content.kind === 'subsidy' ? content.programme : '';
}
