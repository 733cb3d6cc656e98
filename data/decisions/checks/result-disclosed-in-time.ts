import { z } from 'zod';
import { addDays, daysBetween } from '../../flags/rules/days.ts';
import { defineRecordCheck, outcome } from './decision-check.ts';
import { effectiveStep, postedOn } from './record-steps.ts';

const Settings = z
  .object({
    /** the result goes up at most this many days after 竣工/结算 */
    withinDays: z.number().int().min(0).max(365).default(30),
  })
  .strict();

const CHECK = 'result-disclosed-in-time';
const STEP = 'result-disclosure';

/**
 * 重大事项 are to be published 随时 (组织法 §30), which sets no number. The default 30 days is the
 * longest a result could wait and still make the next monthly 财务公开 (§3: 财务往来较多的每月一次),
 * the cadence on which the payments it reports are published anyway.
 */
export const resultDisclosedInTime = defineRecordCheck({
  id: CHECK,
  name: '实施结果及时公开',
  explanation: '看事情办完（完工或结算）以后，是否在规定的天数内把办理结果（谁承包、花了多少钱、验收情况）公开给村民。',
  legalBasis:
    '“四议两公开”第六步实施结果公开，及自动核对第6项“竣工或结算后N天内有实施结果公开”；《村民委员会组织法》第三十条“重大事项随时公布”（village-oversight-rules.md §2、§3）。',
  settings: Settings,
  run(record, context, settings) {
    const disclosure = effectiveStep(record, STEP);
    const completedOn = record.completedOn;
    if (completedOn === null) {
      return disclosure
        ? [outcome(CHECK, 'cannot-judge', STEP, `实施结果已于${postedOn(disclosure)}公开，但登记表没有写完工或结算日期，无法核对是否在${settings.withinDays}天内公开`)]
        : [outcome(CHECK, 'not-yet-due', STEP, '登记表还没有写完工或结算日期，实施结果公开还没有到期')];
    }
    const deadline = addDays(completedOn, settings.withinDays);
    if (!disclosure) {
      return context.today > deadline
        ? [outcome(CHECK, 'failed', STEP, `事项于${completedOn}完工或结算，已超过${settings.withinDays}天（最迟${deadline}），还没有实施结果公开`)]
        : [outcome(CHECK, 'not-yet-due', STEP, `事项于${completedOn}完工或结算，实施结果最迟应在${deadline}公开`)];
    }
    const from = postedOn(disclosure);
    const head = `事项于${completedOn}完工或结算，实施结果于${from}公开`;
    // a 阶段 result put up before completion is not late; whether it is the final one is for people to read
    if (from <= completedOn) return [outcome(CHECK, 'passed', STEP, `${head}，不晚于完工或结算`)];
    const gap = daysBetween(completedOn, from);
    return from <= deadline
      ? [outcome(CHECK, 'passed', STEP, `${head}，相隔${gap}天，在${settings.withinDays}天以内`)]
      : [outcome(CHECK, 'failed', STEP, `${head}，相隔${gap}天，超过${settings.withinDays}天（最迟应在${deadline}公开）`)];
  },
});
