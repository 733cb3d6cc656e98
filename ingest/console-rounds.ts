import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Account } from '../data/accounts/account.ts';
import { allows } from '../data/accounts/permissions.ts';
import { parseAmount } from '../data/money.ts';
import { rectificationSchemas, type RoundRecord } from '../data/rectification/rectification.ts';
import { openRound, rectificationAction, roundVillages } from '../data/rectification/rectification-workflow.ts';
import { foldRound } from '../data/rectification/round-fold.ts';
import type { RectificationStore } from '../data/store/rectification-store.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import { chinaDate } from '../data/working-days.ts';
import { buildRoundsView, buildRoundView, ROUND_FIELDS as F } from '../site/lib/console-rounds-view.ts';
import { CONSOLE_PATHS, consoleRoundHref } from '../site/lib/urls.ts';
import { consoleCommon, formOf, type ConsoleContext } from './console-common.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';
import { refusalText } from './http-errors.ts';

export interface ConsoleRoundsDeps extends ConsoleContext {
  store: ConsoleContext['store'] & SignInLog & Pick<RectificationStore, 'openRound' | 'getRound' | 'listRounds' | 'updateRound'>;
  /** a round changed: its notice and these villages' pages should follow */
  afterRectification?: (round: string, villages: string[]) => void;
}

/** What each form field is called when it is wrong. */
const FIELD_NAME: Record<string, string> = {
  scope: '巡察对象',
  title: '名称',
  team: '巡察组',
  start: '开始日期',
  end: '结束日期',
  contact: '反映问题的方式',
  village: '村',
  source: '问题来源',
  description: '问题描述',
  amount: '涉及金额',
  problem: '针对的问题',
  measure: '整改措施',
  responsible: '责任人',
  deadline: '整改期限',
  summary: '整改总结',
  note: '说明',
};

/**
 * Inspection rounds in the console (site/lib/console-rounds-view.ts): the county's discipline
 * commission or the city opens a round over a division of its scope, adds problems and tasks and
 * closes the round — each asked of the permission table, the same pure workflow as the API
 * (ingest/routes/rectification.ts), the office named publicly and the account in its own log.
 * A round the account may not act on answers 404 as one that does not exist.
 */
export function consoleRoundsRoutes(deps: ConsoleRoundsDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);
  const { NewRoundInput, RectificationAction } = rectificationSchemas(deps.config.publicPhones);
  const today = () => chinaDate(deps.clock());
  const mayWork = (account: Account) => allows(account, 'open-round', account.scope).ok || allows(account, 'act-round', account.scope).ok;

  const listPage = async (c: Context, account: Account, problems: string[] = [], values: Record<string, string> = {}, status: 200 | 403 | 404 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    const rounds = (await deps.store.listRounds(account.scope)).map((r) => foldRound(r, today()));
    return common.html(c, buildRoundsView({ site, csrf: common.csrf(c), account, rounds, byCode, problems, values }), status);
  };
  const roundPage = async (c: Context, account: Account, round: RoundRecord, problems: string[] = [], status: 200 | 409 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    return common.html(c, buildRoundView({ site, csrf: common.csrf(c), account, round: foldRound(round, today()), byCode, problems }), status);
  };
  const roundFor = async (account: Account, id: string): Promise<RoundRecord | null> => {
    const round = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getRound(id) : null;
    if (!round) return null;
    const answersFor = roundVillages(round).some((v) => allows(account, 'submit-rectification', v).ok);
    return allows(account, 'act-round', round.scope).ok || answersFor ? round : null;
  };
  const followed = (round: RoundRecord) => {
    try {
      deps.afterRectification?.(round.id, roundVillages(round));
    } catch (error) {
      console.error('[console] afterRectification failed:', error);
    }
  };

  routes.get(CONSOLE_PATHS.rounds, async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    if (!mayWork(me.account)) return c.text('您的岗位不办理巡察整改。', 403);
    return listPage(c, me.account);
  });

  routes.post(CONSOLE_PATHS.rounds, async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const form = await formOf(c, 16 * 1024);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return c.text('页面已过期，请返回重新提交。', 403);
    const values = Object.fromEntries([F.scope, F.title, F.team, F.start, F.end, F.contact].map((k) => [k, form.get(k) ?? '']));
    const parsed = NewRoundInput.safeParse(values);
    if (!parsed.success) return listPage(c, me.account, issuesOf(parsed.error), values, 422);
    const { byCode } = await common.loadRegion();
    const object = byCode.get(parsed.data.scope);
    if (!object) return listPage(c, me.account, ['没有这个巡察对象，请从列表中选择。'], values, 422);
    if (!allows(me.account, 'open-round', object.code).ok) return c.text('您的岗位不能对这个地方开展巡察。', 403);
    const at = deps.clock().toISOString();
    const round = await deps.store.openRound(openRound(parsed.data, object.name, me.account.office, at, false));
    await deps.store.recordEvent({ accountId: me.account.id, at, type: 'rectification-open-round', detail: round.id });
    followed(round);
    return c.redirect(consoleRoundHref(round.id), 303);
  });

  routes.get('/console/rounds/:id/', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const round = await roundFor(me.account, c.req.param('id'));
    return round ? roundPage(c, me.account, round) : c.text('没有这一轮巡察，或它不在您的工作范围内。', 404);
  });

  routes.post('/console/rounds/:id/:action{problem|task|recovery|rule|close}', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const form = await formOf(c, 16 * 1024);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return c.text('页面已过期，请返回重新提交。', 403);
    const round = await roundFor(me.account, c.req.param('id'));
    if (!round) return c.text('没有这一轮巡察，或它不在您的工作范围内。', 404);
    if (!allows(me.account, 'act-round', round.scope).ok) return c.text('您的岗位不能办理这一步。', 403);
    const which = c.req.param('action') as RoundForm;
    const body = actionBody(which, form);
    if (!body.ok) return roundPage(c, me.account, round, body.problems, 422);
    const parsed = RectificationAction.safeParse(body.value);
    // the rule form's one field is the schema's `title`, which on the opening form is the round's name
    if (!parsed.success) return roundPage(c, me.account, round, issuesOf(parsed.error, which === 'rule' ? { ...FIELD_NAME, title: '制度名称' } : FIELD_NAME), 422);
    const at = deps.clock().toISOString();
    const updated = await deps.store.updateRound(round.id, (current) => rectificationAction(current, parsed.data, me.account.office, at));
    if (updated.kind === 'not-found') return c.text('没有这一轮巡察。', 404);
    if (updated.kind === 'refused') return roundPage(c, me.account, round, [refusalText(updated.failure)[1]], 409);
    await deps.store.recordEvent({ accountId: me.account.id, at, type: `rectification-${parsed.data.type}`, detail: round.id });
    followed(updated.round);
    return c.redirect(consoleRoundHref(round.id), 303);
  });

  return routes;
}

// ——— private helpers ———

type RoundForm = 'problem' | 'task' | 'recovery' | 'rule' | 'close';

function actionBody(action: RoundForm, form: URLSearchParams): { ok: true; value: unknown } | { ok: false; problems: string[] } {
  const text = (k: string) => form.get(k) ?? '';
  const village = text(F.village) || null;
  switch (action) {
    case 'problem': {
      const amount = parseAmount(text(F.amount).trim());
      if (amount.kind === 'invalid' || (amount.kind === 'ok' && amount.fen < 0)) return { ok: false, problems: [`涉及金额：请填写以元为单位的金额，例如 1200.50（${amount.kind === 'invalid' ? amount.reason : '不能是负数'}）。`] };
      return { ok: true, value: { type: 'add-problem', village, source: text(F.source), sourceRef: null, description: text(F.description), amount: amount.kind === 'ok' ? amount.fen : null } };
    }
    case 'task':
      return { ok: true, value: { type: 'add-task', problem: text(F.problem), measure: text(F.measure), responsible: text(F.responsible), village, deadline: text(F.deadline), immediate: form.get(F.immediate) === '1' } };
    case 'recovery': {
      const amount = parseAmount(text(F.amount).trim());
      if (amount.kind !== 'ok' || amount.fen <= 0) return { ok: false, problems: ['追回金额：请填写大于零、以元为单位的金额，例如 1200.50。'] };
      return { ok: true, value: { type: 'record-recovery', problem: text(F.problem) || null, amount: amount.fen, note: text(F.note) } };
    }
    case 'rule':
      return { ok: true, value: { type: 'adopt-rule', title: text(F.rule) } };
    case 'close':
      return { ok: true, value: { type: 'close-round', summary: text(F.summary) } };
  }
}

/** A form's schema problems in the official's words: the field, and our own reason where the schema gives one. */
function issuesOf(error: z.ZodError, names: Record<string, string> = FIELD_NAME): string[] {
  const out = new Set<string>();
  for (const issue of error.issues) {
    const field = names[String(issue.path[0] ?? '')] ?? '表单';
    const own = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message.split(' / ')[0] : null;
    out.add(`${field}：${own ?? '请填写完整、正确'}。`);
  }
  return [...out];
}
