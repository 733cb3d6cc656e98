import { z } from 'zod';
import { STEP_NAME } from '../decision-record.ts';
import { defineRecordCheck, outcome } from './decision-check.ts';
import { Fraction, ONE_HALF, TWO_THIRDS } from '../../fraction.ts';
import { approval, attendance } from './quorum.ts';
import { effectiveStep } from './record-steps.ts';

const Settings = z
  .object({
    /** 实到 at least this share of 应到 */
    attendance: Fraction.default(TWO_THIRDS),
    /** 赞成 more than this share of 应到 — of all members, not of those present */
    approval: Fraction.default(ONE_HALF),
  })
  .strict();

export const partyMeetingQuorum = defineRecordCheck({
  id: 'party-meeting-quorum',
  name: '党员大会到会与表决人数',
  explanation: '党员大会要有三分之二以上的党员到会，并且赞成的人数要超过全体应到党员的一半，方案才算审议通过。',
  legalBasis: '“四议两公开”工作法第三步党员大会审议：到会党员不少于三分之二，应到会党员半数以上赞同（village-oversight-rules.md §2 步骤表第3行）。',
  settings: Settings,
  run(record, _context, settings) {
    const meeting = effectiveStep(record, 'party-members-meeting');
    if (!meeting) {
      return [outcome('party-meeting-quorum', 'cannot-judge', 'party-members-meeting', `登记表中没有“${STEP_NAME['party-members-meeting']}”，无法核对到会和表决人数`)];
    }
    return [
      attendance('party-meeting-quorum', meeting, '党员大会', settings.attendance),
      approval('party-meeting-quorum', meeting, '党员大会', settings.approval, 'expected'),
    ];
  },
});
