import { ONE_HALF, TWO_THIRDS } from '../fraction.ts';
import type { PowerStep, StepActor, StepDeadline, StepDisclosure, StepEvidence, StepQuorum } from './power-catalogue.ts';
import { DEFAULT_WHERE } from './default-sources.ts';

/**
 * Building blocks of the default catalogue's steps. Items are written as step lists without
 * numbers and numbered here, so inserting a step cannot leave a gap; a deadline's `fromStep` is
 * still written as the seq it counts from, and the schema checks it points backwards.
 */
export type StepDraft = Omit<PowerStep, 'seq'>;

export function step(
  name: string,
  actor: StepActor,
  evidence: StepEvidence[],
  more: { deadline?: StepDeadline; quorum?: StepQuorum; disclosure?: StepDisclosure } = {},
): StepDraft {
  return { name, actor, evidence, deadline: more.deadline ?? null, quorum: more.quorum ?? null, disclosure: more.disclosure ?? null };
}

export function numbered(drafts: readonly StepDraft[]): PowerStep[] {
  return drafts.map((d, i) => ({ seq: i + 1, ...d }));
}

/** A notice on the board and the portal; `minDays` null where no minimum was found in the rules. */
export function notice(what: string, minDays: number | null = null): StepDisclosure {
  return { what, where: [...DEFAULT_WHERE], minDays };
}


/** 党员大会: 到会 ≥ 2/3 党员, 应到会党员半数以上赞同 (四议两公开 工作制度). */
export const PARTY_MEETING_QUORUM: StepQuorum = { presentAtLeast: TWO_THIRDS, approveMoreThan: ONE_HALF, base: 'expected' };
/** 村民代表会议: ≥ 2/3 组成人员到会, 到会人员过半数同意 (组织法 §26). */
export const REPRESENTATIVES_QUORUM: StepQuorum = { presentAtLeast: TWO_THIRDS, approveMoreThan: ONE_HALF, base: 'present' };
/**
 * 村民会议: attendance is "过半数 18 岁以上村民 or ≥ 2/3 户的代表" (组织法 §22), which one
 * fraction cannot say, so only the approval rule is encoded; the checks read §22 for attendance.
 */
export const VILLAGERS_QUORUM: StepQuorum = { presentAtLeast: null, approveMoreThan: ONE_HALF, base: 'present' };
/** 两委会议: 少数服从多数 of those present. */
export const COMMITTEES_QUORUM: StepQuorum = { presentAtLeast: null, approveMoreThan: ONE_HALF, base: 'present' };

const MEETING: StepEvidence[] = ['meeting-minutes', 'sign-in-sheet'];
const VOTE: StepEvidence[] = ['meeting-minutes', 'sign-in-sheet', 'vote-result'];

export interface FourDeliberationsOptions {
  /** what the resolution notice shows: 决议内容, amounts, parties … */
  resolves: string;
  /** the body of step 4: a 村民代表会议 unless the law asks the 村民会议 itself */
  body?: 'representatives-meeting' | 'villagers-meeting';
  /** what is done between the resolution notice and the result notice (竞标, 合同, 验收 …) */
  carryOut?: readonly StepDraft[];
  /** what the result notice shows */
  result?: string;
}

/**
 * 四议两公开: 提议 → 商议 → 审议 → 决议, 决议公开, then the item's own steps, then 实施结果公开.
 * With nothing to carry out it is exactly the six steps of the 登记表.
 */
export function fourDeliberations(o: FourDeliberationsOptions): StepDraft[] {
  const body = o.body ?? 'representatives-meeting';
  return [
    step('村党组织提议（事先征求党员、村民代表意见）', 'party-organisation', MEETING),
    step('村“两委”会议商议', 'two-committees', VOTE, { quorum: COMMITTEES_QUORUM }),
    step('党员大会审议（方案提前送达全体党员）', 'party-members-meeting', VOTE, { quorum: PARTY_MEETING_QUORUM }),
    body === 'villagers-meeting'
      ? step('村民会议决议（提前十天通知）', 'villagers-meeting', VOTE, { quorum: VILLAGERS_QUORUM })
      : step('村民代表会议决议', 'representatives-meeting', VOTE, { quorum: REPRESENTATIVES_QUORUM }),
    step('决议公开', 'village-committee', ['notice-photo'], { disclosure: notice(o.resolves) }),
    ...(o.carryOut ?? []),
    step('实施结果公开', 'village-committee', ['notice-photo'], { disclosure: notice(o.result ?? '实施情况和结果') }),
  ];
}

/** The supervision committee's part in every item that spends or disposes of collective money. */
export function supervised(name = '村务监督委员会全程监督'): StepDraft {
  return step(name, 'supervision-committee', ['meeting-minutes']);
}
