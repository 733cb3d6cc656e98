import type { TaskState } from './rectification.ts';
import type { RoundState, RoundTask } from './round-fold.ts';

/**
 * Tasks needing a reminder today, from folded rounds (folded as of today): those due soon and
 * those overdue, in closed rounds too, since long-term tasks outlive their round.
 *
 * Labels follow two steps of 临颍's 五书制: 整改情况提醒书 before the deadline, 告诫书 once it is
 * missed. They are labels only — nothing here issues a document. They go to the responsible person
 * only while the task waits for them (open); a task whose evidence waits for review (submitted)
 * is listed for the reviewers, with no label, since the responsible person has done their part.
 */
export const NOTICE_BEFORE_DEADLINE = '整改情况提醒书';
export const NOTICE_MISSED = '告诫书';

export interface Reminder extends Pick<RoundTask, 'problem' | 'measure' | 'responsible' | 'village' | 'deadline' | 'immediate'> {
  round: string;
  roundTitle: string;
  team: string;
  objectName: string;
  sample: boolean;
  /** the task's id, T1 … */
  task: string;
  state: Exclude<TaskState, 'closed'>;
  due: 'overdue' | 'due-soon';
  /** working days after today up to the deadline; negative or 0 once past it */
  workingDaysLeft: number;
  /** who must act now: the responsible person (open) or the reviewers (submitted, 待验收) */
  waitingFor: 'responsible' | 'reviewer';
  notice: typeof NOTICE_BEFORE_DEADLINE | typeof NOTICE_MISSED | null;
}

/** Overdue first, then by deadline, round and task. */
export function remindersFor(rounds: readonly RoundState[]): Reminder[] {
  const reminders: Reminder[] = [];
  for (const round of rounds) {
    for (const t of round.tasks) {
      if (t.state === 'closed' || (t.due !== 'overdue' && t.due !== 'due-soon') || t.workingDaysLeft === null) continue;
      const waitingFor = t.state === 'open' ? 'responsible' : 'reviewer';
      reminders.push({
        round: round.id,
        roundTitle: round.title,
        team: round.team,
        objectName: round.objectName,
        sample: round.sample,
        task: t.id,
        problem: t.problem,
        measure: t.measure,
        responsible: t.responsible,
        village: t.village,
        deadline: t.deadline,
        immediate: t.immediate,
        state: t.state,
        due: t.due,
        workingDaysLeft: t.workingDaysLeft,
        waitingFor,
        notice: waitingFor === 'reviewer' ? null : t.due === 'overdue' ? NOTICE_MISSED : NOTICE_BEFORE_DEADLINE,
      });
    }
  }
  return reminders.sort(
    (a, b) =>
      Number(b.due === 'overdue') - Number(a.due === 'overdue') ||
      a.deadline.localeCompare(b.deadline) ||
      Number(a.round) - Number(b.round) ||
      Number(a.task.slice(1)) - Number(b.task.slice(1)),
  );
}
