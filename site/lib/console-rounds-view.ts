import type { Account } from '../../data/accounts/account.ts';
import { allows } from '../../data/accounts/permissions.ts';
import { formatFen } from '../../data/money.ts';
import { PROBLEM_SOURCE_LABEL, PROBLEM_SOURCES } from '../../data/rectification/rectification.ts';
import type { RoundState } from '../../data/rectification/round-fold.ts';
import { covers, type Division } from '../../data/region.ts';
import type { ConsolePage } from './console-view.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, consoleRoundHref, consoleTaskHref, roundHref } from './urls.ts';

/**
 * Inspection rounds in the console (issue 13, point 3, for issue 12's rounds): the county's
 * discipline commission (or the city) opens a round over a division of its scope, adds the problems
 * found and the tasks that put them right, and closes the round; each task then has its own page
 * (console-task-view.ts) where the village submits evidence and the reviewers close it. Plain forms
 * that work with JavaScript off; everything typed here is public, as the round's notice shows.
 */

/** The rounds screens' form fields: the only place their names are written. */
export const ROUND_FIELDS = {
  scope: 'scope',
  title: 'title',
  team: 'team',
  start: 'start',
  end: 'end',
  contact: 'contact',
  village: 'village',
  source: 'source',
  description: 'description',
  amount: 'amount',
  problem: 'problem',
  measure: 'measure',
  responsible: 'responsible',
  deadline: 'deadline',
  immediate: 'immediate',
  summary: 'summary',
  note: 'note',
  rule: 'rule',
} as const;

type Option = { value: string; label: string };

export interface RoundsPage extends PageBase {
  kind: 'console-rounds';
  csrf: ConsolePage['csrf'];
  rounds: Array<{ title: string; object: string; href: string; state: string }>;
  /** for those who may open a round: the divisions it may be over */
  open: { action: string; scopes: Option[]; values: Record<string, string> } | null;
  problems: string[];
  back: string;
}

export interface RoundPage extends PageBase {
  kind: 'console-round';
  csrf: ConsolePage['csrf'];
  heading: string;
  notice: string;
  facts: Array<{ label: string; value: string }>;
  problemList: Array<{ id: string; text: string; tasks: Array<{ label: string; href: string; state: string }> }>;
  addProblem: { action: string; villages: Option[]; sources: Option[] } | null;
  addTask: { action: string; problems: Option[]; villages: Option[] } | null;
  /** 追缴 / 退赔 recorded on its own, and 建章立制 */
  recovery: { action: string; problems: Option[] } | null;
  rule: { action: string } | null;
  close: { action: string } | null;
  problems: string[];
  back: string;
}

const TASK_STATE: Record<RoundState['tasks'][number]['state'], string> = { open: '整改中', submitted: '待审核', closed: '已销号' };
const DUE: Record<RoundState['tasks'][number]['due'], string> = { overdue: '已超期', 'due-soon': '即将到期', 'on-time': '', done: '' };

/** The divisions an account may open a round over: its own scope and every division under it. */
export function roundScopes(account: Account, divisions: Iterable<Division>): Option[] {
  const out: Option[] = [];
  for (const d of divisions) {
    if (d.level === 'province' || !allows(account, 'open-round', d.code).ok) continue;
    out.push({ value: d.code, label: d.level === 'village' ? `${d.name}（${d.code}）` : d.name });
  }
  return out.sort((a, b) => a.value.localeCompare(b.value));
}

export function buildRoundsView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  account: Account;
  rounds: RoundState[];
  byCode: Map<string, Division>;
  problems?: string[];
  values?: Record<string, string>;
}): RoundsPage {
  const mayOpen = allows(input.account, 'open-round', input.account.scope).ok;
  return {
    site: input.site,
    title: '巡察整改',
    description: '工作台：巡察整改',
    sample: false,
    kind: 'console-rounds',
    csrf: input.csrf,
    rounds: input.rounds.map((r) => ({
      title: r.title,
      object: r.objectName,
      href: consoleRoundHref(r.id),
      state: r.closed ? '已结束' : `问题 ${r.counts.problems} 个，任务 ${r.counts.tasks} 项，已销号 ${r.counts.tasksClosed} 项${r.counts.overdue ? `，超期 ${r.counts.overdue} 项` : ''}`,
    })),
    open: mayOpen ? { action: CONSOLE_PATHS.rounds, scopes: roundScopes(input.account, input.byCode.values()), values: input.values ?? {} } : null,
    problems: input.problems ?? [],
    back: CONSOLE_PATHS.home,
  };
}

export function buildRoundView(input: { site: SiteInfo; csrf: ConsolePage['csrf']; account: Account; round: RoundState; byCode: Map<string, Division>; problems?: string[] }): RoundPage {
  const { round, account, byCode } = input;
  const acts = allows(account, 'act-round', round.scope).ok && round.closed === null;
  const villages: Option[] = [...byCode.values()]
    .filter((d) => d.level === 'village' && covers(round.scope, d.code))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({ value: d.code, label: `${byCode.get(d.parent ?? '')?.name ?? ''} ${d.name}`.trim() }));
  const placeName = (code: string | null) => (code ? (byCode.get(code)?.name ?? code) : null);
  const taskById = new Map(round.tasks.map((t) => [t.id, t]));
  return {
    site: input.site,
    title: `巡察整改 ${round.title}`,
    description: '工作台：巡察整改',
    sample: round.sample,
    kind: 'console-round',
    csrf: input.csrf,
    heading: round.title,
    notice: roundHref(round.id),
    facts: [
      { label: '巡察对象', value: round.objectName },
      { label: '巡察组', value: round.team },
      { label: '时间', value: `${round.start} 至 ${round.end}` },
      { label: '反映问题', value: round.contact },
      { label: '状态', value: round.closed ? `已结束：${round.closed.summary}` : '进行中' },
      { label: '追回金额', value: `${formatFen(round.recoveries.total)} 元` },
      { label: '建章立制', value: round.rules.length === 0 ? '无' : round.rules.map((r) => r.title).join('；') },
    ],
    problemList: round.problems.map((p) => ({
      id: p.id,
      text: [placeName(p.village), PROBLEM_SOURCE_LABEL[p.source], p.description, p.amount === null ? null : `涉及 ${formatFen(p.amount)} 元`].filter((s) => s !== null).join(' · '),
      tasks: p.tasks.flatMap((id) => {
        const t = taskById.get(id);
        if (!t) return [];
        const due = DUE[t.due];
        return [{ label: `${t.measure}（${t.responsible}，${t.deadline} 前${t.immediate ? '，立行立改' : ''}）`, href: consoleTaskHref(round.id, t.id), state: due ? `${TASK_STATE[t.state]}，${due}` : TASK_STATE[t.state] }];
      }),
    })),
    addProblem: acts ? { action: consoleRoundHref(round.id, 'problem'), villages, sources: PROBLEM_SOURCES.map((s) => ({ value: s, label: PROBLEM_SOURCE_LABEL[s] })) } : null,
    addTask: acts && round.problems.length > 0 ? { action: consoleRoundHref(round.id, 'task'), problems: round.problems.map((p) => ({ value: p.id, label: `${p.id} ${p.description.slice(0, 30)}` })), villages } : null,
    recovery: acts ? { action: consoleRoundHref(round.id, 'recovery'), problems: round.problems.map((p) => ({ value: p.id, label: `${p.id} ${p.description.slice(0, 30)}` })) } : null,
    rule: acts ? { action: consoleRoundHref(round.id, 'rule') } : null,
    close: acts ? { action: consoleRoundHref(round.id, 'close') } : null,
    problems: input.problems ?? [],
    back: CONSOLE_PATHS.rounds,
  };
}
