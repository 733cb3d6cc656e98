import { workingDaysBetween } from '../working-days.ts';
import type { ProblemSource, RectificationEvent, RoundRecord, TaskState } from './rectification.ts';

/**
 * A round as it stands, folded from its events, with each unfinished task's place on the
 * working-day clock as of `today` (a YYYY-MM-DD date in China).
 *
 * - A task is open until evidence is submitted, submitted until the reviewer closes (销号) or
 *   returns it; a returned task is open again.
 * - A problem is closed when it has at least one task and all are closed; in progress when any
 *   task is closed or has evidence (returned evidence still shows work begun); otherwise open.
 * - A task is overdue once `today` is past its deadline; due soon when at most `dueSoonWorkingDays`
 *   working days remain after today up to and including the deadline, so a deadline just after a
 *   holiday turns due-soon while the holiday is still ahead.
 */
export interface RoundState {
  id: string;
  scope: string;
  sample: boolean;
  title: string;
  team: string;
  objectName: string;
  start: string;
  end: string;
  contact: string;
  openedAt: string;
  /** the date (YYYY-MM-DD, China) the due states are as of */
  asOf: string;
  closed: { summary: string; at: string; actor: string } | null;
  problems: RoundProblem[];
  tasks: RoundTask[];
  recoveries: { total: number; items: Recovery[] };
  rules: Array<{ title: string; at: string; actor: string }>;
  counts: RoundCounts;
}

export type ProblemStatus = 'open' | 'in-progress' | 'closed';
export type Due = 'overdue' | 'due-soon' | 'on-time' | 'done';

export interface RoundProblem {
  id: string;
  village: string | null;
  source: ProblemSource;
  sourceRef: string | null;
  description: string;
  /** money involved (涉及金额), fen */
  amount: number | null;
  addedAt: string;
  status: ProblemStatus;
  /** its tasks' ids, in order */
  tasks: string[];
}

export interface RoundTask {
  id: string;
  problem: string;
  measure: string;
  responsible: string;
  village: string | null;
  deadline: string;
  immediate: boolean;
  addedAt: string;
  state: TaskState;
  evidence: Array<{ text: string; at: string; actor: string }>;
  /** the reviewer's returns and the closing verdict, in order */
  reviews: Array<{ kind: 'returned'; reason: string; at: string; actor: string } | { kind: 'closed'; verdict: string; recovered: number | null; at: string; actor: string }>;
  closedAt: string | null;
  /** recovered when it was closed, fen */
  recovered: number | null;
  due: Due;
  /** working days after today up to the deadline (negative past it); null once closed */
  workingDaysLeft: number | null;
}

export interface Recovery {
  /** a task's closing, or a recovery recorded on its own */
  kind: 'task-closed' | 'recorded';
  task: string | null;
  problem: string | null;
  /** fen */
  amount: number;
  note: string | null;
  at: string;
}

export interface RoundCounts {
  problems: number;
  problemsClosed: number;
  problemsInProgress: number;
  tasks: number;
  tasksClosed: number;
  immediate: number;
  immediateClosed: number;
  longTerm: number;
  longTermOpen: number;
  overdue: number;
  dueSoon: number;
  /** fen */
  recovered: number;
  rulesAdopted: number;
}

export const DEFAULT_DUE_SOON_WORKING_DAYS = 3;

export function foldRound(record: RoundRecord, today: string, dueSoonWorkingDays: number = DEFAULT_DUE_SOON_WORKING_DAYS): RoundState {
  const opened = record.events[0];
  if (opened?.type !== 'opened') throw new Error(`round ${record.id} does not begin with its opening`);
  const problems = new Map<string, RoundProblem>();
  const tasks = new Map<string, RoundTask>();
  const recoveries: Recovery[] = [];
  const rules: RoundState['rules'] = [];
  let closed: RoundState['closed'] = null;

  for (const e of record.events) apply(e);

  function apply(e: RectificationEvent): void {
    const by = { at: e.at, actor: e.actor };
    switch (e.type) {
      case 'opened':
        return;
      case 'problem-added':
        problems.set(e.problem, { id: e.problem, village: e.village, source: e.source, sourceRef: e.sourceRef, description: e.description, amount: e.amount, addedAt: e.at, status: 'open', tasks: [] });
        return;
      case 'task-added':
        problems.get(e.problem)?.tasks.push(e.task);
        tasks.set(e.task, {
          id: e.task,
          problem: e.problem,
          measure: e.measure,
          responsible: e.responsible,
          village: e.village,
          deadline: e.deadline,
          immediate: e.immediate,
          addedAt: e.at,
          state: 'open',
          evidence: [],
          reviews: [],
          closedAt: null,
          recovered: null,
          due: 'on-time',
          workingDaysLeft: null,
        });
        return;
      case 'evidence-submitted':
        return update(e.task, (t) => ({ ...t, state: 'submitted', evidence: [...t.evidence, { text: e.text, ...by }] }));
      case 'task-returned':
        return update(e.task, (t) => ({ ...t, state: 'open', reviews: [...t.reviews, { kind: 'returned', reason: e.reason, ...by }] }));
      case 'task-closed': {
        const task = tasks.get(e.task);
        if (e.recovered !== null && e.recovered > 0) recoveries.push({ kind: 'task-closed', task: e.task, problem: task?.problem ?? null, amount: e.recovered, note: null, at: e.at });
        return update(e.task, (t) => ({ ...t, state: 'closed', closedAt: e.at, recovered: e.recovered, reviews: [...t.reviews, { kind: 'closed', verdict: e.verdict, recovered: e.recovered, ...by }] }));
      }
      case 'recovery-recorded':
        recoveries.push({ kind: 'recorded', task: null, problem: e.problem, amount: e.amount, note: e.note, at: e.at });
        return;
      case 'rule-adopted':
        rules.push({ title: e.title, ...by });
        return;
      case 'round-closed':
        closed = { summary: e.summary, ...by };
        return;
    }
  }

  function update(id: string, change: (t: RoundTask) => RoundTask): void {
    const task = tasks.get(id);
    if (task) tasks.set(id, change(task));
  }

  const taskList = [...tasks.values()].map((t) => withDue(t, today, dueSoonWorkingDays));
  const byId = new Map(taskList.map((t) => [t.id, t]));
  const problemList = [...problems.values()].map((p) => ({ ...p, status: problemStatus(p.tasks.map((id) => byId.get(id)).filter((t) => t !== undefined)) }));
  const recovered = recoveries.reduce((sum, r) => sum + r.amount, 0);

  return {
    id: record.id,
    scope: record.scope,
    sample: record.sample,
    title: opened.title,
    team: opened.team,
    objectName: opened.objectName,
    start: opened.start,
    end: opened.end,
    contact: opened.contact,
    openedAt: opened.at,
    asOf: today,
    closed,
    problems: problemList,
    tasks: taskList,
    recoveries: { total: recovered, items: recoveries },
    rules,
    counts: {
      problems: problemList.length,
      problemsClosed: problemList.filter((p) => p.status === 'closed').length,
      problemsInProgress: problemList.filter((p) => p.status === 'in-progress').length,
      tasks: taskList.length,
      tasksClosed: taskList.filter((t) => t.state === 'closed').length,
      immediate: taskList.filter((t) => t.immediate).length,
      immediateClosed: taskList.filter((t) => t.immediate && t.state === 'closed').length,
      longTerm: taskList.filter((t) => !t.immediate).length,
      longTermOpen: taskList.filter((t) => !t.immediate && t.state !== 'closed').length,
      overdue: taskList.filter((t) => t.due === 'overdue').length,
      dueSoon: taskList.filter((t) => t.due === 'due-soon').length,
      recovered,
      rulesAdopted: rules.length,
    },
  };
}

// ——— private helpers ———

function withDue(task: RoundTask, today: string, dueSoonWorkingDays: number): RoundTask {
  if (task.state === 'closed') return { ...task, due: 'done', workingDaysLeft: null };
  const left = workingDaysBetween(today, task.deadline);
  const due: Due = today > task.deadline ? 'overdue' : left <= dueSoonWorkingDays ? 'due-soon' : 'on-time';
  return { ...task, due, workingDaysLeft: left };
}

function problemStatus(tasks: readonly RoundTask[]): ProblemStatus {
  if (tasks.length > 0 && tasks.every((t) => t.state === 'closed')) return 'closed';
  if (tasks.some((t) => t.state === 'closed' || t.evidence.length > 0)) return 'in-progress';
  return 'open';
}
