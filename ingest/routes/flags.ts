import type { Action } from '../../data/accounts/permissions.ts';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { Hono } from 'hono';
import type { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { FlagRuleId } from '../../data/flags/finding.ts';
import { ACTION_ROLE, FlagFilterStatus, flagActionSchema } from '../../data/flags/flag.ts';
import { flagAction } from '../../data/flags/flag-workflow.ts';
import { ALL_RULES } from '../../data/flags/rules/index.ts';
import { isPublic, publicFlag } from '../../data/flags/public-flag.ts';
import { covers } from '../../data/region.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { COMPLAINT_BODY_LIMIT, readSmallBody, validationIssues } from '../complaint-body.ts';
import { fieldIssue, success, type ApiIssue } from '../envelope.ts';
import { respond, type Failure } from '../http-errors.ts';

/**
 * Red flags over HTTP (issue 12). Anyone reads the flags that are public; the village itself sees
 * its own at once (to explain them before villagers do), and township and county reviewers see
 * everything under their scope. The village explains (its own 12-digit token); reviewers confirm,
 * dismiss or resolve, always with a reason. Staff may also run the rules now for a division.
 */
export function flagRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) });
  const now = () => deps.clock().toISOString();
  const FlagAction = flagActionSchema(deps.config.publicPhones);

  routes.get('/flag-rules', (c) =>
    c.json(success({ rules: ALL_RULES.map((r) => ({ id: r.id, name: r.name, explanation: r.explanation, source: r.source, timeBased: r.timeBased, defaults: r.settings.parse({}) })) })),
  );

  routes.get('/flags', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const query = readQuery(params, deps.config.region);
    if (!query.ok) return respond(c, query.failure);
    const viewer = await optionalToken(deps, c.req.header('authorization'));
    if (!viewer.ok) return respond(c, viewer.failure);
    const at = now();
    // Reviewers see everything under their scope; the village sees its own; everyone else what is public.
    const sees = viewer.scope !== null && covers(viewer.scope, query.scope) && (viewer.scope.length < 12 || viewer.scope === query.scope);
    const flags = await deps.store.listFlags({ scope: query.scope, status: query.status, rule: query.rule, limit: query.limit, ...(sees ? {} : { publicAt: at }) });
    return c.json(success({ scope: query.scope, capped: flags.length >= query.limit, flags: flags.map((f) => publicFlag(f, at)) }), 200, NO_STORE);
  });

  routes.get('/flags/:id', async (c) => {
    const id = c.req.param('id');
    const flag = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getFlag(id) : null;
    const at = now();
    if (flag && !isPublic(flag, at)) {
      // Not yet public: only those who may see it early learn that it exists.
      const viewer = await optionalToken(deps, c.req.header('authorization'));
      const sees = viewer.ok && viewer.scope !== null && covers(viewer.scope, flag.village);
      if (!sees) return respond(c, { kind: 'flag-not-found', id: id.slice(0, 20) });
    }
    if (!flag) return respond(c, { kind: 'flag-not-found', id: id.slice(0, 20) });
    return c.json(success({ flag: publicFlag(flag, at) }), 200, NO_STORE);
  });

  routes.post('/flags/:id/events', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const id = c.req.param('id');
    const flag = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getFlag(id) : null;
    if (!flag || !covers(auth.token.scope, flag.village)) return respond(c, { kind: 'flag-not-found', id: id.slice(0, 20) });
    const read = await readSmallBody(c, ['json']);
    if (!read.ok) return respond(c, read.failure);
    const body = read.body.kind === 'json' ? read.body.value : undefined;
    const parsed = FlagAction.safeParse(body);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body) });
    const role = ACTION_ROLE[parsed.data.type];
    const scope = auth.token.scope;
    if (!tokenAllows(auth.token, FLAG_ACTION[parsed.data.type], flag.village).ok) return respond(c, { kind: 'action-forbidden', scope, need: role });
    const at = now();
    const updated = await deps.store.updateFlag(flag.id, (current) => flagAction(current, parsed.data, auth.token.name, at));
    if (updated.kind === 'not-found') return respond(c, { kind: 'flag-not-found', id: flag.id });
    if (updated.kind === 'invalid-transition') return respond(c, { kind: 'invalid-flag-transition', from: updated.from, action: updated.action });
    flagsChanged(deps, [updated.flag.village]);
    return c.json(success({ flag: publicFlag(updated.flag, at) }), 200, NO_STORE);
  });

  // Staff: run every rule now for a village, a township or a county (the nightly job does this too).
  routes.post('/flags/run', async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const scope = new URL(c.req.url).searchParams.get('scope')?.trim() || auth.token.scope;
    if (!/^(\d{6}|\d{9}|\d{12})$/.test(scope)) {
      return respond(c, { kind: 'bad-request', issues: [fieldIssue('scope-invalid', 'scope', 'scope 须为 6、9 或 12 位区划代码', 'Field "scope" must be a 6, 9 or 12-digit division code')] });
    }
    if (!tokenAllows(auth.token, 'run-flags', scope).ok) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'reviewer' });
    if (!deps.flagRunner) return respond(c, { kind: 'route-not-found', method: 'POST', path: c.req.path });
    const villages = (await deps.store.listDivisions(scope)).filter((d) => d.level === 'village');
    if (villages.length === 0) return respond(c, { kind: 'division-not-found', code: scope });
    let raised = 0;
    let changed = 0;
    const touched: string[] = [];
    for (const v of villages) {
      const run = await deps.flagRunner.runVillage(v.code, 'manual');
      if (!run) continue;
      raised += run.result.raised.length;
      changed += run.result.changed.length;
      if (run.result.raised.length + run.result.changed.length > 0) touched.push(v.code);
    }
    flagsChanged(deps, touched);
    return c.json(success({ scope, villages: villages.length, raised, changed }), 200, NO_STORE);
  });

  return routes;
}

// ——— private helpers ———

/** Each flag action as an action of the table; a comment is the supervision committee's, never a token's. */
const FLAG_ACTION: Record<'explain' | 'comment' | 'confirm' | 'dismiss' | 'resolve', Action> = { explain: 'explain-flag', comment: 'comment-flag', confirm: 'review-flag', dismiss: 'review-flag', resolve: 'review-flag' };

const NO_STORE = { 'Cache-Control': 'no-store' };
const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

function flagsChanged(deps: AppDeps, villages: string[]): void {
  if (villages.length === 0) return;
  try {
    deps.afterFlags?.(villages);
  } catch (error) {
    console.error('[ingest] afterFlags failed:', error);
  }
}

type Viewer = { ok: true; scope: string | null } | { ok: false; failure: Failure };

/** A token is optional here; a wrong one is still refused rather than silently ignored. */
async function optionalToken(deps: AppDeps, authorization: string | undefined): Promise<Viewer> {
  if (authorization === undefined || authorization.trim() === '') return { ok: true, scope: null };
  const auth = await authenticate(deps.store, authorization);
  return auth.ok ? { ok: true, scope: auth.token.scope } : auth;
}

interface FlagQuery {
  scope: string;
  status?: z.infer<typeof FlagFilterStatus>;
  rule?: FlagRuleId;
  limit: number;
}

function readQuery(params: URLSearchParams, region: string): { ok: true } & FlagQuery | { ok: false; failure: Failure } {
  const issues: ApiIssue[] = [];
  const get = (name: string) => params.get(name)?.trim() || undefined;
  const scope = get('scope') ?? region;
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(scope)) issues.push(fieldIssue('scope-invalid', 'scope', 'scope 须为 2、4、6、9 或 12 位区划代码', 'Field "scope" must be a 2, 4, 6, 9 or 12-digit division code'));
  const statusText = get('status');
  const status = statusText === undefined ? undefined : FlagFilterStatus.safeParse(statusText);
  if (status && !status.success) issues.push(fieldIssue('status-invalid', 'status', 'status 须为 active、open、explained、confirmed、dismissed 或 resolved', 'Field "status" must be active, open, explained, confirmed, dismissed or resolved'));
  const ruleText = get('rule');
  const rule = ruleText === undefined ? undefined : FlagRuleId.safeParse(ruleText);
  if (rule && !rule.success) issues.push(fieldIssue('rule-invalid', 'rule', `rule 须为 ${FlagRuleId.options.join('、')} 之一`, `Field "rule" must be one of ${FlagRuleId.options.join(', ')}`));
  const limitText = get('limit') ?? String(DEFAULT_LIMIT);
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : 0;
  if (limit < 1 || limit > MAX_LIMIT) issues.push(fieldIssue('limit-invalid', 'limit', `limit 须为 1 到 ${MAX_LIMIT} 的整数`, `Field "limit" must be a whole number from 1 to ${MAX_LIMIT}`));
  if (issues.length > 0) return { ok: false, failure: { kind: 'bad-request', issues } };
  return { ok: true, scope, status: status?.success ? status.data : undefined, rule: rule?.success ? rule.data : undefined, limit };
}
