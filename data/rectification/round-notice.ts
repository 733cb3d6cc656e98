import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { PROBLEM_SOURCE_LABEL } from './rectification.ts';
import type { RoundProblem, RoundState, RoundTask } from './round-fold.ts';

/**
 * The public notice of a round's rectification (整改情况公示), as plain data the site renders:
 * counts in words, each problem with its measures, deadlines (整改时限) and states, money
 * recovered (追缴金额), rules adopted and where to report. Every string a villager reads is Chinese.
 *
 * Each problem is counted once: 已整改销号 (all its tasks closed), 长期整改 (what remains open is
 * long-term work only), or 正在整改 (anything else, including a problem whose tasks are not yet
 * set), so the three add up to the number of problems. Free text is masked for ID, phone and card
 * numbers; the round's contact is not, being the inspection team's public reporting line.
 */
export interface RoundNotice {
  heading: string;
  title: string;
  sampleLabel: '示例数据' | null;
  start: string;
  end: string;
  /** the date the states are as of (YYYY-MM-DD, China) */
  asOf: string;
  summary: string;
  counts: { problems: number; closed: number; inProgress: number; longTerm: number };
  problems: NoticeProblem[];
  recovered: { label: string; fen: number };
  rules: { label: string; summary: string; titles: string[] };
  contact: { label: string; text: string };
  closing: { label: string; summary: string } | null;
}

export interface NoticeProblem {
  id: string;
  /** 1, 2, 3 … as listed */
  number: number;
  village: string | null;
  sourceLabel: string;
  description: string;
  /** money involved, fen */
  amount: number | null;
  statusLabel: ProblemLabel;
  tasks: NoticeTask[];
}

export interface NoticeTask {
  id: string;
  measure: string;
  responsible: string;
  deadline: string;
  kindLabel: '立行立改' | '长期整改';
  stateLabel: TaskLabel;
}

export type ProblemLabel = '已整改销号' | '正在整改' | '长期整改';
export type TaskLabel = '已销号' | '待验收' | '整改中' | '已逾期';

/** Column headings for the page. */
export const NOTICE_HEADINGS = {
  problem: '问题',
  source: '问题来源',
  amount: '涉及金额',
  measure: '整改措施',
  responsible: '责任人',
  deadline: '整改时限',
  kind: '整改类型',
  state: '整改状态',
} as const;

export function roundNotice(round: RoundState): RoundNotice {
  const tasksById = new Map(round.tasks.map((t) => [t.id, t]));
  const problems = round.problems.map((p, i): NoticeProblem => {
    const tasks = p.tasks.map((id) => tasksById.get(id)).filter((t) => t !== undefined);
    return {
      id: p.id,
      number: i + 1,
      village: p.village,
      sourceLabel: PROBLEM_SOURCE_LABEL[p.source],
      description: masked(p.description),
      amount: p.amount,
      statusLabel: problemLabel(p, tasks),
      tasks: tasks.map(noticeTask),
    };
  });
  const count = (label: ProblemLabel) => problems.filter((p) => p.statusLabel === label).length;
  const counts = { problems: problems.length, closed: count('已整改销号'), inProgress: count('正在整改'), longTerm: count('长期整改') };

  return {
    heading: `${round.team}对${round.objectName}巡察整改情况公示`,
    title: round.title,
    sampleLabel: round.sample ? '示例数据' : null,
    start: round.start,
    end: round.end,
    asOf: round.asOf,
    summary: `问题${counts.problems}个，已整改销号${counts.closed}个，正在整改${counts.inProgress}个，长期整改${counts.longTerm}个`,
    counts,
    problems,
    recovered: { label: '追缴金额', fen: round.recoveries.total },
    rules: { label: '建章立制', summary: `新建完善制度${round.rules.length}项`, titles: round.rules.map((r) => masked(r.title)) },
    contact: { label: '意见反映渠道', text: round.contact },
    closing: round.closed ? { label: '整改总结', summary: masked(round.closed.summary) } : null,
  };
}

// ——— private helpers ———

function problemLabel(problem: RoundProblem, tasks: readonly RoundTask[]): ProblemLabel {
  if (problem.status === 'closed') return '已整改销号';
  const remaining = tasks.filter((t) => t.state !== 'closed');
  return remaining.length > 0 && remaining.every((t) => !t.immediate) ? '长期整改' : '正在整改';
}

function noticeTask(t: RoundTask): NoticeTask {
  return {
    id: t.id,
    measure: masked(t.measure),
    responsible: masked(t.responsible),
    deadline: t.deadline,
    kindLabel: t.immediate ? '立行立改' : '长期整改',
    stateLabel: t.state === 'closed' ? '已销号' : t.state === 'submitted' ? '待验收' : t.due === 'overdue' ? '已逾期' : '整改中',
  };
}

function masked(text: string): string {
  return maskNumbersInText(text, DEFAULT_ID_MASK).text;
}
