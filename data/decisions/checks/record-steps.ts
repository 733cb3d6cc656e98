import type { DecisionRecord, DecisionStep, DecisionStepKind, ResolvingBody } from '../decision-record.ts';

/**
 * Reading a record's steps for the checks. A register may hold a step twice (a meeting held again
 * after the 村务监督委员会 asked for it to be redone): the one the matter rests on is the latest
 * one, so every check judges that row. Ties keep the later row of the register.
 */
export function effectiveStep(record: DecisionRecord, kind: DecisionStepKind): DecisionStep | null {
  let found: DecisionStep | null = null;
  for (const s of record.steps) if (s.step === kind && (found === null || s.date >= found.date)) found = s;
  return found;
}

/** The day a disclosure went up: the stated first day of posting, else the step's date. */
export function postedOn(step: DecisionStep): string {
  return step.postedFrom ?? step.date;
}

/**
 * Which body took step 4: as recorded, else read from the label (村民代表会议决议 / 村民会议决议);
 * null when neither says.
 */
export function resolvingBody(step: DecisionStep): ResolvingBody | null {
  if (step.body) return step.body;
  const label = step.label.replace(/\s+/g, '');
  if (label.includes('村民代表')) return 'representatives-meeting';
  if (label.includes('村民会议') || label.includes('村民大会')) return 'villagers-meeting';
  return null;
}

export const BODY_NAME: Record<ResolvingBody, string> = {
  'villagers-meeting': '村民会议',
  'representatives-meeting': '村民代表会议',
};
