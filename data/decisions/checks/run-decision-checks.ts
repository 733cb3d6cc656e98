import { z } from 'zod';
import { type DecisionRecord, type DecisionStepKind, STEP_NAME } from '../decision-record.ts';
import type { CheckOutcome, DecisionCheckContext, DecisionCheckDefinition, DecisionCheckId } from './decision-check.ts';
import { ALL_DECISION_CHECKS } from './index.ts';

/** A county's overrides, per check id; what it does not say keeps the check's default. */
export type DecisionCheckSettings = Partial<Record<DecisionCheckId, Record<string, unknown>>>;

export interface DecisionCheckSummary {
  /** every check passed: the 流程完整 badge */
  complete: boolean;
  /** steps owed now and not on record (steps-complete), in the required order */
  missing: DecisionStepKind[];
  failed: CheckOutcome[];
  /** what could not be judged for want of data: never counted as passed */
  cannotJudge: CheckOutcome[];
  /** what is not owed yet (a project still under way has no 实施结果公开) */
  notYetDue: CheckOutcome[];
  /** the badge's words: 流程完整 / 缺少：党员大会审议 / 需说明：… / 待核对：… / 进行中：… */
  badge: string;
}

export interface DecisionChecksRun {
  outcomes: CheckOutcome[];
  summary: DecisionCheckSummary;
}

/**
 * Runs every check over one matter: a record, or null for a project or contract that has none (then
 * only record-required speaks). Each check's settings go through its own schema, so a county's
 * override fills in its defaults, and an unknown check id or a bad value throws rather than being
 * ignored — a county should hear that its threshold was not applied.
 */
export function runDecisionChecks(
  record: DecisionRecord | null,
  context: DecisionCheckContext,
  settingsByCheckId: DecisionCheckSettings = {},
  checks: readonly DecisionCheckDefinition[] = ALL_DECISION_CHECKS,
): DecisionChecksRun {
  const known = new Set<string>(checks.map((c) => c.id));
  const unknown = Object.keys(settingsByCheckId).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`no such decision check: ${unknown.join(', ')}`);
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    if (record === null && check.needsRecord) continue;
    const parsed = check.settings.safeParse(settingsByCheckId[check.id] ?? {});
    if (!parsed.success) throw new Error(`settings of decision check ${check.id}: ${z.prettifyError(parsed.error)}`);
    for (const o of check.run(record, context, parsed.data)) {
      if (o.check !== check.id) throw new Error(`decision check ${check.id} returned an outcome of ${o.check}`);
      outcomes.push(o);
    }
  }
  return { outcomes, summary: summarise(record, outcomes, checks) };
}

function summarise(record: DecisionRecord | null, outcomes: CheckOutcome[], checks: readonly DecisionCheckDefinition[]): DecisionCheckSummary {
  const failed = outcomes.filter((o) => o.status === 'failed');
  const cannotJudge = outcomes.filter((o) => o.status === 'cannot-judge');
  const notYetDue = outcomes.filter((o) => o.status === 'not-yet-due');
  const missing = failed.flatMap((o) => (o.check === 'steps-complete' && o.step !== null ? [o.step] : []));
  const complete = outcomes.length > 0 && outcomes.every((o) => o.passed);
  return { complete, missing, failed, cannotJudge, notYetDue, badge: badge(record, { complete, missing, failed, cannotJudge, notYetDue }, checks) };
}

function badge(record: DecisionRecord | null, s: Omit<DecisionCheckSummary, 'badge'>, checks: readonly DecisionCheckDefinition[]): string {
  const nameOf = (id: DecisionCheckId) => checks.find((c) => c.id === id)?.name ?? id;
  const names = (list: CheckOutcome[]) => [...new Set(list.map((o) => nameOf(o.check)))].join('、');
  if (record === null) {
    if (s.failed.length > 0) return '缺少：四议两公开记录';
    if (s.cannotJudge.length > 0) return '待核对：是否应有四议两公开记录';
    return '无需四议两公开';
  }
  if (s.complete) return '流程完整';
  if (s.missing.length > 0) return `缺少：${s.missing.map((k) => STEP_NAME[k]).join('、')}`;
  if (s.failed.length > 0) return `需说明：${names(s.failed)}`;
  if (s.cannotJudge.length > 0) return `待核对：${names(s.cannotJudge)}`;
  return `进行中：待${[...new Set(s.notYetDue.map((o) => (o.step ? STEP_NAME[o.step] : nameOf(o.check))))].join('、')}`;
}
