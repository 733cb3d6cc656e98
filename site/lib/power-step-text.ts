import { shareName } from '../../data/fraction.ts';
import {
  DEADLINE_UNIT_NAME,
  QUORUM_BASE_NAME,
  STEP_ACTOR_NAME,
  STEP_EVIDENCE_NAME,
  type PowerStep,
  type StepDeadline,
  type StepDisclosure,
  type StepEvidence,
  type StepQuorum,
} from '../../data/power/power-catalogue.ts';

/**
 * One step of a 小微权力清单 item in words. The flowchart and the ordered list under it are both
 * made from these, so what a sighted reader sees in a box is what a screen reader hears.
 */
export interface StepFacts {
  seq: number;
  name: string;
  /** 村党组织, 村民代表会议 … */
  actor: string;
  /** 自第1步起10日内（自然日）; null when the catalogue sets no deadline */
  deadline: string | null;
  /** 到会≥三分之二，赞成>半数（实到人数） */
  quorum: string | null;
  /** every record the step keeps: 会议记录、签到表、表决结果 */
  evidence: string | null;
  /** the same, cut to fit a flowchart box: 会议记录、签到表、表决结果等4项 */
  evidenceShort: string | null;
  /** 决议事项、表决结果；公开地点：村务公开栏、阳光村务网站，不少于7日 */
  disclosure: string | null;
  /** where and how long, for the box: the list says what */
  disclosureShort: string | null;
}

export function stepFacts(step: PowerStep): StepFacts {
  return {
    seq: step.seq,
    name: step.name,
    actor: STEP_ACTOR_NAME[step.actor],
    deadline: step.deadline === null ? null : deadlineText(step.deadline),
    quorum: step.quorum === null ? null : quorumText(step.quorum),
    evidence: step.evidence.length === 0 ? null : evidenceText(step.evidence),
    evidenceShort: step.evidence.length === 0 ? null : evidenceText(step.evidence, EVIDENCE_IN_BOX),
    disclosure: step.disclosure === null ? null : disclosureText(step.disclosure),
    disclosureShort: step.disclosure === null ? null : disclosurePlace(step.disclosure),
  };
}

/** 10 calendar days from step 1 → 自第1步起10日内（自然日）; working days say so in the unit. */
export function deadlineText(d: StepDeadline): string {
  const unit = DEADLINE_UNIT_NAME[d.unit];
  return `自第${d.fromStep}步起${d.days}${unit}内${d.unit === 'calendar' ? '（自然日）' : ''}`;
}

/**
 * 到会≥三分之二，赞成>半数（实到人数）. Attendance is always of those expected (power-catalogue.ts),
 * so only the approval says what it is counted against.
 */
export function quorumText(q: StepQuorum): string | null {
  const parts: string[] = [];
  if (q.presentAtLeast !== null) parts.push(`到会≥${shareName(q.presentAtLeast)}`);
  if (q.approveMoreThan !== null) parts.push(`赞成>${shareName(q.approveMoreThan)}（${QUORUM_BASE_NAME[q.base]}）`);
  return parts.length === 0 ? null : parts.join('，');
}

/** Names of the records, the first `max` of them and a count of the rest. */
export function evidenceText(evidence: readonly StepEvidence[], max = Infinity): string {
  const names = evidence.map((e) => STEP_EVIDENCE_NAME[e]);
  return names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')}等${names.length}项`;
}

export function disclosureText(d: StepDisclosure): string {
  return `${d.what}；公开地点：${disclosurePlace(d)}`;
}

/** 村务公开栏、阳光村务网站，不少于7日 */
function disclosurePlace(d: StepDisclosure): string {
  return `${d.where.join('、')}${d.minDays === null ? '' : `，不少于${d.minDays}日`}`;
}

// Three names fill one line of a box (“留存：会议记录、签到表、表决结果”, 16 characters).
const EVIDENCE_IN_BOX = 3;
