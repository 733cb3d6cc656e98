import { z } from 'zod';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { Fen, IsoDate } from '../publication.ts';

/**
 * Inspection rounds and their rectification (巡察整改 / 立行立改): a round (its object, dates and
 * where to report) → problems (from the inspection, an audit, a complaint or a red flag) → tasks
 * (a measure, who is responsible, a deadline, 立行立改 or long-term) → evidence → closing (销号) by
 * a reviewer; with money recovered and rules adopted. A round is stored as its events, append-only;
 * its state is folded from them (round-fold.ts), and everything in it is public.
 */

export const PROBLEM_SOURCES = ['inspection', 'audit', 'complaint', 'flag'] as const;
export const ProblemSource = z.enum(PROBLEM_SOURCES);
export type ProblemSource = z.infer<typeof ProblemSource>;

export const PROBLEM_SOURCE_LABEL: Record<ProblemSource, string> = {
  inspection: '巡察发现',
  audit: '审计发现',
  complaint: '群众投诉',
  flag: '数据核对提示',
};

/**
 * Free text as it will be stored and served: every step of a round is public, so an ID, phone or
 * bank-card number typed into it is masked on the way in, before anything keeps it; only numbers
 * the portal is configured to publish (`allow`: config.publicPhones) stay as written.
 */
const Text = (max: number, allow: readonly string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((t) => maskNumbersInText(t, DEFAULT_ID_MASK, { allow }).text);
const DivisionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '须为 2、4、6、9 或 12 位区划代码 / a 2, 4, 6, 9 or 12-digit division code');

/** The request schemas, with the public numbers the portal publishes as written. */
export function rectificationSchemas(allow: readonly string[]) {
  /** What opens a round: POST /api/v1/rectification/rounds. */
  const newRound = z
    .object({
      /** the division inspected (被巡察对象): a village, township or county */
      scope: DivisionCode,
      /** 2026年第二轮巡察 */
      title: Text(100, allow),
      /** 县委第三巡察组 */
      team: Text(60, allow),
      start: IsoDate,
      end: IsoDate,
      /** where villagers report during the round: a phone, a post box, an address */
      contact: Text(200, allow),
    })
    .strict()
    .refine((r) => r.start <= r.end, { message: '结束日期不能早于开始日期 / end is before start', path: ['end'] });

  /** Every action after the opening: POST /api/v1/rectification/rounds/{id}/events. */
  const action = z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('add-problem'),
        /** the village it concerns, when it concerns one */
        village: z.string().regex(/^\d{12}$/).nullable().default(null),
        source: ProblemSource,
        /** the complaint's public id or the flag's id, when the source is one */
        sourceRef: z.string().regex(/^[1-9]\d{0,11}$/).nullable().default(null),
        description: Text(1000, allow),
        /** money involved (涉及金额), fen */
        amount: Fen.nonnegative().nullable().default(null),
      })
      .strict(),
    z
      .object({
        type: z.literal('add-task'),
        problem: z.string().regex(/^P[1-9]\d*$/),
        measure: Text(1000, allow),
        /** who answers for it: 村党支部书记, 村会计 … */
        responsible: Text(60, allow),
        village: z.string().regex(/^\d{12}$/).nullable().default(null),
        deadline: IsoDate,
        /** 立行立改: to be put right at once, during the round */
        immediate: z.boolean(),
      })
      .strict(),
    z.object({ type: z.literal('submit-evidence'), task: z.string().regex(/^T[1-9]\d*$/), text: Text(2000, allow) }).strict(),
    /** 销号: the reviewer accepts the task as done */
    z.object({ type: z.literal('close-task'), task: z.string().regex(/^T[1-9]\d*$/), verdict: Text(1000, allow), recovered: Fen.nonnegative().nullable().default(null) }).strict(),
    /** the reviewer does not accept the evidence: the task is open again */
    z.object({ type: z.literal('return-task'), task: z.string().regex(/^T[1-9]\d*$/), reason: Text(1000, allow) }).strict(),
    z.object({ type: z.literal('record-recovery'), problem: z.string().regex(/^P[1-9]\d*$/).nullable().default(null), amount: Fen.positive(), note: Text(200, allow) }).strict(),
    /** 建章立制: a rule or procedure adopted because of the round */
    z.object({ type: z.literal('adopt-rule'), title: Text(200, allow) }).strict(),
    z.object({ type: z.literal('close-round'), summary: Text(2000, allow) }).strict(),
  ]);
  return { NewRoundInput: newRound, RectificationAction: action };
}

/** The schemas with no public numbers: every number masked (what tests and tools use by default). */
const STRICT = rectificationSchemas([]);
export const NewRoundInput = STRICT.NewRoundInput;
export type NewRoundInput = z.infer<typeof NewRoundInput>;
export const RectificationAction = STRICT.RectificationAction;
export type RectificationAction = z.infer<typeof RectificationAction>;

/** Who may take an action: inspectors (township, county or wider staff) or the one responsible. */
export const RECTIFICATION_ROLE: Record<RectificationAction['type'], 'inspector' | 'responsible'> = {
  'add-problem': 'inspector',
  'add-task': 'inspector',
  'submit-evidence': 'responsible',
  'close-task': 'inspector',
  'return-task': 'inspector',
  'record-recovery': 'inspector',
  'adopt-rule': 'inspector',
  'close-round': 'inspector',
};

type Base = { seq: number; at: string; actor: string };

/** One step of a round; the first is always `opened`. Ids (P1, T1 …) are given in order by the workflow. */
export type RectificationEvent = Base &
  (
    | ({ type: 'opened'; objectName: string } & Omit<NewRoundInput, never>)
    | { type: 'problem-added'; problem: string; village: string | null; source: ProblemSource; sourceRef: string | null; description: string; amount: number | null }
    | { type: 'task-added'; task: string; problem: string; measure: string; responsible: string; village: string | null; deadline: string; immediate: boolean }
    | { type: 'evidence-submitted'; task: string; text: string }
    | { type: 'task-closed'; task: string; verdict: string; recovered: number | null }
    | { type: 'task-returned'; task: string; reason: string }
    | { type: 'recovery-recorded'; problem: string | null; amount: number; note: string }
    | { type: 'rule-adopted'; title: string }
    | { type: 'round-closed'; summary: string }
  );
export type RectificationEventType = RectificationEvent['type'];
export type NewRectificationEvent = RectificationEvent extends infer E ? (E extends RectificationEvent ? Omit<E, 'seq'> : never) : never;

/** A round as the store keeps it: its number, scope and events. */
export interface RoundRecord {
  /** public number: 1, 2, 3 … in the order rounds were opened */
  id: string;
  scope: string;
  sample: boolean;
  openedAt: string;
  updatedAt: string;
  events: RectificationEvent[];
}

/** A round to store: the store numbers it. */
export interface NewRound {
  scope: string;
  sample: boolean;
  at: string;
  /** the `opened` event, without seq */
  opened: Extract<NewRectificationEvent, { type: 'opened' }>;
}

export type RectificationResult =
  | { ok: true; events: NewRectificationEvent[] }
  | { ok: false; failure: RectificationRefusal };

/** Why an action does not apply to the round as it stands (a 409, or a 422 for a wrong reference). */
export type RectificationRefusal =
  | { kind: 'round-closed' }
  | { kind: 'no-such-problem'; problem: string }
  | { kind: 'no-such-task'; task: string }
  | { kind: 'task-state'; task: string; state: TaskState; action: RectificationAction['type'] }
  | { kind: 'village-outside-round'; village: string; scope: string };

export type TaskState = 'open' | 'submitted' | 'closed';
