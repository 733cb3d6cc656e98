import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { normaliseMobile, readAccountList } from '../data/accounts/account-list.ts';
import { NewAccount, type Account } from '../data/accounts/account.ts';
import { mayAdminister, roleFits } from '../data/accounts/permissions.ts';
import { ROLE_NAME, ROLES, scopePrefix } from '../data/accounts/role.ts';
import { createInvites } from '../data/accounts/sign-in.ts';
import { detectFormat } from '../data/import/detect-format.ts';
import { IssueLog } from '../data/import/issues.ts';
import { sheetGrids } from '../data/import/sheet-grids.ts';
import { buildAccountsView, CONSOLE_FIELDS as F, type AccountImportView } from '../site/lib/console-view.ts';
import { CONSOLE_PATHS, consoleInviteHref } from '../site/lib/urls.ts';
import { consoleCommon, formOf, uploadForm, type ConsoleContext } from './console-common.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import type { TokenAdmin } from '../data/store/token-admin.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';

/**
 * Account administration in the console (issue 13, point 1): an administrator sees the accounts
 * of their scope, imports the account list villages and townships keep (a dry run first, errors by
 * row and column; the accounts all made or none), and resets a password — each new or reset
 * account gets a one-time invitation link, shown once to the administrator to send on — and
 * makes, lists and revokes the tokens of machine clients below it.
 */
export function consoleAccountRoutes(deps: ConsoleContext & { store: ConsoleContext['store'] & SignInLog & TokenAdmin }): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);

  const admin = async (c: Context): Promise<Account | Response> => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    if (!me.account.admin) return common.html(c, await page(c, me.account, { result: { dryRun: false, summary: null, errors: ['只有管理员可以管理账号。'], warnings: [], created: null } }), 403);
    return me.account;
  };

  const page = async (
    c: Context,
    me: Account,
    extra: { result?: AccountImportView; invites?: Array<{ account: Account; link: string }>; newToken?: { name: string; value: string } } = {},
  ) => {
    const { site, byCode } = await common.loadRegion();
    const [accounts, tokens] = await Promise.all([deps.store.listAccounts(scopePrefix(me.scope)), deps.store.listTokens(scopePrefix(me.scope))]);
    return buildAccountsView({ site, csrf: common.csrf(c), admin: me, accounts, divisions: byCode, tokens, now: deps.clock().toISOString(), ...extra });
  };
  const link = (secret: string) => `${deps.config.baseUrl.replace(/\/$/, '')}${consoleInviteHref(secret)}`;

  routes.get('/console/accounts', (c) => c.redirect(CONSOLE_PATHS.accounts, 301));
  routes.get(CONSOLE_PATHS.accounts, async (c) => {
    const me = await admin(c);
    if (me instanceof Response) return me;
    return common.html(c, await page(c, me));
  });

  routes.post(
    CONSOLE_PATHS.importAccounts,
    bodyLimit({ maxSize: ACCOUNT_LIST_LIMIT + 64 * 1024, onError: (c) => c.text('名册文件太大 / the list is too large', 413) }),
    async (c) => {
      const me = await admin(c);
      if (me instanceof Response) return me;
      const posted = await uploadForm(c, siteOrigins);
      if (!posted.ok) return common.html(c, await page(c, me, { result: failed([posted.problem]) }), posted.status);
      const form = posted.form;
      const file = form.get(F.file);
      if (!(file instanceof File) || file.size === 0) return common.html(c, await page(c, me, { result: failed(['请选择名册文件。']) }), 400);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const dryRun = form.get(F.dryRun) === '1';
      const detected = detectFormat(bytes, file.type, file.name);
      if (detected.kind !== 'ok' || detected.format === 'json') return common.html(c, await page(c, me, { result: failed([detected.kind === 'ok' ? '请上传 Excel 或 CSV 名册。' : detected.message]) }), 422);
      const log = new IssueLog();
      const grids = await sheetGrids(bytes, detected.format, log, { zh: '账号名册', en: 'account list' });
      const read = grids === null ? { ok: false as const, errors: log.errors, warnings: log.warnings } : readAccountList(grids, { adminScope: me.scope });
      if (!read.ok) return common.html(c, await page(c, me, { result: { dryRun, summary: null, errors: read.errors.map(issueLine), warnings: read.warnings.map(issueLine), created: null } }), 422);
      const summary = `共 ${read.summary.total} 人：${ROLES.filter((r) => read.summary.byRole[r] > 0).map((r) => `${ROLE_NAME[r]} ${read.summary.byRole[r]} 人`).join('，')}`;
      const warnings = read.warnings.map(issueLine);
      if (dryRun) return common.html(c, await page(c, me, { result: { dryRun, summary, errors: [], warnings, created: null } }));
      const drafts = read.accounts.map(({ row: _row, ...a }) => ({ ...a, admin: false }));
      const refused = drafts.filter((d) => !mayAdminister(me, d));
      if (refused.length > 0) return common.html(c, await page(c, me, { result: failed(refused.map((d) => `${d.name}（${d.scope}）不在您管理的范围内`)) }), 403);
      const now = deps.clock();
      const made = await deps.store.createAccounts(drafts, { at: now.toISOString(), by: me.id });
      if (made.kind === 'mobile-taken') {
        const rows = read.accounts.filter((a) => made.mobiles.includes(a.mobile)).map((a) => `第${a.row}行：${a.name} 的手机号已有账号，一个手机号只能开一个账号`);
        return common.html(c, await page(c, me, { result: { dryRun, summary, errors: rows, warnings, created: null } }), 422);
      }
      const secrets = await createInvites(deps.store, made.accounts.map((a) => a.id), me.id, now);
      await deps.store.recordEvent({ accountId: me.id, at: now.toISOString(), type: 'accounts-imported', detail: `${made.accounts.length} 个账号` });
      return common.html(c, await page(c, me, { result: { dryRun, summary, errors: [], warnings, created: made.accounts.length }, invites: made.accounts.map((a, i) => ({ account: a, link: link(secrets[i]!) })) }), 200);
    },
  );

  /** A post on an account: an administrator, the CSRF field, and an account below them (another scope's reads as none at all). */
  const onAccount = async (c: Context): Promise<Response | { me: Account; target: Account }> => {
    const me = await admin(c);
    if (me instanceof Response) return me;
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return common.html(c, await page(c, me, { result: failed(['页面已过期，请重新提交。']) }), 403);
    const target = await deps.store.getAccount(c.req.param('id') ?? '');
    if (!target || target.id === me.id || !mayAdminister(me, target)) return common.html(c, await page(c, me, { result: failed(['没有这个账号，或它不在您管理的范围内。']) }), 404);
    return { me, target };
  };

  // Someone leaves office: the account stops working at once, its sessions with it; a reset brings it back.
  routes.post('/console/accounts/:id/disable', async (c) => {
    const found = await onAccount(c);
    if (found instanceof Response) return found;
    const { me, target } = found;
    const now = deps.clock().toISOString();
    await deps.store.setAccountStatus(target.id, 'disabled');
    await deps.store.revokeSessions(target.id, now);
    await deps.store.recordEvent({ accountId: target.id, at: now, type: 'disabled', detail: `由 ${me.office} ${me.name} 停用` });
    return c.redirect(CONSOLE_PATHS.accounts, 303);
  });

  routes.post('/console/accounts/:id/reset', async (c) => {
    const found = await onAccount(c);
    if (found instanceof Response) return found;
    const { me, target } = found;
    const now = deps.clock();
    // the old password stops working at once; the person sets a new one (and authenticator) by the link
    await deps.store.setAccountStatus(target.id, 'invited');
    await deps.store.setTotpSecret(target.id, null);
    await deps.store.revokeSessions(target.id, now.toISOString());
    const [secret] = await createInvites(deps.store, [target.id], me.id, now);
    await deps.store.recordEvent({ accountId: target.id, at: now.toISOString(), type: 'reset', detail: `由 ${me.office} ${me.name} 重置` });
    return common.html(c, await page(c, me, { result: { dryRun: false, summary: `已重置 ${target.name} 的密码`, errors: [], warnings: [], created: null }, invites: [{ account: target, link: link(secret!) }] }));
  });

  // One account at a time, checked as the list's rows are: the role held at its level, below the administrator.
  routes.post(CONSOLE_PATHS.newAccount, async (c) => {
    const me = await admin(c);
    if (me instanceof Response) return me;
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return common.html(c, await page(c, me, { result: failed(['页面已过期，请重新提交。']) }), 403);
    const field = (name: string) => (form.get(name) ?? '').trim();
    const draft = NewAccount.safeParse({
      name: field(F.name),
      mobile: normaliseMobile(field(F.mobile)),
      office: field(F.office),
      title: field(F.title),
      role: field(F.role),
      department: field(F.department) === '' ? null : field(F.department),
      scope: field(F.scope),
      admin: form.get(F.admin) === '1',
    });
    if (!draft.success) return common.html(c, await page(c, me, { result: failed(draft.error.issues.map((i) => `${FIELD_LABEL[String(i.path[0])] ?? String(i.path[0])}：填写有误`)) }), 422);
    const problems = [
      ...(!roleFits(draft.data.role, draft.data.scope) ? [`${ROLE_NAME[draft.data.role]}不能设在这一级区划（${draft.data.scope}）。`] : []),
      ...(!mayAdminister(me, draft.data) ? ['这个账号不在您管理的范围内（管理员只能开设本级以下的账号）。'] : []),
    ];
    if (problems.length > 0) return common.html(c, await page(c, me, { result: failed(problems) }), 422);
    const now = deps.clock();
    const made = await deps.store.createAccounts([draft.data], { at: now.toISOString(), by: me.id });
    if (made.kind === 'mobile-taken') return common.html(c, await page(c, me, { result: failed(['这个手机号已经有账号了：一个手机号只能开一个账号。']) }), 422);
    const account = made.accounts[0]!;
    const [secret] = await createInvites(deps.store, [account.id], me.id, now);
    await deps.store.recordEvent({ accountId: me.id, at: now.toISOString(), type: 'account-created', detail: `${account.name}（${account.scope}）` });
    return common.html(c, await page(c, me, { result: { dryRun: false, summary: `已开设 ${account.name} 的账号`, errors: [], warnings: [], created: 1 }, invites: [{ account, link: link(secret!) }] }));
  });

  // Tokens for machine clients (a village's bookkeeping software), made for a village or township
  // below the administrator, with an expiry; shown once, revocable.
  routes.post(CONSOLE_PATHS.tokens, async (c) => {
    const me = await admin(c);
    if (me instanceof Response) return me;
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return common.html(c, await page(c, me, { result: failed(['页面已过期，请重新提交。']) }), 403);
    const scope = (form.get(F.tokenScope) ?? '').trim();
    const name = (form.get(F.tokenName) ?? '').trim().slice(0, 60);
    const days = Number(form.get(F.tokenDays) ?? '');
    const { byCode } = await common.loadRegion();
    const division = byCode.get(scope);
    const problems = [
      ...(!division || (division.level !== 'village' && division.level !== 'township') || !mayAdminister(me, { scope, admin: false }) ? ['令牌只能用于您管理范围内的村（12 位）或乡镇（9 位）。'] : []),
      ...(name === '' ? ['请写明令牌的名称。'] : []),
      ...(!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS ? [`有效天数须为 1 到 ${MAX_TOKEN_DAYS} 天。`] : []),
    ];
    if (problems.length > 0) return common.html(c, await page(c, me, { result: failed(problems) }), 422);
    const now = deps.clock();
    const value = generateToken();
    await deps.store.issueToken({ id: newTokenId(), hash: hashToken(value), scope, name, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(), createdBy: me.id });
    await deps.store.recordEvent({ accountId: me.id, at: now.toISOString(), type: 'token-issued', detail: `${name}（${scope}）` });
    return common.html(c, await page(c, me, { newToken: { name, value } }));
  });

  routes.post('/console/tokens/:id/revoke', async (c) => {
    const me = await admin(c);
    if (me instanceof Response) return me;
    const form = await formOf(c);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return common.html(c, await page(c, me, { result: failed(['页面已过期，请重新提交。']) }), 403);
    const id = c.req.param('id');
    const token = (await deps.store.listTokens(scopePrefix(me.scope))).find((t) => t.id === id);
    if (!token || !mayAdminister(me, { scope: token.scope, admin: false })) return common.html(c, await page(c, me, { result: failed(['没有这个令牌，或它不在您管理的范围内。']) }), 404);
    const now = deps.clock().toISOString();
    await deps.store.revokeToken(token.id, now);
    await deps.store.recordEvent({ accountId: me.id, at: now, type: 'token-revoked', detail: `${token.name}（${token.scope}）` });
    return c.redirect(CONSOLE_PATHS.accounts, 303);
  });

  return routes;
}

// ——— private helpers ———

const FIELD_LABEL: Record<string, string> = { name: '姓名', mobile: '手机号', office: '单位', title: '职务', role: '岗位', department: '承办部门', scope: '区划代码' };

/** Tokens are renewed at least every two years, so a forgotten one does not work for ever. */
const MAX_TOKEN_DAYS = 730;

/** A township's list of some hundred people, or a city's 1,272, is well under this. */
const ACCOUNT_LIST_LIMIT = 2 * 1024 * 1024;

function failed(errors: string[]): AccountImportView {
  return { dryRun: false, summary: null, errors, warnings: [], created: null };
}

/** The importer's messages already name the row, column and header. */
function issueLine(issue: { message: string }): string {
  return issue.message;
}
