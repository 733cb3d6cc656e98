import { z } from 'zod';
import { addDays } from '../../flags/rules/days.ts';
import { DECISION_STEPS, type DecisionStepKind, STEP_NAME } from '../decision-record.ts';
import { type CheckOutcome, defineRecordCheck, outcome } from './decision-check.ts';
import { effectiveStep } from './record-steps.ts';

const Settings = z
  .object({
    /** days after 竣工/结算 before a missing 实施结果公开 counts as missing (the same default as result-disclosed-in-time) */
    resultDueDays: z.number().int().min(0).max(365).default(30),
    /** with no 竣工/结算 date: days after the resolution before a missing 实施结果公开 counts as missing all the same */
    resultDueDaysWithoutCompletion: z.number().int().min(30).max(3650).default(365),
  })
  .strict();

/**
 * The first five steps come before anything is done, so each is owed as soon as the matter is on
 * record. The sixth reports what was done: it is owed once the work is finished (completedOn) and
 * the county's grace has passed, or — when nobody records completion — once a long time has passed
 * since the resolution, so a matter cannot stay "in progress" forever by leaving completedOn blank.
 */
export const stepsComplete = defineRecordCheck({
  id: 'steps-complete',
  name: '六个步骤齐全',
  explanation: '看登记表里是否有提议、商议、审议、决议、决议公开、实施结果公开这六步，少了哪一步就列出哪一步。',
  legalBasis: '“四议两公开”工作法：党组织提议、两委会议商议、党员大会审议、村民（代表）会议决议，决议公开、实施结果公开（village-oversight-rules.md §2 步骤表）。',
  settings: Settings,
  run(record, context, settings) {
    const outcomes: CheckOutcome[] = [];
    const missing: DecisionStepKind[] = DECISION_STEPS.filter((kind) => effectiveStep(record, kind) === null);
    for (const kind of missing) {
      if (kind !== 'result-disclosure') {
        outcomes.push(outcome('steps-complete', 'failed', kind, `登记表中没有“${STEP_NAME[kind]}”这一步`));
        continue;
      }
      const resolvedOn = effectiveStep(record, 'villagers-resolution')?.date ?? null;
      const due = resultDueOn(record.completedOn, resolvedOn, settings);
      const name = `“${STEP_NAME[kind]}”`;
      if (due !== null && context.today > due) {
        const why =
          record.completedOn !== null
            ? `事项于${record.completedOn}完工或结算，已超过${settings.resultDueDays}天（最迟应在${due}公开）`
            : `决议已超过${settings.resultDueDaysWithoutCompletion}天（${resolvedOn}作出），仍未记录完工或结算日期`;
        outcomes.push(outcome('steps-complete', 'failed', kind, `登记表中没有${name}这一步：${why}`));
      } else {
        const why = record.completedOn !== null ? `事项于${record.completedOn}完工或结算，最迟应在${due}公开` : '尚未记录完工或结算，还不到公开实施结果的时候';
        outcomes.push(outcome('steps-complete', 'not-yet-due', kind, `还没有${name}：${why}`));
      }
    }
    if (!outcomes.some((o) => o.status === 'failed')) {
      const which = missing.length === 0 ? '六个步骤齐全' : `目前应有的${DECISION_STEPS.length - missing.length}个步骤齐全`;
      outcomes.unshift(outcome('steps-complete', 'passed', null, `登记表中${which}`));
    }
    return outcomes;
  },
});

function resultDueOn(completedOn: string | null, resolvedOn: string | null, settings: z.infer<typeof Settings>): string | null {
  if (completedOn !== null) return addDays(completedOn, settings.resultDueDays);
  if (resolvedOn !== null) return addDays(resolvedOn, settings.resultDueDaysWithoutCompletion);
  return null;
}

