import { parseArgs } from 'node:util';
import { NewAccount } from '../../data/accounts/account.ts';
import { scopeLevel, scopePrefix, type Role } from '../../data/accounts/role.ts';
import { createInvites } from '../../data/accounts/sign-in.ts';
import type { Config } from '../../data/config.ts';
import type { AccountStore } from '../../data/store/account-store.ts';
import type { SessionStore } from '../../data/store/session-store.ts';
import type { Store } from '../../data/store/store.ts';
import { consoleInviteHref } from '../../site/lib/urls.ts';

/**
 * `npm run portal -- account create-admin`: the first administrator of a fresh install (issue 13).
 * It writes one account and its invitation (rows the server's writes serialise with, like a
 * token), so it runs beside the portal, and prints the one-time link that sets the password
 * (and, at county and city level, the authenticator). Returns the exit code: 0 made, 2 refused,
 * 64 wrong arguments.
 */
export const ACCOUNT_USAGE = `  npm run portal -- account create-admin --scope <city, county or township code> --name <姓名> --mobile <手机号> [--office <单位>]`;

type Print = (line: string) => void;

export async function accountCommand(
  args: string[],
  cfg: Config,
  store: AccountStore & SessionStore & Pick<Store, 'getDivision'>,
  now: Date,
  out: Print,
  err: Print,
): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { scope: { type: 'string' }, name: { type: 'string' }, mobile: { type: 'string' }, office: { type: 'string' } }, allowPositionals: true });
  if (positionals[0] !== 'create-admin' || !values.scope || !values.name || !values.mobile) {
    err(`用法 / usage:\n${ACCOUNT_USAGE}`);
    return 64;
  }
  const scope = values.scope;
  const level = scopeLevel(scope);
  const role: Role | null = level === 'city' ? 'city' : level === 'county' ? 'county-discipline' : level === 'township' ? 'township-discipline' : null;
  if (role === null) {
    err(`--scope 应为市（430800）、县（6 位）或乡镇（9 位）代码；村的账号由乡镇或县的管理员开设 / --scope must be a city, county or township code: ${scope}`);
    return 64;
  }
  // the city is 4308 among the divisions, as the region's code; 430800 as people write it
  const division = (await store.getDivision(scope)) ?? (level === 'city' ? await store.getDivision(scopePrefix(scope)) : null);
  if (!division) {
    err(`本门户区域内没有代码 ${scope} / no division ${scope} in this portal's region (${cfg.region})`);
    return 2;
  }
  const draft = NewAccount.safeParse({
    name: values.name,
    mobile: values.mobile.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, ''),
    office: values.office ?? division.name,
    title: '管理员',
    role,
    department: null,
    scope,
    admin: true,
  });
  if (!draft.success) {
    err(`账号信息不对 / invalid account: ${draft.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 64;
  }
  const made = await store.createAccounts([draft.data], { at: now.toISOString(), by: null });
  if (made.kind === 'mobile-taken') {
    err(`手机号已被另一个账号使用 / that mobile already has an account`);
    return 2;
  }
  const account = made.accounts[0]!;
  const [secret] = await createInvites(store, [account.id], null, now);
  out(`已为 ${division.name}（${scope}）开设管理员账号：${account.name}。请在 3 天内打开下面的链接设置密码${role === 'city' || role === 'county-discipline' ? '和身份验证器' : ''}；链接只能用一次，只显示这一次。`);
  out(`Administrator account created for ${scope}. Open this one-time link within 3 days to set the password; it is shown only once.`);
  out(`${cfg.baseUrl.replace(/\/$/, '')}${consoleInviteHref(secret!)}`);
  return 0;
}
