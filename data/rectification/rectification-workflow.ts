import { chinaDate } from '../working-days.ts';
import type { NewRectificationEvent, NewRound, NewRoundInput, RectificationAction, RectificationRefusal, RectificationResult, RoundRecord } from './rectification.ts';
import { foldRound, type RoundState, type RoundTask } from './round-fold.ts';

/**
 * What an action does to a round. Pure: the store calls `rectificationAction` inside its write
 * transaction, so two people acting at once cannot both start from the same state, and ids are
 * given in order from the events already there (P1, P2 … for problems, T1, T2 … for tasks).
 *
 * - nothing is added to a closed round;
 * - a problem's or task's village must lie in the round's scope (a division-code prefix);
 *   a task without a village of its own takes its problem's;
 * - evidence may be submitted to an open task, and more to a submitted one, never to a closed one;
 * - a task is closed (销号) from open or submitted, once; it is returned only from submitted;
 * - the round is closed only when every 立行立改 (immediate) task is closed: those are due within
 *   the round by definition. Long-term tasks may stay open and are still tracked and reminded
 *   after the round closes (round-fold.ts, reminders.ts).
 */

export function openRound(input: NewRoundInput, objectName: string, actor: string, now: string, sample: boolean): NewRound {
  const { scope, title, team, start, end, contact } = input;
  return { scope, sample, at: now, opened: { type: 'opened', objectName, scope, title, team, start, end, contact, at: now, actor } };
}

export function rectificationAction(round: RoundRecord, action: RectificationAction, actor: string, now: string): RectificationResult {
  const state = foldRound(round, chinaDate(now));
  if (state.closed) return refuse({ kind: 'round-closed' });
  const by = { at: now, actor };
  const done = (event: NewRectificationEvent): RectificationResult => ({ ok: true, events: [event] });

  switch (action.type) {
    case 'add-problem': {
      if (action.village !== null && !action.village.startsWith(round.scope)) return refuse({ kind: 'village-outside-round', village: action.village, scope: round.scope });
      const problem = `P${state.problems.length + 1}`;
      const { village, source, sourceRef, description, amount } = action;
      return done({ type: 'problem-added', problem, village, source, sourceRef, description, amount, ...by });
    }
    case 'add-task': {
      const problem = state.problems.find((p) => p.id === action.problem);
      if (!problem) return refuse({ kind: 'no-such-problem', problem: action.problem });
      const village = action.village ?? problem.village;
      if (village !== null && !village.startsWith(round.scope)) return refuse({ kind: 'village-outside-round', village, scope: round.scope });
      const task = `T${state.tasks.length + 1}`;
      const { measure, responsible, deadline, immediate } = action;
      return done({ type: 'task-added', task, problem: problem.id, measure, responsible, village, deadline, immediate, ...by });
    }
    case 'submit-evidence': {
      const task = findTask(state, action.task);
      if (!task.ok) return task.refusal;
      if (task.task.state === 'closed') return refuseState(task.task, action.type);
      return done({ type: 'evidence-submitted', task: action.task, text: action.text, ...by });
    }
    case 'close-task': {
      const task = findTask(state, action.task);
      if (!task.ok) return task.refusal;
      if (task.task.state === 'closed') return refuseState(task.task, action.type);
      return done({ type: 'task-closed', task: action.task, verdict: action.verdict, recovered: action.recovered, ...by });
    }
    case 'return-task': {
      const task = findTask(state, action.task);
      if (!task.ok) return task.refusal;
      if (task.task.state !== 'submitted') return refuseState(task.task, action.type);
      return done({ type: 'task-returned', task: action.task, reason: action.reason, ...by });
    }
    case 'record-recovery': {
      if (action.problem !== null && !state.problems.some((p) => p.id === action.problem)) return refuse({ kind: 'no-such-problem', problem: action.problem });
      return done({ type: 'recovery-recorded', problem: action.problem, amount: action.amount, note: action.note, ...by });
    }
    case 'adopt-rule':
      return done({ type: 'rule-adopted', title: action.title, ...by });
    case 'close-round': {
      const unfinished = state.tasks.find((t) => t.immediate && t.state !== 'closed');
      if (unfinished) return refuseState(unfinished, action.type);
      return done({ type: 'round-closed', summary: action.summary, ...by });
    }
    default:
      return unreachable(action);
  }
}

/** The villages a round concerns (its problems' and tasks', or the round's own): the pages that follow it. */
export function roundVillages(round: RoundRecord): string[] {
  const out = new Set<string>();
  for (const e of round.events) if ((e.type === 'problem-added' || e.type === 'task-added') && e.village) out.add(e.village);
  if (round.scope.length === 12) out.add(round.scope);
  return [...out];
}

// ——— private helpers ———

function refuse(failure: RectificationRefusal): RectificationResult {
  return { ok: false, failure };
}

function refuseState(task: RoundTask, action: RectificationAction['type']): RectificationResult {
  return refuse({ kind: 'task-state', task: task.id, state: task.state, action });
}

function findTask(state: RoundState, id: string): { ok: true; task: RoundTask } | { ok: false; refusal: RectificationResult } {
  const task = state.tasks.find((t) => t.id === id);
  return task ? { ok: true, task } : { ok: false, refusal: refuse({ kind: 'no-such-task', task: id }) };
}

function unreachable(value: never): never {
  throw new Error(`unhandled action ${JSON.stringify(value)}`);
}
