import { z } from 'zod';
import { DECISION_STEPS, STEP_NAME } from '../decision-record.ts';
import { type CheckOutcome, defineRecordCheck, outcome } from './decision-check.ts';
import { effectiveStep } from './record-steps.ts';

const Settings = z.object({}).strict();

/**
 * Compares each recorded step with the nearest recorded step before it in the required order, so a
 * missing step (steps-complete's business) does not hide a later pair out of order. Two steps on one
 * day pass: a village whose secretary is also its director (一肩挑) may hold 提议 and 商议 together.
 */
export const stepsInOrder = defineRecordCheck({
  id: 'steps-in-order',
  name: '步骤先后顺序',
  explanation: '看六个步骤是不是按先提议、再商议、再审议、再决议、然后公开的顺序进行，后面的步骤不能早于前面的步骤。',
  legalBasis: '“四议两公开”工作法的步骤顺序，及自动核对第1项“步骤n的日期不晚于步骤n+1”（village-oversight-rules.md §2）。',
  settings: Settings,
  run(record) {
    const present = DECISION_STEPS.flatMap((kind) => {
      const s = effectiveStep(record, kind);
      return s ? [s] : [];
    });
    if (present.length < 2) {
      return [outcome('steps-in-order', 'cannot-judge', null, `登记表中只有${present.length}个步骤，无法核对先后顺序`)];
    }
    const outcomes: CheckOutcome[] = [];
    for (let i = 1; i < present.length; i += 1) {
      const before = present[i - 1];
      const after = present[i];
      if (!before || !after || after.date >= before.date) continue;
      outcomes.push(
        outcome(
          'steps-in-order',
          'failed',
          after.step,
          `“${STEP_NAME[after.step]}”的日期（${after.date}）早于“${STEP_NAME[before.step]}”（${before.date}），应在其后进行`,
        ),
      );
    }
    if (outcomes.length > 0) return outcomes;
    const span = `${present[0]?.date ?? ''}至${present[present.length - 1]?.date ?? ''}`;
    return [outcome('steps-in-order', 'passed', null, `${present.length}个步骤（${span}）按规定的先后顺序进行`)];
  },
});
