import { z } from 'zod';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { Evidence, FlagRuleId, type Finding } from './finding.ts';

/**
 * A red flag as stored: a finding (finding.ts) with a number, a status and a history.
 *
 *   open (待说明) ──explain──▶ explained (已说明) ──confirm──▶ confirmed (已确认) ──resolve──▶ resolved (已解决)
 *     │  └──────confirm──────────────▲      │                        (explain: more words, stays confirmed)
 *     └──dismiss / resolve (from open or explained) ──▶ dismissed (已排除) / resolved
 *
 * The village explains (text, logged) as long as the flag is open, explained or confirmed; a
 * township or county reviewer confirms, dismisses or resolves it, always with a reason that stays
 * visible; the data itself resolves an active flag when a later run no longer finds it (the
 * payment was uploaded). A flag resolved by the data comes back (reopened) if a later run finds
 * it again; one a reviewer dismissed or resolved does not. Public from `publicFrom` on.
 */

export const FLAG_STATUSES = ['open', 'explained', 'confirmed', 'dismissed', 'resolved'] as const;
export const FlagStatus = z.enum(FLAG_STATUSES);
export type FlagStatus = z.infer<typeof FlagStatus>;

/** Neutral words: a flag is a question the data raises, not a verdict. */
export const FLAG_STATUS_LABEL: Record<FlagStatus, string> = {
  open: '待说明',
  explained: '已说明',
  confirmed: '已确认',
  dismissed: '已排除',
  resolved: '已解决',
};

/** The portal itself, as the actor of events no person took (raised, resolved by the data). */
export const FLAG_SYSTEM = '系统';

export const MAX_FLAG_TEXT = 2000;

/** One step of a flag's history; seq counts from 1, `at` is an ISO instant. */
export type FlagEvent = { seq: number; at: string; actor: string } & (
  | { type: 'raised'; run: string; title: string; detail: string; amount: number | null; evidence: Evidence[] }
  /** a later run found the same problem with other figures (a partial payment arrived) */
  | { type: 'updated'; run: string; title: string; detail: string; amount: number | null; evidence: Evidence[] }
  | { type: 'explained'; text: string }
  /** the village supervision committee's view (村务监督委员会意见); the flag's status does not change */
  | { type: 'commented'; text: string }
  | { type: 'confirmed'; reason: string }
  | { type: 'dismissed'; reason: string }
  /** by a reviewer (byData false) or because a run no longer found it (byData true, run set) */
  | { type: 'resolved'; reason: string; byData: boolean; run: string | null }
  /** a run found again what the data had resolved */
  | { type: 'reopened'; run: string }
);
export type FlagEventType = FlagEvent['type'];
export type NewFlagEvent = FlagEvent extends infer E ? (E extends FlagEvent ? Omit<E, 'seq'> : never) : never;

export interface Flag {
  /** public number: 1, 2, 3 … in the order flags were raised */
  id: string;
  village: string;
  rule: FlagRuleId;
  /** the finding's key (finding.ts): never public */
  key: string;
  /** the latest wording of the finding (from `raised` or the last `updated`) */
  title: string;
  detail: string;
  amount: number | null;
  evidence: Evidence[];
  sample: boolean;
  status: FlagStatus;
  raisedAt: string;
  /** from when villagers see it (the county's policy, fixed when it was raised) */
  publicFrom: string;
  updatedAt: string;
  /** oldest first; the first is always `raised` */
  events: FlagEvent[];
}

/**
 * Every step is public once the flag is: personal numbers typed into a step are masked on the way
 * in; only numbers the portal is configured to publish (`allow`: config.publicPhones) stay as written.
 */
const StepText = (allow: readonly string[], min: number, message?: string) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(MAX_FLAG_TEXT)
    .transform((t) => maskNumbersInText(t, DEFAULT_ID_MASK, { allow }).text);

/** What staff or the village post to /api/v1/flags/{id}/events. */
export function flagActionSchema(allow: readonly string[]) {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('explain'), text: StepText(allow, 5, '说明至少 5 个字 / at least 5 characters') }).strict(),
    z.object({ type: z.literal('comment'), text: StepText(allow, 5, '意见至少 5 个字 / at least 5 characters') }).strict(),
    z.object({ type: z.literal('confirm'), reason: StepText(allow, 2) }).strict(),
    z.object({ type: z.literal('dismiss'), reason: StepText(allow, 2) }).strict(),
    z.object({ type: z.literal('resolve'), reason: StepText(allow, 2) }).strict(),
  ]);
}

/** The schema with no public numbers: every number masked. */
export const FlagAction = flagActionSchema([]);
export type FlagAction = z.infer<typeof FlagAction>;

/** Who may take an action: the village explains (its supervision committee comments); township and county reviewers decide. */
export const ACTION_ROLE: Record<FlagAction['type'], 'village' | 'reviewer'> = {
  explain: 'village',
  comment: 'village',
  confirm: 'reviewer',
  dismiss: 'reviewer',
  resolve: 'reviewer',
};

export type FlagWorkflowResult =
  | { ok: true; status: FlagStatus; events: NewFlagEvent[] }
  | { ok: false; failure: { kind: 'invalid-flag-transition'; from: FlagStatus; action: FlagAction['type'] } };

/** A finding to store, as the runner hands it over with the policy that sets when it goes public. */
export interface RaisedFinding {
  finding: Finding;
  /** ISO instant from which villagers see it, if it turns out to be new */
  publicFrom: string;
}

export const FlagFilterStatus = z.union([FlagStatus, z.literal('active')]);
