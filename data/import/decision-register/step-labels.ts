import type { DecisionStepKind, ResolvingBody } from '../../decisions/decision-record.ts';

/**
 * The step names villages write in the 步骤 column, to the six steps. An explicit table rather
 * than keyword matching: 党员大会 and 村民代表会议 differ by one body and by the quorum the checks
 * apply, so a label nobody has listed here is refused, never guessed.
 */

export interface StepLabel {
  step: DecisionStepKind;
  /** step 4 only: the body the label names */
  body: ResolvingBody | null;
}

const LABELS: ReadonlyArray<readonly [DecisionStepKind, ResolvingBody | null, readonly string[]]> = [
  ['party-proposal', null, ['党支部提议', '党组织提议', '村党组织提议', '村党支部提议', '党总支提议', '村党总支提议']],
  ['committees-discussion', null, ['两委会议商议', '村两委商议', '两委联席会议', '村两委会议商议', '两委商议', '村两委联席会议', '两委联席会议商议']],
  ['party-members-meeting', null, ['党员大会审议', '村党员大会审议', '党员大会']],
  ['villagers-resolution', 'representatives-meeting', ['村民代表会议决议', '村民代表会议表决', '村民代表会议']],
  ['villagers-resolution', 'villagers-meeting', ['村民会议决议', '村民会议表决', '村民会议']],
  ['resolution-disclosure', null, ['决议公开', '决议公示', '决议结果公开', '决议内容公开']],
  ['result-disclosure', null, ['实施结果公开', '结果公开', '实施结果公示', '结果公示', '实施情况公开']],
];

const BY_NAME: ReadonlyMap<string, StepLabel> = new Map(
  LABELS.flatMap(([step, body, names]) => names.map((name) => [name, { step, body }] as const)),
);

/** 党支部提议, ２．党支部提议, 第一步：党支部提议, （一）党支部提议 → party-proposal; null when not listed. */
export function stepOfLabel(label: string): StepLabel | null {
  return BY_NAME.get(normaliseLabel(label)) ?? null;
}

/** The listed names, for the message refusing an unknown one. */
export function knownLabels(): string[] {
  return LABELS.map(([, , names]) => names[0] as string);
}

// ——— private helpers ———

/**
 * Width, spaces and the numbering people put in front of a step (1. / 一、 / ① / 第一步：) do not
 * change which step it is; anything else in the label does.
 */
function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s+/g, '')
    // NFKC has turned ① into 1 and （一） into (一) by now
    .replace(/^(?:第[一二三四五六1-6]步[:：、.]?|\([一二三四五六1-6]\)|[一二三四五六][、.:]|[1-6][、.:]?)/, '')
    .replace(/[“”"]/g, '');
}
