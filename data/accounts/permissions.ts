import type { PublicationKind } from '../publication.ts';
import { covers } from '../region.ts';
import { ROLE_LEVEL, ROLES, scopeLevel, scopePrefix, type Role, type ScopeLevel } from './role.ts';

/**
 * What each role may do (issue 13): the one table. A route names the action it performs and the
 * division it acts on, and asks `allows`; nothing else decides who may do what. An action on a
 * division is allowed when the role is listed for it and the division lies within the holder's
 * scope, and — for actions that only make sense at one level (publishing is a village's) — the
 * division is at that level.
 */
export const ACTIONS = {
  'publish-finance': { roles: ['village-accountant', 'township-finance'], on: ['village'], name: '公开财务收支和补贴发放' },
  'publish-subsidy': { roles: ['village-accountant', 'township-finance'], on: ['village'], name: '公开补贴发放名册' },
  'publish-project': { roles: ['village-secretary'], on: ['village'], name: '公开工程项目' },
  'publish-contract': { roles: ['village-secretary', 'township-finance'], on: ['village'], name: '公开合同台账' },
  'record-decisions': { roles: ['village-secretary'], on: ['village'], name: '登记四议两公开' },
  'explain-flag': { roles: ['village-secretary', 'village-accountant'], on: ['village'], name: '说明预警' },
  'comment-flag': { roles: ['supervision-chair'], on: ['village'], name: '村务监督委员会意见' },
  'review-flag': { roles: ['township-discipline', 'county-discipline'], on: null, name: '审核预警' },
  'run-flags': { roles: ['township-discipline', 'county-discipline'], on: null, name: '重新核查预警' },
  'read-complaints': {
    roles: ['supervision-chair', 'township-discipline', 'township-finance', 'department-staff', 'county-discipline', 'county-bureau', 'city'],
    on: null,
    name: '查看投诉',
  },
  'dispatch-complaint': { roles: ['township-discipline', 'county-discipline'], on: null, name: '派发投诉' },
  // issue 17: what reaches the office by WeChat group, phone, letter, visit, 12345 or inspection is
  // recorded by those who dispatch, and duplicates merged by them
  'record-complaint': { roles: ['township-discipline', 'county-discipline'], on: null, name: '登记群众反映' },
  'merge-complaints': { roles: ['township-discipline', 'county-discipline'], on: null, name: '合并重复反映' },
  // a county's own keywords for 识别 (category, office, 小微权力 item): set where the county decides
  'set-classify-rules': { roles: ['county-discipline', 'city'], on: ['county'], name: '设置分类派发规则' },
  'answer-complaint': { roles: ['township-discipline', 'township-finance', 'department-staff', 'county-discipline', 'county-bureau'], on: null, name: '答复投诉' },
  'close-complaint': { roles: ['township-discipline', 'county-discipline'], on: null, name: '办结投诉' },
  'read-complainant-contact': { roles: ['township-discipline', 'county-discipline'], on: null, name: '查看投诉人联系方式' },
  'open-round': { roles: ['county-discipline', 'city'], on: null, name: '开展巡察整改' },
  'submit-rectification': { roles: ['village-secretary'], on: ['village'], name: '提交整改材料' },
  'act-round': { roles: ['county-discipline', 'city'], on: null, name: '督办整改' },
  'set-settings': { roles: ['county-discipline', 'city'], on: null, name: '设置预警和核对标准' },
  'publish-catalogue': { roles: ['county-discipline', 'county-bureau', 'city'], on: null, name: '发布小微权力清单' },
  // issue 15: a township's, county's or city's own summary table (补贴资金汇总表), published for its region by its finance staff
  'publish-summary': { roles: ['township-finance', 'county-bureau', 'city'], on: ['township', 'county', 'city'], name: '公开乡镇县市汇总表' },
  'read-privacy-findings': { roles: ['township-discipline', 'county-discipline', 'city'], on: null, name: '查看隐私核查结果' },
  'read-dashboards': {
    roles: ['supervision-chair', 'township-discipline', 'township-finance', 'department-staff', 'county-discipline', 'county-bureau', 'city'],
    on: null,
    name: '查看统计',
  },
} as const satisfies Record<string, { roles: readonly Role[]; on: readonly ScopeLevel[] | null; name: string }>;

export type Action = keyof typeof ACTIONS;

/** The action that publishes each kind of file. */
export const PUBLISH_ACTION: Record<PublicationKind, Action> = {
  finance: 'publish-finance',
  subsidy: 'publish-subsidy',
  project: 'publish-project',
  contract: 'publish-contract',
  // 收支对照表 and 收益分配表 are the finance staff's, as the ledgers are
  statement: 'publish-finance',
};
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

/** Who acts: an official's account or a machine client's token, each holding a role at a scope. */
export interface Principal {
  role: Role;
  /** a division code; a city's may be written 430800 or 4308 */
  scope: string;
  /** an administrator of their scope: creates the accounts and tokens below it */
  admin: boolean;
}

export type Decision = { ok: true } | { ok: false; reason: 'role' | 'scope' | 'level' };

export function allows(who: Principal, action: Action, target: string): Decision {
  const rule = ACTIONS[action];
  if (!(rule.roles as readonly Role[]).includes(who.role)) return { ok: false, reason: 'role' };
  if (!covers(scopePrefix(who.scope), scopePrefix(target))) return { ok: false, reason: 'scope' };
  const level = scopeLevel(target);
  if (rule.on !== null && (level === null || !(rule.on as readonly ScopeLevel[]).includes(level))) return { ok: false, reason: 'level' };
  return { ok: true };
}

/**
 * An administrator creates and resets accounts strictly below their own scope (a county's for its
 * townships and villages, and its own bureaus at the same scope), never a wider one, and never an
 * administrator of their own scope: the one above does that.
 */
export function mayAdminister(who: Principal, account: { scope: string; admin: boolean }): boolean {
  if (!who.admin) return false;
  const mine = scopePrefix(who.scope);
  const theirs = scopePrefix(account.scope);
  if (!covers(mine, theirs)) return false;
  if (account.admin && mine === theirs) return false;
  return true;
}

/** Whether a role may be held at a scope (a village accountant at a village …). */
export function roleFits(role: Role, scope: string): boolean {
  const level = scopeLevel(scope);
  return level !== null && ROLE_LEVEL[role].includes(level);
}

export { ROLES };
