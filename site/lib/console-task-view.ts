import type { Account } from '../../data/accounts/account.ts';
import { allows } from '../../data/accounts/permissions.ts';
import type { RoundState, RoundTask } from '../../data/rectification/round-fold.ts';
import type { ConsolePage } from './console-view.ts';
import { chinaDateTime } from './format.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, consoleTaskHref, roundHref } from './urls.ts';

/**
 * A rectification task in the console (issue 13, point 3, for issue 12's rounds): the village that
 * answers for it submits its evidence; the round's reviewers close it (销号) or return it. Each form
 * is shown only to those the permission table lets act; the public notice of the round shows every step.
 */
export interface TaskPage extends PageBase {
  kind: 'console-task';
  csrf: ConsolePage['csrf'];
  heading: string;
  round: { title: string; href: string };
  facts: Array<{ label: string; value: string }>;
  history: Array<{ at: string; who: string; what: string }>;
  submit: { action: string } | null;
  review: { action: string } | null;
  problems: string[];
  back: string;
}

export const TASK_FIELDS = { text: 'text', decision: 'decision', verdict: 'verdict', reason: 'reason' } as const;

const STATE_NAME: Record<RoundTask['state'], string> = { open: '整改中', submitted: '已提交材料，待审核', closed: '已销号' };

export function buildTaskView(input: { site: SiteInfo; csrf: ConsolePage['csrf']; account: Account; round: RoundState; task: RoundTask; problems?: string[] }): TaskPage {
  const { round, task: t, account } = input;
  const mayReview = allows(account, 'act-round', round.scope).ok;
  const maySubmit = t.village !== null && allows(account, 'submit-rectification', t.village).ok;
  return {
    site: input.site,
    title: `整改任务 ${round.id}-${t.id}`,
    description: '工作台：整改任务',
    sample: round.sample,
    kind: 'console-task',
    csrf: input.csrf,
    heading: `整改任务：${t.problem}`,
    round: { title: round.title, href: roundHref(round.id) },
    facts: [
      { label: '整改措施', value: t.measure },
      { label: '责任人', value: t.responsible },
      { label: '期限', value: t.deadline },
      { label: '状态', value: STATE_NAME[t.state] },
    ],
    history: [
      ...t.evidence.map((e) => ({ at: e.at, who: e.actor, what: `提交材料：${e.text}` })),
      ...t.reviews.map((r) => ({ at: r.at, who: r.actor, what: r.kind === 'returned' ? `退回：${r.reason}` : `销号：${r.verdict}` })),
    ]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((h) => ({ ...h, at: chinaDateTime(h.at) })),
    submit: maySubmit && t.state === 'open' ? { action: consoleTaskHref(round.id, t.id, 'submit') } : null,
    review: mayReview && t.state === 'submitted' ? { action: consoleTaskHref(round.id, t.id, 'review') } : null,
    problems: input.problems ?? [],
    back: CONSOLE_PATHS.home,
  };
}
