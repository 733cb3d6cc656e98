import { maskedMobile, type Account } from '../../data/accounts/account.ts';
import { ACTIONS, allows } from '../../data/accounts/permissions.ts';
import { ROLE_NAME, ROLES, scopePrefix } from '../../data/accounts/role.ts';
import type { TodoItem } from '../../data/accounts/todo.ts';
import type { Session } from '../../data/store/session-store.ts';
import type { TokenRecord } from '../../data/store/store.ts';
import type { Division } from '../../data/region.ts';
import { chinaDateTime } from './format.ts';
import type { PageBase, QrPath, SiteInfo } from './page-model.ts';
import { qrPath } from './track-qr.ts';
import { CONSOLE_PATHS, consoleDisableHref, consoleInviteHref, consoleItemHref, consoleResetHref, consoleRevokeTokenHref, consoleTaskHref, decisionHref, villageHref } from './urls.ts';

/**
 * The officials' console (/console/, issue 13), rendered per request by ingest/console-pages.ts:
 * the sign-in form, the invitation form (first password, and the authenticator for the roles that
 * must have one), and the home screen — who I am, 待办, my sessions. Plain forms: they work with
 * JavaScript off, each with its CSRF field.
 */

/** The console's form fields: the only place their names are written. */
export const CONSOLE_FIELDS = {
  mobile: 'mobile',
  password: 'password',
  passwordAgain: 'password2',
  totp: 'totp',
  totpSecret: 'totp_secret',
  session: 'session',
  file: 'file',
  dryRun: 'dry_run',
  tokenScope: 'token_scope',
  tokenName: 'token_name',
  tokenDays: 'token_days',
  name: 'name',
  office: 'office',
  title: 'title',
  role: 'role',
  scope: 'scope',
  department: 'department',
  admin: 'admin',
} as const;

export interface ConsolePage extends PageBase {
  kind: 'console';
  csrf: { name: string; value: string };
  screen: ConsoleScreen;
}

export type ConsoleScreen =
  | { kind: 'sign-in'; action: string; mobile: string; askTotp: boolean; message: string | null }
  | {
      kind: 'invite';
      action: string;
      who: { name: string; office: string; roleName: string };
      /** the authenticator to add, for roles that must sign in with one */
      totp: { secret: string; qr: QrPath; uri: string } | null;
      problems: string[];
    }
  | { kind: 'invite-invalid' }
  | { kind: 'totp-setup'; action: string; totp: { secret: string; qr: QrPath; uri: string }; problems: string[]; back: string }
  | {
      kind: 'home';
      me: { name: string; office: string; roleName: string; scopeName: string; admin: boolean; totp: boolean };
      todo: TodoView[];
      /** 待办 is paged: 共 120 件，第 1 / 3 页 */
      todoCount: number;
      todoPages: { label: string; prev: string | null; next: string | null };
      sessions: Array<{ started: string; address: string; device: string; current: boolean }>;
      signOut: string;
      signOutEverywhere: string;
      /** administrators: the accounts of their scope */
      accountsHref: string | null;
      /** those who publish for a village */
      uploadHref: string | null;
      /** those who publish a township's, county's or city's summary table */
      summaryUploadHref: string | null;
      publicationsHref: string;
      decisionsHref: string;
      /** those who read complaints */
      complaintsHref: string | null;
      /** those who open and oversee inspection rounds */
      roundsHref: string | null;
      /** where to add an authenticator, when the account has none */
      totpHref: string | null;
    }
  | {
      kind: 'accounts';
      scopeName: string;
      accounts: Array<{ name: string; office: string; roleName: string; scopeName: string; status: string; mobile: string; reset: string; disable: string | null }>;
      importAction: string;
      result: AccountImportView | null;
      /** links made just now (an import, a reset): shown once, to be sent to each person */
      invites: Array<{ name: string; office: string; mobile: string; link: string }>;
      tokens: Array<{ name: string; scopeName: string; created: string; expires: string; status: string; revoke: string | null }>;
      tokenAction: string;
      /** one account at a time: the roles to choose from */
      newAccount: { action: string; roles: Array<{ value: string; label: string }> };
      /** a token made just now: shown once */
      newToken: { name: string; value: string } | null;
      back: string;
    };

export interface AccountImportView {
  dryRun: boolean;
  /** 共 1272 人：村报账员 253 人 … */
  summary: string | null;
  /** 第5行C列（手机号）：… */
  errors: string[];
  warnings: string[];
  created: number | null;
}

export interface TodoView {
  /** 投诉 12 / 预警 7 */
  what: string;
  label: string;
  title: string;
  villageName: string;
  villageHref: string;
  due: string | null;
  overdue: boolean;
  /** where it is worked on */
  href: string;
}

const base = (site: SiteInfo, title: string): PageBase => ({ site, title, description: '村务公开和小微权力监督的工作台，供村、乡镇、县、市工作人员登录使用。', sample: false });

export function buildSignInView(site: SiteInfo, csrf: ConsolePage['csrf'], state: { mobile?: string; askTotp?: boolean; message?: string | null } = {}): ConsolePage {
  return { ...base(site, '工作台登录'), kind: 'console', csrf, screen: { kind: 'sign-in', action: CONSOLE_PATHS.signIn, mobile: state.mobile ?? '', askTotp: state.askTotp ?? false, message: state.message ?? null } };
}

export function buildInviteView(
  site: SiteInfo,
  csrf: ConsolePage['csrf'],
  input: { secret: string; account: Pick<Account, 'name' | 'office' | 'role'>; totp: { secret: string; uri: string } | null; problems?: string[] },
): ConsolePage {
  return {
    ...base(site, '设置登录密码'),
    kind: 'console',
    csrf,
    screen: {
      kind: 'invite',
      action: consoleInviteHref(input.secret),
      who: { name: input.account.name, office: input.account.office, roleName: ROLE_NAME[input.account.role] },
      totp: input.totp && { ...input.totp, qr: qrPath(input.totp.uri) },
      problems: input.problems ?? [],
    },
  };
}

export function buildTotpSetupView(site: SiteInfo, csrf: ConsolePage['csrf'], totp: { secret: string; uri: string }, problems: string[] = []): ConsolePage {
  return { ...base(site, '启用身份验证器'), kind: 'console', csrf, screen: { kind: 'totp-setup', action: CONSOLE_PATHS.totp, totp: { ...totp, qr: qrPath(totp.uri) }, problems, back: CONSOLE_PATHS.home } };
}

export function buildInviteInvalidView(site: SiteInfo): ConsolePage {
  return { ...base(site, '邀请链接已失效'), kind: 'console', csrf: { name: '', value: '' }, screen: { kind: 'invite-invalid' } };
}

export interface HomeInput {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  account: Account;
  divisions: ReadonlyMap<string, Division>;
  todo: readonly TodoItem[];
  sessions: readonly Session[];
  currentSession: string;
  /** 1-based page of 待办 */
  page?: number;
}

/** How many 待办 items one page shows: a phone screen's worth, a few times over. */
export const TODO_PAGE_SIZE = 40;

export function buildConsoleHomeView(input: HomeInput): ConsolePage {
  const { account, divisions } = input;
  const nameOf = (code: string) => (divisions.get(code) ?? divisions.get(scopePrefix(code)))?.name ?? code;
  return {
    ...base(input.site, '工作台'),
    kind: 'console',
    csrf: input.csrf,
    screen: {
      kind: 'home',
      me: { name: account.name, office: account.office, roleName: ROLE_NAME[account.role], scopeName: nameOf(account.scope), admin: account.admin, totp: account.hasTotp },
      todo: pageOf(input.todo, input.page).map((t) => ({
        what: todoWhat(t),
        label: t.label,
        title: t.title,
        villageName: nameOf(t.village),
        villageHref: villageHref(t.village),
        due: t.due === null ? null : chinaDateTime(t.due),
        overdue: t.overdue,
        href: todoHref(t),
      })),
      todoCount: input.todo.length,
      todoPages: todoPages(input.todo.length, input.page),
      sessions: input.sessions.map((s) => ({
        started: chinaDateTime(s.createdAt),
        address: s.address ?? '未知',
        device: s.userAgent === null ? '未知设备' : deviceName(s.userAgent),
        current: s.hash === input.currentSession,
      })),
      signOut: CONSOLE_PATHS.signOut,
      signOutEverywhere: CONSOLE_PATHS.signOutEverywhere,
      accountsHref: account.admin ? CONSOLE_PATHS.accounts : null,
      uploadHref: publishes(account) ? CONSOLE_PATHS.upload : null,
      // the own division is the widest an account may publish for: none there, none anywhere
      summaryUploadHref: allows(account, 'publish-summary', account.scope).ok ? CONSOLE_PATHS.summaryUpload : null,
      publicationsHref: CONSOLE_PATHS.publications,
      decisionsHref: CONSOLE_PATHS.decisions,
      complaintsHref: (ACTIONS['read-complaints'].roles as readonly string[]).includes(account.role) ? CONSOLE_PATHS.complaints : null,
      roundsHref: (ACTIONS['act-round'].roles as readonly string[]).includes(account.role) ? CONSOLE_PATHS.rounds : null,
      totpHref: account.hasTotp ? null : CONSOLE_PATHS.totp,
    },
  };
}

function pageOf<T>(items: readonly T[], page = 1): T[] {
  const pages = Math.max(1, Math.ceil(items.length / TODO_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  return items.slice((p - 1) * TODO_PAGE_SIZE, p * TODO_PAGE_SIZE);
}

function todoPages(count: number, page = 1): { label: string; prev: string | null; next: string | null } {
  const pages = Math.max(1, Math.ceil(count / TODO_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const href = (n: number) => (n === 1 ? CONSOLE_PATHS.home : `${CONSOLE_PATHS.home}?page=${n}`);
  return { label: `第 ${p} / ${pages} 页`, prev: p > 1 ? href(p - 1) : null, next: p < pages ? href(p + 1) : null };
}

function todoWhat(t: TodoItem): string {
  switch (t.kind) {
    case 'complaint':
      return `投诉 ${t.id}`;
    case 'flag':
      return `预警 ${t.id}`;
    case 'task':
      return `整改 ${t.id}-${t.task ?? ''}`;
    case 'decision':
      return `四议两公开事项 ${t.id}`;
  }
}

/** Complaints, flags and tasks are worked in the console; a matter is read on its public page and recorded at 四议两公开. */
function todoHref(t: TodoItem): string {
  switch (t.kind) {
    case 'complaint':
    case 'flag':
      return consoleItemHref(t.kind, t.id);
    case 'task':
      return consoleTaskHref(t.id, t.task ?? '');
    case 'decision':
      return decisionHref(t.village, t.id);
  }
}

/** Whether the role publishes anything for a village (the table's publish actions). */
function publishes(account: Account): boolean {
  return (['publish-finance', 'publish-subsidy', 'publish-project', 'publish-contract'] as const).some((a) => (ACTIONS[a].roles as readonly string[]).includes(account.role));
}

const STATUS_NAME: Record<Account['status'], string> = { invited: '待设置密码', active: '正常', disabled: '已停用' };

export interface AccountsInput {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  admin: Account;
  accounts: readonly Account[];
  divisions: ReadonlyMap<string, Division>;
  result?: AccountImportView | null;
  invites?: ReadonlyArray<{ account: Pick<Account, 'name' | 'office' | 'mobile'>; link: string }>;
  tokens?: readonly TokenRecord[];
  newToken?: { name: string; value: string } | null;
  now?: string;
}

export function buildAccountsView(input: AccountsInput): ConsolePage {
  const nameOf = (code: string) => (input.divisions.get(code) ?? input.divisions.get(scopePrefix(code)))?.name ?? code;
  return {
    ...base(input.site, '账号管理'),
    kind: 'console',
    csrf: input.csrf,
    screen: {
      kind: 'accounts',
      scopeName: nameOf(input.admin.scope),
      accounts: input.accounts
        .filter((a) => a.id !== input.admin.id)
        .map((a) => ({
          name: a.name,
          office: a.office,
          roleName: `${ROLE_NAME[a.role]}${a.admin ? '（管理员）' : ''}`,
          scopeName: nameOf(a.scope),
          status: STATUS_NAME[a.status],
          mobile: maskedMobile(a.mobile),
          reset: consoleResetHref(a.id),
          disable: a.status === 'disabled' ? null : consoleDisableHref(a.id),
        })),
      importAction: CONSOLE_PATHS.importAccounts,
      result: input.result ?? null,
      invites: (input.invites ?? []).map((i) => ({ name: i.account.name, office: i.account.office, mobile: maskedMobile(i.account.mobile), link: i.link })),
      tokens: (input.tokens ?? []).map((t) => {
        const expired = t.expiresAt != null && input.now !== undefined && t.expiresAt <= input.now;
        return {
          name: t.name,
          scopeName: nameOf(t.scope),
          created: chinaDateTime(t.createdAt),
          expires: t.expiresAt ? chinaDateTime(t.expiresAt) : '长期',
          status: t.revokedAt ? '已撤销' : expired ? '已过期' : '有效',
          revoke: t.revokedAt || expired ? null : consoleRevokeTokenHref(t.id),
        };
      }),
      tokenAction: CONSOLE_PATHS.tokens,
      newAccount: { action: CONSOLE_PATHS.newAccount, roles: ROLES.map((r) => ({ value: r, label: ROLE_NAME[r] })) },
      newToken: input.newToken ?? null,
      back: CONSOLE_PATHS.home,
    },
  };
}

/** A browser's user agent in a few words an official recognises. */
function deviceName(ua: string): string {
  const os = /Android/i.test(ua) ? '安卓手机' : /iPhone|iPad/i.test(ua) ? '苹果手机' : /Windows/i.test(ua) ? 'Windows 电脑' : /Mac OS/i.test(ua) ? '苹果电脑' : '其他设备';
  return /MicroMessenger/i.test(ua) ? `${os}（微信）` : os;
}
