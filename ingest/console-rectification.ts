import { Hono, type Context } from 'hono';
import type { Account } from '../data/accounts/account.ts';
import { allows } from '../data/accounts/permissions.ts';
import { rectificationSchemas } from '../data/rectification/rectification.ts';
import { rectificationAction } from '../data/rectification/rectification-workflow.ts';
import { foldRound, type RoundState, type RoundTask } from '../data/rectification/round-fold.ts';
import type { RectificationStore } from '../data/store/rectification-store.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import { chinaDate } from '../data/working-days.ts';
import { buildTaskView, TASK_FIELDS as T } from '../site/lib/console-task-view.ts';
import { CONSOLE_PATHS, consoleTaskHref } from '../site/lib/urls.ts';
import { consoleCommon, formOf, type ConsoleContext } from './console-common.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';

export interface ConsoleRectificationDeps extends ConsoleContext {
  store: ConsoleContext['store'] & SignInLog & Pick<RectificationStore, 'getRound' | 'updateRound'>;
  /** a round changed: its notice and these villages' pages should follow */
  afterRectification?: (round: string, villages: string[]) => void;
}

/**
 * A rectification task in the console (site/lib/console-task-view.ts): the village submits its
 * evidence, the round's reviewers close or return it — each asked of the permission table. A task
 * the account may neither act on nor review answers 404 as one that does not exist.
 */
export function consoleRectificationRoutes(deps: ConsoleRectificationDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);
  const { RectificationAction } = rectificationSchemas(deps.config.publicPhones);

  const taskFor = async (account: Account, roundId: string, taskId: string): Promise<{ round: RoundState; task: RoundTask } | null> => {
    const record = /^[1-9]\d{0,11}$/.test(roundId) ? await deps.store.getRound(roundId) : null;
    if (!record) return null;
    const round = foldRound(record, chinaDate(deps.clock()));
    const task = round.tasks.find((t) => t.id === taskId);
    if (!task) return null;
    const sees = allows(account, 'act-round', round.scope).ok || (task.village !== null && allows(account, 'submit-rectification', task.village).ok);
    return sees ? { round, task } : null;
  };
  const page = async (c: Context, account: Account, found: { round: RoundState; task: RoundTask }, problems: string[] = [], status: 200 | 409 | 422 = 200) => {
    const { site } = await common.loadRegion();
    return common.html(c, buildTaskView({ site, csrf: common.csrf(c), account, ...found, problems }), status);
  };

  routes.get('/console/rounds/:id/tasks/:task/', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const found = await taskFor(me.account, c.req.param('id'), c.req.param('task'));
    return found ? page(c, me.account, found) : c.text('没有这一项，或它不在您的工作范围内。', 404);
  });

  routes.post('/console/rounds/:id/tasks/:task/:action{submit|review}', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const form = await formOf(c, 16 * 1024);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return c.text('页面已过期，请返回重新提交。', 403);
    const found = await taskFor(me.account, c.req.param('id'), c.req.param('task'));
    if (!found) return c.text('没有这一项，或它不在您的工作范围内。', 404);
    const { round, task } = found;
    const submitting = c.req.param('action') === 'submit';
    const allowed = submitting ? task.village !== null && allows(me.account, 'submit-rectification', task.village).ok : allows(me.account, 'act-round', round.scope).ok;
    if (!allowed) return c.text('您的岗位不能办理这一步。', 403);
    const decision = form.get(T.decision);
    const body = submitting
      ? { type: 'submit-evidence', task: task.id, text: form.get(T.text) ?? '' }
      : decision === 'close'
        ? { type: 'close-task', task: task.id, verdict: form.get(T.reason) ?? '' }
        : { type: 'return-task', task: task.id, reason: form.get(T.reason) ?? '' };
    const parsed = RectificationAction.safeParse(body);
    if (!parsed.success || (!submitting && decision !== 'close' && decision !== 'return')) return page(c, me.account, found, ['请把内容填写完整。'], 422);
    const at = deps.clock().toISOString();
    const updated = await deps.store.updateRound(round.id, (current) => rectificationAction(current, parsed.data, me.account.office, at));
    if (updated.kind === 'not-found') return c.text('没有这一项。', 404);
    if (updated.kind === 'refused') return page(c, me.account, found, ['这项任务的状态已经变了，请看最新的经过。'], 409);
    await deps.store.recordEvent({ accountId: me.account.id, at, type: `rectification-${parsed.data.type}`, detail: `${round.id}-${task.id}` });
    try {
      deps.afterRectification?.(round.id, task.village === null ? [] : [task.village]);
    } catch (error) {
      console.error('[console] afterRectification failed:', error);
    }
    return c.redirect(consoleTaskHref(round.id, task.id), 303);
  });

  return routes;
}
