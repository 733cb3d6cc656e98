import type { DivisionsVersion } from '../data/store/divisions-version.ts';
import { Hono, type Context } from 'hono';
import { totpRequired, type Account } from '../data/accounts/account.ts';
import { hashPassword, passwordProblem } from '../data/accounts/password.ts';
import { openSession, secretHash, signIn, type SignInOutcome } from '../data/accounts/sign-in.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { todoFor } from '../data/accounts/todo.ts';
import { allows } from '../data/accounts/permissions.ts';
import { STEP_NAME } from '../data/decisions/decision-record.ts';
import { judgeVillageDecisions } from '../data/decisions/village-decisions.ts';
import { foldRound } from '../data/rectification/round-fold.ts';
import type { DecisionStore } from '../data/store/decision-store.ts';
import type { RectificationStore } from '../data/store/rectification-store.ts';
import { chinaDate } from '../data/working-days.ts';
import { villageSetting, type SettingStore } from './record-register.ts';
import { newTotpSecret, totpUri, verifyTotp } from '../data/accounts/totp.ts';
import type { Config } from '../data/config.ts';
import type { AccountStore } from '../data/store/account-store.ts';
import type { FlagStore } from '../data/store/flag-store.ts';
import type { SessionStore } from '../data/store/session-store.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import type { Store } from '../data/store/store.ts';
import { SITE_NAME, type RenderFn } from '../site/build/page-builder.ts';
import { buildConsoleHomeView, buildInviteInvalidView, buildInviteView, buildSignInView, buildTotpSetupView, CONSOLE_FIELDS as F } from '../site/lib/console-view.ts';
import { CONSOLE_HREF, CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, formOf, type ConsoleContext } from './console-common.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';
import { everyFlag, everyUnfinishedComplaint } from '../data/store/list-every.ts';

export type ConsoleStore = AccountStore & SessionStore & SignInLog & DivisionsVersion & Pick<Store, 'listComplaints' | 'listDivisions' | 'getDivision'> & Pick<FlagStore, 'listFlags'> & Pick<RectificationStore, 'listRounds'> & Pick<DecisionStore, 'listDecisionMatters'> & SettingStore;

export interface ConsoleDeps {
  store: ConsoleStore;
  config: Config;
  clock: () => Date;
  render: RenderFn;
  /** the client's address as the rate limits see it (behind a trusted proxy, the forwarded one) */
  clientOf: (c: Context) => string;
  loadRegion?: ConsoleContext['loadRegion'];
}

/**
 * The officials' console (issue 13), rendered per request: sign in with mobile and password (and
 * the authenticator's code where the account has one), the invitation link that sets the first
 * password, the home screen with 待办 and the sessions, and signing out here or everywhere. Every
 * form carries the CSRF field; no page is cached or indexed.
 */
export function consoleRoutes(deps: ConsoleDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const { loadRegion, html, csrf, setSession, clearSession, signedIn: current } = consoleCommon(deps);

  /** A village that records 四议两公开: its matters lacking a step owed by now, judged as its pages judge them. */
  const mattersLackingSteps = async (account: Account) => {
    if (account.scope.length !== 12 || !allows(account, 'record-decisions', account.scope).ok) return [];
    const matters = await deps.store.listDecisionMatters(account.scope);
    if (matters.length === 0) return [];
    const judged = judgeVillageDecisions({ ...(await villageSetting(deps, account.scope)), matters }).matters;
    return judged.map(({ matter, judged: j }) => ({ id: matter.id, village: matter.village, subject: matter.subject, missing: j.checks.summary.missing.map((k) => STEP_NAME[k]) }));
  };

  routes.get('/console', (c) => c.redirect(CONSOLE_HREF, 301));
  routes.get(CONSOLE_HREF, async (c) => {
    const { site, byCode } = await loadRegion();
    const me = await current(c);
    if (!me) return html(c, buildSignInView(site, csrf(c)));
    const now = deps.clock().toISOString();
    const scope = scopePrefix(me.account.scope);
    const [complaints, flags, sessions, rounds, decisions] = await Promise.all([
      everyUnfinishedComplaint(deps.store, scope),
      everyFlag(deps.store, { scope, status: 'active' }),
      deps.store.listSessions(me.account.id, now),
      deps.store.listRounds(scope),
      mattersLackingSteps(me.account),
    ]);
    const today = chinaDate(new Date(now));
    const todo = todoFor({ who: me.account, complaints, flags, rounds: rounds.map((r) => foldRound(r, today)), decisions, deadlines: deps.config.complaints.deadlines, now });
    const page = Number(c.req.query('page') ?? '1');
    return html(c, buildConsoleHomeView({ site, csrf: csrf(c), account: me.account, divisions: byCode, todo, sessions, currentSession: me.session, page: Number.isInteger(page) ? page : 1 }));
  });

  routes.post(CONSOLE_PATHS.signIn, async (c) => {
    const { site } = await loadRegion();
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return html(c, buildSignInView(site, csrf(c), { message: '页面已过期，请重新输入后再登录。' }), 403);
    const mobile = (form.get(F.mobile) ?? '').trim().slice(0, 20);
    const outcome = await signIn(
      deps.store,
      { mobile, password: form.get(F.password) ?? '', totp: form.get(F.totp) ?? undefined, address: deps.clientOf(c), userAgent: c.req.header('user-agent') ?? null },
      deps.clock(),
    );
    if (outcome.kind === 'signed-in') {
      setSession(c, outcome.secret, outcome.expiresAt);
      return c.redirect(CONSOLE_HREF, 303);
    }
    const [message, status] = SIGN_IN_ANSWER[outcome.kind];
    return html(c, buildSignInView(site, csrf(c), { mobile, askTotp: outcome.kind === 'totp-needed' || outcome.kind === 'totp-refused', message }), status);
  });

  routes.post(CONSOLE_PATHS.signOut, async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return c.redirect(CONSOLE_HREF, 303);
    const me = await current(c);
    if (me) {
      const now = deps.clock().toISOString();
      await deps.store.revokeSession(me.session, now);
      await deps.store.recordEvent({ accountId: me.account.id, at: now, type: 'sign-out', detail: null });
    }
    clearSession(c);
    return c.redirect(CONSOLE_HREF, 303);
  });

  routes.post(CONSOLE_PATHS.signOutEverywhere, async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return c.redirect(CONSOLE_HREF, 303);
    const me = await current(c);
    if (me) {
      const now = deps.clock().toISOString();
      const n = await deps.store.revokeSessions(me.account.id, now);
      await deps.store.recordEvent({ accountId: me.account.id, at: now, type: 'sign-out-everywhere', detail: `${n} 个会话` });
    }
    clearSession(c);
    return c.redirect(CONSOLE_HREF, 303);
  });

  // A second factor an account below the county may add of its own accord (county and city ones have one from the start).
  routes.get(CONSOLE_PATHS.totp, async (c) => {
    const me = await current(c);
    if (!me) return c.redirect(CONSOLE_HREF, 303);
    if (me.account.hasTotp) return c.redirect(CONSOLE_HREF, 303);
    const { site } = await loadRegion();
    return html(c, buildTotpSetupView(site, csrf(c), newTotp(me.account)));
  });

  routes.post(CONSOLE_PATHS.totp, async (c) => {
    const me = await current(c);
    if (!me) return c.redirect(CONSOLE_HREF, 303);
    if (me.account.hasTotp) return c.redirect(CONSOLE_HREF, 303);
    const { site } = await loadRegion();
    const form = await formOf(c);
    const posted = (form.get(F.totpSecret) ?? '').trim();
    const totp = /^[A-Z2-7]{32}$/.test(posted) ? { secret: posted, uri: totpUri({ secret: posted, account: `${me.account.name} ${me.account.office}`, issuer: SITE_NAME }) } : newTotp(me.account);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return html(c, buildTotpSetupView(site, csrf(c), totp, ['页面已过期，请重新输入。']), 403);
    const now = deps.clock();
    const checked = verifyTotp(totp.secret, form.get(F.totp) ?? '', now, null);
    if (!checked.ok) return html(c, buildTotpSetupView(site, csrf(c), totp, ['数字不对：请确认已扫描本页的二维码，并输入它现在显示的 6 位数字。']), 422);
    await deps.store.setTotpSecret(me.account.id, totp.secret);
    await deps.store.useTotpStep(me.account.id, checked.step);
    await deps.store.recordEvent({ accountId: me.account.id, at: now.toISOString(), type: 'totp-set', detail: null });
    return c.redirect(CONSOLE_HREF, 303);
  });

  routes.get('/console/invite/:secret', async (c) => {
    const { site } = await loadRegion();
    const secret = c.req.param('secret');
    const account = await invited(deps.store, secret, deps.clock());
    if (!account) return html(c, buildInviteInvalidView(site), 410);
    const totp = totpRequired(account) ? newTotp(account) : null;
    return html(c, buildInviteView(site, csrf(c), { secret, account, totp }));
  });

  routes.post('/console/invite/:secret', async (c) => {
    const { site } = await loadRegion();
    const secret = c.req.param('secret');
    const now = deps.clock();
    const account = await invited(deps.store, secret, now);
    if (!account) return html(c, buildInviteInvalidView(site), 410);
    const form = await formOf(c);
    const postedSecret = (form.get(F.totpSecret) ?? '').trim();
    const totp = totpRequired(account) ? (/^[A-Z2-7]{32}$/.test(postedSecret) ? { secret: postedSecret, uri: totpUri({ secret: postedSecret, account: `${account.name} ${account.office}`, issuer: SITE_NAME }) } : newTotp(account)) : null;
    const again = (problems: string[], status: 403 | 422) => html(c, buildInviteView(site, csrf(c), { secret, account, totp, problems }), status);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return again(['页面已过期，请重新填写。'], 403);
    const password = form.get(F.password) ?? '';
    const problems: string[] = [];
    const weak = passwordProblem(password, { name: account.name, mobile: account.mobile });
    if (weak) problems.push(weak.message);
    if (password !== (form.get(F.passwordAgain) ?? '')) problems.push('两次输入的密码不一样。');
    let step: number | null = null;
    if (totp) {
      const checked = verifyTotp(totp.secret, form.get(F.totp) ?? '', now, null);
      if (checked.ok) step = checked.step;
      else problems.push('身份验证器上的数字不对：请确认已扫描本页的二维码，并输入它现在显示的 6 位数字。');
    }
    if (problems.length > 0) return again(problems, 422);
    // Taken only now, once everything is in order: a mistake above leaves the link usable.
    if ((await deps.store.takeInvite(secretHash(secret), now.toISOString())) !== account.id) return html(c, buildInviteInvalidView(site), 410);
    await deps.store.setPassword(account.id, JSON.stringify(await hashPassword(password)));
    if (totp && step !== null) {
      await deps.store.setTotpSecret(account.id, totp.secret);
      await deps.store.useTotpStep(account.id, step);
    }
    await deps.store.revokeSessions(account.id, now.toISOString());
    await deps.store.recordEvent({ accountId: account.id, at: now.toISOString(), type: 'password-set', detail: totp ? '并启用身份验证器' : null });
    const fresh = (await deps.store.getAccount(account.id))!;
    const session = await openSession(deps.store, fresh, { address: deps.clientOf(c), userAgent: c.req.header('user-agent') ?? null }, now);
    setSession(c, session.secret, session.expiresAt);
    return c.redirect(CONSOLE_HREF, 303);
  });

  return routes;
}

// ——— private helpers ———

const SIGN_IN_ANSWER: Record<Exclude<SignInOutcome['kind'], 'signed-in'>, [string | null, 200 | 401 | 403 | 429]> = {
  refused: ['手机号或密码不对。', 401],
  locked: ['输错次数太多，请 15 分钟后再试。忘记密码请联系上级管理员重置。', 429],
  'totp-needed': ['请输入身份验证器上的 6 位数字。', 200],
  'totp-refused': ['身份验证器上的数字不对或已用过，请输入它现在显示的数字。', 401],
  'totp-setup-needed': ['您的账号需要身份验证器，但还没有设置。请联系上级管理员重新发送邀请。', 403],
};

async function invited(store: ConsoleStore, secret: string, now: Date): Promise<Account | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(secret)) return null;
  const id = await store.findInvite(secretHash(secret), now.toISOString());
  const account = id ? await store.getAccount(id) : null;
  return account && account.status !== 'disabled' ? account : null;
}

function newTotp(account: Account): { secret: string; uri: string } {
  const secret = newTotpSecret();
  return { secret, uri: totpUri({ secret, account: `${account.name} ${account.office}`, issuer: SITE_NAME }) };
}
