/**
 * The median answer time above the counties without reading every answered complaint (issue 14):
 * the stores keep how many first answers took each whole day (answer_ms / ANSWER_DAY_MS, per city),
 * so the one or two middle positions of the sorted answer times are first placed in their day from
 * those counts, and only that day's answers are read, by offset within it.
 */
export const ANSWER_DAY_MS = 86_400_000;

/**
 * The day an answer time counts in: whole days from receipt to first answer. An answer stamped
 * before its receipt (a clock set back) counts in day 0, as the stores' triggers count it
 * (`max(answer_ms, 0) / 86400000`).
 */
export function answerDay(answerMs: number): number {
  return Math.floor(Math.max(answerMs, 0) / ANSWER_DAY_MS);
}

/** The answer times [from, to) that count in `day`: day 0 from the earliest instant. */
export function answerDayRange(day: number): [number, number] {
  return [day === 0 ? Number.MIN_SAFE_INTEGER : day * ANSWER_DAY_MS, (day + 1) * ANSWER_DAY_MS];
}

export interface AnswerDayCount {
  day: number;
  answers: number;
}

/**
 * Where each position of the sorted answer times falls, given how many answers each day holds
 * (days ascending; days of 0 may be present): the day, and how many of that day's answers come
 * before it. A position beyond the counts is an error — the counts and the positions came from
 * different states.
 */
export function placeInDays(days: readonly AnswerDayCount[], positions: readonly number[]): Array<{ day: number; offset: number }> {
  return positions.map((position) => {
    let before = 0;
    for (const { day, answers } of days) {
      if (position < before + answers) return { day, offset: position - before };
      before += answers;
    }
    throw new Error(`answer position ${position} is beyond the ${before} answers counted`);
  });
}
