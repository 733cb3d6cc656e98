import { z } from 'zod';
import { daysBetween } from '../../flags/rules/days.ts';
import { STEP_NAME } from '../decision-record.ts';
import { type CheckOutcome, defineRecordCheck, outcome } from './decision-check.ts';
import { Fraction, ONE_HALF, TWO_THIRDS } from '../../fraction.ts';
import { approval, attendance } from './quorum.ts';
import { BODY_NAME, effectiveStep, resolvingBody } from './record-steps.ts';

const Settings = z
  .object({
    /** 村民代表会议: 实到 at least this share of its members (应到) */
    representativesAttendance: Fraction.default(TWO_THIRDS),
    /** 村民代表会议: 赞成 more than this share of those present */
    representativesApproval: Fraction.default(ONE_HALF),
    /** 村民会议: 赞成 more than this share of those present */
    villagersApproval: Fraction.default(ONE_HALF),
    /** 村民会议: days between the notice and the meeting, at least */
    villagersNoticeDays: z.number().int().min(0).max(90).default(10),
  })
  .strict();

/**
 * Step 4 by whichever body took it. For a 村民会议 the attendance rule (过半数的18岁以上村民, or
 * 三分之二以上的户代表) depends on which of the two the village counted, which the register does not
 * say, so only the vote and the notice are judged.
 */
export const representativesQuorum = defineRecordCheck({
  id: 'representatives-quorum',
  name: '村民（代表）会议到会与表决人数',
  explanation:
    '村民代表会议要有三分之二以上的代表到会、到会的过半数赞成；村民会议要提前十天通知、到会的过半数赞成，决议才算通过。',
  legalBasis: '《村民委员会组织法》第二十二条（村民会议：到会人员过半数通过，提前十天通知）、第二十六条（村民代表会议：三分之二以上组成人员参加，到会人员过半数同意）（village-oversight-rules.md §2 步骤表第4行）。',
  settings: Settings,
  run(record, _context, settings) {
    const step = effectiveStep(record, 'villagers-resolution');
    if (!step) {
      return [outcome('representatives-quorum', 'cannot-judge', 'villagers-resolution', `登记表中没有“${STEP_NAME['villagers-resolution']}”，无法核对到会和表决人数`)];
    }
    const body = resolvingBody(step);
    if (body === null) {
      return [
        outcome('representatives-quorum', 'cannot-judge', step.step, `决议一步写作“${step.label}”，看不出是村民会议还是村民代表会议，无法按相应的人数要求核对`),
      ];
    }
    const meeting = BODY_NAME[body];
    if (body === 'representatives-meeting') {
      return [
        attendance('representatives-quorum', step, meeting, settings.representativesAttendance),
        approval('representatives-quorum', step, meeting, settings.representativesApproval, 'present'),
      ];
    }
    return [approval('representatives-quorum', step, meeting, settings.villagersApproval, 'present'), notice(step.noticeDate, step.date, settings.villagersNoticeDays)];
  },
});

function notice(noticeDate: string | null, meetingDate: string, days: number): CheckOutcome {
  if (noticeDate === null) {
    return outcome('representatives-quorum', 'cannot-judge', 'villagers-resolution', `村民会议（${meetingDate}）没有写明通知日期，无法核对是否提前${days}天通知`);
  }
  const ahead = daysBetween(noticeDate, meetingDate);
  if (ahead < 0) {
    return outcome('representatives-quorum', 'failed', 'villagers-resolution', `村民会议于${meetingDate}召开，通知日期却是${noticeDate}，晚于会议，应提前${days}天通知`);
  }
  const head = `村民会议于${meetingDate}召开，${noticeDate}通知，提前${ahead}天，`;
  return ahead >= days
    ? outcome('representatives-quorum', 'passed', 'villagers-resolution', `${head}达到提前${days}天通知的要求`)
    : outcome('representatives-quorum', 'failed', 'villagers-resolution', `${head}不足${days}天`);
}
