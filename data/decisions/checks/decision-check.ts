import { z } from 'zod';
import type { IsoDate } from '../../publication.ts';
import type { DecisionRecord, DecisionStepKind } from '../decision-record.ts';

/**
 * A check of one 四议两公开 matter (issue 11, point 4): one file each in this folder, pure (no
 * store, no clock but `context.today`). Like the red-flag rules (flags/rule.ts), its thresholds are
 * a zod schema with defaults, so a county overrides any of them and the rest keep their defaults.
 */

/** Stable ids: stored with outcomes and used as keys of a county's settings. */
export const DECISION_CHECK_IDS = [
  'record-required',
  'steps-complete',
  'steps-in-order',
  'same-subject',
  'party-meeting-quorum',
  'representatives-quorum',
  'decision-before-contract-and-payment',
  'resolution-disclosed-in-time',
  'result-disclosed-in-time',
] as const;
export const DecisionCheckId = z.enum(DECISION_CHECK_IDS);
export type DecisionCheckId = z.infer<typeof DecisionCheckId>;

/**
 * `passed` / `failed`: the check could judge. `cannot-judge`: the record or the linked ledgers lack
 * what it needs (a blank 应到, no contract date) — said out loud so a gap in the data never reads as
 * a pass. `not-yet-due`: what it looks for is missing but its deadline has not come (a project not
 * yet finished has no 实施结果公开 to show). Only `passed` counts as passed.
 */
export const CHECK_STATUSES = ['passed', 'failed', 'cannot-judge', 'not-yet-due'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckOutcome {
  check: DecisionCheckId;
  status: CheckStatus;
  /** status === 'passed' */
  passed: boolean;
  /** the step it is about; null for the matter as a whole */
  step: DecisionStepKind | null;
  /** plain Chinese naming the step, the numbers and the threshold */
  message: string;
}

/**
 * What a check needs besides the record, filled by the caller from the linked contract ledger,
 * finance ledger and the county's power catalogue. null: not known (nothing linked, or not found).
 */
export interface DecisionCheckContext {
  today: IsoDate;
  /** the linked contract's signing date */
  contractSignedOn: IsoDate | null;
  /** the earliest payment for the matter in the finance ledger */
  firstPaymentOn: IsoDate | null;
  /** whether the county's power catalogue and amount threshold require a 四议两公开 record for the project or contract */
  requiresRecord: boolean | null;
}

export interface DecisionCheckDefinition<S extends z.ZodType = z.ZodType> {
  id: DecisionCheckId;
  /** short name for lists and badges: 党员大会到会与表决 */
  name: string;
  /** what it checks, in one plain Chinese sentence a villager understands */
  explanation: string;
  /** the law or rule it rests on, and where it is written down */
  legalBasis: string;
  /**
   * true for the checks that read a record's contents: they say nothing about a matter without one
   * (record-required speaks for it). false for record-required, which also runs on a project or
   * contract that has no record, with `record` null.
   */
  needsRecord: boolean;
  /** its thresholds, every one with a default */
  settings: S;
  /** `settings` already parsed by `this.settings`; `record` is null only when `needsRecord` is false */
  run(record: DecisionRecord | null, context: DecisionCheckContext, settings: z.infer<S>): CheckOutcome[];
}

/** A check of a record's contents; `run` never sees null (there is nothing to read without a record). */
export function defineRecordCheck<S extends z.ZodType>(check: {
  id: DecisionCheckId;
  name: string;
  explanation: string;
  legalBasis: string;
  settings: S;
  run(record: DecisionRecord, context: DecisionCheckContext, settings: z.infer<S>): CheckOutcome[];
}): DecisionCheckDefinition<S> {
  const { run, ...rest } = check;
  return { ...rest, needsRecord: true, run: (record, context, settings) => (record === null ? [] : run(record, context, settings)) };
}

/** A check of the matter itself, which runs with or without a record. */
export function defineMatterCheck<S extends z.ZodType>(check: Omit<DecisionCheckDefinition<S>, 'needsRecord'>): DecisionCheckDefinition<S> {
  return { ...check, needsRecord: false };
}

export function outcome(check: DecisionCheckId, status: CheckStatus, step: DecisionStepKind | null, message: string): CheckOutcome {
  return { check, status, passed: status === 'passed', step, message };
}
