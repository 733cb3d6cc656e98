import { decisionBeforeContractAndPayment } from './decision-before-contract-and-payment.ts';
import type { DecisionCheckDefinition } from './decision-check.ts';
import { partyMeetingQuorum } from './party-meeting-quorum.ts';
import { recordRequired } from './record-required.ts';
import { representativesQuorum } from './representatives-quorum.ts';
import { resolutionDisclosedInTime } from './resolution-disclosed-in-time.ts';
import { resultDisclosedInTime } from './result-disclosed-in-time.ts';
import { sameSubject } from './same-subject.ts';
import { stepsComplete } from './steps-complete.ts';
import { stepsInOrder } from './steps-in-order.ts';

/** Every 四议两公开 check, in the order of DECISION_CHECK_IDS. */
export const ALL_DECISION_CHECKS: readonly DecisionCheckDefinition[] = [
  recordRequired,
  stepsComplete,
  stepsInOrder,
  sameSubject,
  partyMeetingQuorum,
  representativesQuorum,
  decisionBeforeContractAndPayment,
  resolutionDisclosedInTime,
  resultDisclosedInTime,
];
