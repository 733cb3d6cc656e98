import { z } from 'zod';
import { Fen, PublicationKind, VillageCode } from '../publication.ts';

/**
 * What a red-flag rule finds in the data a village published: one problem the computer can see
 * (a fee due and not in the ledger, a payment split under a tier …), worded neutrally — 待说明, not
 * 违规 — because the village may well have a reason. Rules are pure (rules/*.ts); the store keeps
 * each finding as a flag with a history (flag.ts).
 */

export const FLAG_RULE_IDS = [
  'receivable-overdue',
  'contract-term',
  'contract-rent-drop',
  'cash-over-limit',
  'split-payments',
  'payee-concentration',
  'paid-beyond-contract',
  'paid-before-decision',
  'duplicate-beneficiary',
  'late-disclosure',
] as const;
export const FlagRuleId = z.enum(FLAG_RULE_IDS);
export type FlagRuleId = z.infer<typeof FlagRuleId>;

/** A place in a published table the finding rests on: the publication page's row anchor `#r{row}`. */
export const Evidence = z.object({
  publicationId: z.string().min(1),
  village: VillageCode,
  kind: PublicationKind,
  /** the row in the uploaded file; null for the publication as a whole (a missing period, a title) */
  row: z.number().int().nonnegative().nullable(),
  /** what the row is, for a reader: 合同台账第4行（KJP-2019-001） */
  label: z.string().min(1),
});
export type Evidence = z.infer<typeof Evidence>;

export const Finding = z.object({
  rule: FlagRuleId,
  village: VillageCode,
  /**
   * Stable identity of the problem within the village and rule, so the same problem found by the
   * next run is the same flag (the contract and instalment, the payee and window …). Never shown
   * publicly and never derived from a personal number.
   */
  key: z.string().min(1).max(200),
  /** one neutral sentence: 合同KJP-2019-001的2024年度租金130,600.00元未见入账 */
  title: z.string().min(1).max(200),
  /** what the computer compared and found, in plain Chinese, with the figures */
  detail: z.string().min(1).max(2000),
  /** the money at stake, when there is one (the amount not received, the amount over) */
  amount: Fen.nullable(),
  evidence: z.array(Evidence),
  /** found in sample data: every page that shows it says 示例数据 */
  sample: z.boolean(),
});
export type Finding = z.infer<typeof Finding>;
