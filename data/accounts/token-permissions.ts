import { covers } from '../region.ts';
import { ACTIONS, type Action, type Decision } from './permissions.ts';
import { scopeLevel, type ScopeLevel } from './role.ts';

/**
 * What a machine client's token may do through the API (issue 13): the second half of the one
 * table. A token carries no role, only a scope, and acts by the level of that scope as tokens
 * always have — a village's publishes and explains; a township's or wider one also does the
 * staff's work the console gives officials and publishes its own region's summary tables; a county's or wider one also sets thresholds, the
 * rules of 识别, and publishes power lists. Every API route asks `tokenAllows`, as every console route asks `allows`.
 */
export type TokenLevel = 'village' | 'township' | 'wider';

const PUBLISH: readonly Action[] = ['publish-finance', 'publish-subsidy', 'publish-project', 'publish-contract', 'record-decisions'];
const STAFF: readonly Action[] = [
  'review-flag',
  'run-flags',
  'read-complaints',
  'dispatch-complaint',
  'record-complaint',
  'merge-complaints',
  'answer-complaint',
  'close-complaint',
  'read-complainant-contact',
  'open-round',
  'act-round',
  'read-privacy-findings',
  'read-dashboards',
];

export const TOKEN_ACTIONS: Record<TokenLevel, readonly Action[]> = {
  village: [...PUBLISH, 'explain-flag', 'submit-rectification'],
  township: [...PUBLISH, ...STAFF, 'publish-summary'],
  wider: [...PUBLISH, ...STAFF, 'publish-summary', 'set-settings', 'publish-catalogue', 'set-classify-rules'],
};

export function tokenLevel(scope: string): TokenLevel {
  return scope.length === 12 ? 'village' : scope.length === 9 ? 'township' : 'wider';
}

/** The same three questions as `allows`: the action at the token's level, the target in its scope, the target's level. */
export function tokenAllows(token: { scope: string }, action: Action, target: string): Decision {
  if (!TOKEN_ACTIONS[tokenLevel(token.scope)].includes(action)) return { ok: false, reason: 'role' };
  if (!covers(token.scope, target)) return { ok: false, reason: 'scope' };
  const on = ACTIONS[action].on as readonly ScopeLevel[] | null;
  const level = scopeLevel(target);
  if (on !== null && (level === null || !on.includes(level))) return { ok: false, reason: 'level' };
  return { ok: true };
}

/** Whether the token may publish anything at all for the village (the upload route asks before reading the body, and again for the kind). */
export function tokenPublishes(token: { scope: string }, village: string): Decision {
  const decisions = (['publish-finance', 'publish-subsidy', 'publish-project', 'publish-contract'] as const).map((a) => tokenAllows(token, a, village));
  return decisions.find((d) => d.ok) ?? decisions[0]!;
}
