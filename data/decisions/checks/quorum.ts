import type { DecisionStep } from '../decision-record.ts';
import { type CheckOutcome, type DecisionCheckId, outcome } from './decision-check.ts';
import { atLeast, type Fraction, moreThan, shareName } from '../../fraction.ts';

/**
 * The two quorum judgements the meeting checks share, worded the same way for every body:
 * "党员大会应到31人、实到19人，不足应到人数的三分之二（21人）". Blank or contradictory counts
 * (实到 more than 应到) cannot be judged and say so.
 */

/** 实到 ≥ share of 应到. */
export function attendance(check: DecisionCheckId, step: DecisionStep, meeting: string, share: Fraction): CheckOutcome {
  const { expected, present } = step;
  if (expected === null || present === null) {
    return outcome(check, 'cannot-judge', step.step, `${meeting}没有填写${blanks({ 应到人数: expected, 实到人数: present })}，无法核对到会人数`);
  }
  if (expected === 0 || present > expected) {
    return outcome(check, 'cannot-judge', step.step, `${meeting}应到${expected}人、实到${present}人，人数前后矛盾，无法核对到会人数`);
  }
  const needed = atLeast(expected, share);
  const head = `${meeting}应到${expected}人、实到${present}人，`;
  return present >= needed
    ? outcome(check, 'passed', step.step, `${head}达到应到人数的${shareName(share)}（${needed}人）`)
    : outcome(check, 'failed', step.step, `${head}不足应到人数的${shareName(share)}（${needed}人）`);
}

/** 赞成 > share of 应到 (`of: 'expected'`) or of 实到 (`of: 'present'`). */
export function approval(check: DecisionCheckId, step: DecisionStep, meeting: string, share: Fraction, of: 'expected' | 'present'): CheckOutcome {
  const base = of === 'expected' ? step.expected : step.present;
  const baseName = of === 'expected' ? '应到' : '实到';
  const { votesFor, present } = step;
  if (base === null || votesFor === null) {
    return outcome(check, 'cannot-judge', step.step, `${meeting}没有填写${blanks({ [`${baseName}人数`]: base, 赞成人数: votesFor })}，无法核对表决结果`);
  }
  if (base === 0 || votesFor > base || (present !== null && votesFor > present)) {
    return outcome(check, 'cannot-judge', step.step, `${meeting}${baseName}${base}人、赞成${votesFor}人，人数前后矛盾，无法核对表决结果`);
  }
  const needed = moreThan(base, share);
  const head = `${meeting}${baseName}${base}人、赞成${votesFor}人，`;
  return votesFor >= needed
    ? outcome(check, 'passed', step.step, `${head}超过${baseName}人数的${shareName(share)}（至少${needed}人）`)
    : outcome(check, 'failed', step.step, `${head}没有超过${baseName}人数的${shareName(share)}（至少需${needed}人）`);
}

function blanks(counts: Record<string, number | null>): string {
  return Object.entries(counts)
    .filter(([, v]) => v === null)
    .map(([k]) => k)
    .join('和');
}
