import { z } from 'zod';
import { STEP_EVIDENCE_NAME } from '../power/power-catalogue.ts';
import { Fen, IsoDate, VillageCode } from '../publication.ts';

/**
 * A matter decided by the 四议两公开 procedure, as a village records it in its 登记表 (issue 11):
 * the 事由, the power-list item it falls under, the amount, what it belongs to, and one row per
 * step as it happened. The one source of truth for the register importer, the checks
 * (checks/*.ts), the API and the pages. Steps are kept as recorded — missing, repeated or out of
 * order — because finding that is the checks' job, not the parser's.
 */

/** The six steps, in the order the procedure requires them. */
export const DECISION_STEPS = [
  'party-proposal',
  'committees-discussion',
  'party-members-meeting',
  'villagers-resolution',
  'resolution-disclosure',
  'result-disclosure',
] as const;
export const DecisionStepKind = z.enum(DECISION_STEPS);
export type DecisionStepKind = z.infer<typeof DecisionStepKind>;

/** What the pages and messages call each step. */
export const STEP_NAME: Record<DecisionStepKind, string> = {
  'party-proposal': '党组织提议',
  'committees-discussion': '两委会议商议',
  'party-members-meeting': '党员大会审议',
  'villagers-resolution': '村民（代表）会议决议',
  'resolution-disclosure': '决议公开',
  'result-disclosure': '实施结果公开',
};

/** Step 4 is taken by one of two bodies, whose quorum rules differ (村民委员会组织法 §22, §26). */
export const ResolvingBody = z.enum(['villagers-meeting', 'representatives-meeting']);
export type ResolvingBody = z.infer<typeof ResolvingBody>;

/** A photo of the 会议记录 or 签到表 (the photo pipeline's id), or a PDF by its SHA-256. */
export const DecisionEvidence = z
  .object({
    kind: z.enum(['meeting-minutes', 'sign-in-sheet', 'vote-result', 'notice-photo', 'contract', 'approval', 'other']),
    /** what the official called it */
    name: z.string().min(1).max(200),
    photoId: z.string().min(1).nullable(),
    pdfSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  })
  .strict();
export type DecisionEvidence = z.infer<typeof DecisionEvidence>;

/** What the pages call each kind: the power list's names (power-catalogue.ts), and 其他材料. */
export const EVIDENCE_KIND_NAME: Record<DecisionEvidence['kind'], string> = {
  'meeting-minutes': STEP_EVIDENCE_NAME['meeting-minutes'],
  'sign-in-sheet': STEP_EVIDENCE_NAME['sign-in-sheet'],
  'vote-result': STEP_EVIDENCE_NAME['vote-result'],
  'notice-photo': STEP_EVIDENCE_NAME['notice-photo'],
  contract: STEP_EVIDENCE_NAME.contract,
  approval: STEP_EVIDENCE_NAME.approval,
  other: '其他材料',
};

const Count = z.number().int().min(0).max(1_000_000).nullable();

export const DecisionStep = z
  .object({
    step: DecisionStepKind,
    /** the step as the register names it (党支部提议, 村民代表会议决议 …) */
    label: z.string().min(1).max(100),
    /** when it happened */
    date: IsoDate,
    /** step 4 only: which body resolved; null for the other steps or when the register does not say */
    body: ResolvingBody.nullable(),
    /** 会议形式及地点, or for a disclosure where it was posted */
    meeting: z.string().max(500).nullable(),
    /** 村民会议: the day it was announced (notice must come 10 days ahead, by default) */
    noticeDate: IsoDate.nullable(),
    /** 应到 / 实到 / 赞成 / 反对 / 弃权; null where the register leaves them blank (the disclosures) */
    expected: Count,
    present: Count,
    votesFor: Count,
    votesAgainst: Count,
    abstentions: Count,
    /** 乡镇参会人员（职务）, as written */
    townshipOfficials: z.string().max(500).nullable(),
    /** 主要内容 */
    content: z.string().max(2000).nullable(),
    remark: z.string().max(1000).nullable(),
    /** disclosure steps: the first and last day the notice was up, when the register states them */
    postedFrom: IsoDate.nullable(),
    postedUntil: IsoDate.nullable(),
    evidence: z.array(DecisionEvidence).max(50),
    /** the row in the uploaded register (1-based, as in Excel); null for steps recorded through the API */
    row: z.number().int().positive().nullable(),
  })
  .strict();
export type DecisionStep = z.infer<typeof DecisionStep>;

/** What the matter belongs to: a project of a project list, a contract of a contract ledger, a ledger entry. */
export const DecisionLink = z
  .object({
    kind: z.enum(['project', 'contract', 'ledger-entry']),
    /** the publication holding it, when known */
    publicationId: z.string().min(1).nullable(),
    /** its row in that publication */
    row: z.number().int().positive().nullable(),
    /** the project's name, the contract's number or the entry's summary, for matching and display */
    name: z.string().min(1).max(200).nullable(),
    /**
     * a contract's signing day as the register states it (合同签订日期); left out, not null, when
     * it does not, so links recorded before the field existed read the same
     */
    signedOn: IsoDate.optional(),
  })
  .strict();
export type DecisionLink = z.infer<typeof DecisionLink>;

export const DecisionRecord = z
  .object({
    village: VillageCode,
    /** 事由: the same words on every step of one matter */
    subject: z.string().min(1).max(200),
    /** 对应小微权力事项: the catalogue item's code when matched, and the words the register used */
    powerItem: z.object({ code: z.string().min(1).nullable(), name: z.string().min(1).max(200).nullable() }).strict(),
    /** 涉及金额 in fen when it is one amount; the words as written either way (年流转费1.8万元，期限15年) */
    amount: Fen.nullable(),
    amountText: z.string().max(200).nullable(),
    links: z.array(DecisionLink).max(20),
    /** 竣工 / 结算: when the matter was carried out, for the result-disclosure deadline */
    completedOn: IsoDate.nullable(),
    steps: z.array(DecisionStep).max(30),
    /** lines around the table: the signature line (填表人 … 填表日期), notes */
    notes: z.array(z.string().max(500)).max(20),
  })
  .strict();
export type DecisionRecord = z.infer<typeof DecisionRecord>;
