import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { rectificationEventDigest } from '../../data/log/log-leaf.ts';
import { RECTIFICATION_ROLE, rectificationSchemas, type RoundRecord } from '../../data/rectification/rectification.ts';
import { openRound, rectificationAction, roundVillages } from '../../data/rectification/rectification-workflow.ts';
import { foldRound } from '../../data/rectification/round-fold.ts';
import { remindersFor } from '../../data/rectification/reminders.ts';
import { covers } from '../../data/region.ts';
import { chinaDate } from '../../data/working-days.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { COMPLAINT_BODY_LIMIT, readSmallBody, validationIssues } from '../complaint-body.ts';
import { fieldIssue, success } from '../envelope.ts';
import { respond } from '../http-errors.ts';

/**
 * Inspection rounds and their rectification (巡察整改, issue 12). Everything in a round is public:
 * anyone reads the rounds and every step with its log digest. Inspectors — township, county or
 * wider tokens covering the inspected division — open a round and add problems, tasks, closings
 * (销号), recoveries and rules; whoever answers for a task (the village's own token, or staff)
 * submits its evidence.
 */
export function rectificationRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) });
  const now = () => deps.clock().toISOString();
  const { NewRoundInput, RectificationAction } = rectificationSchemas(deps.config.publicPhones);

  routes.post('/rectification/rounds', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const read = await readSmallBody(c, ['json']);
    if (!read.ok) return respond(c, read.failure);
    const body = read.body.kind === 'json' ? read.body.value : undefined;
    const parsed = NewRoundInput.safeParse(body);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body) });
    const object = await deps.store.getDivision(parsed.data.scope);
    if (!object || !object.code.startsWith(deps.config.region)) return respond(c, { kind: 'division-not-found', code: parsed.data.scope });
    if (!tokenAllows(auth.token, 'open-round', object.code).ok) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'inspector' });
    const round = await deps.store.openRound(openRound(parsed.data, object.name, auth.token.name, now(), false));
    changed(deps, round);
    return c.json(success({ round: roundView(round, now()) }), 201, { Location: `/api/v1/rectification/rounds/${round.id}` });
  });

  routes.get('/rectification/rounds', async (c) => {
    const scope = new URL(c.req.url).searchParams.get('scope')?.trim() || deps.config.region;
    if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(scope)) {
      return respond(c, { kind: 'bad-request', issues: [fieldIssue('scope-invalid', 'scope', 'scope 须为 2、4、6、9 或 12 位区划代码', 'Field "scope" must be a 2, 4, 6, 9 or 12-digit division code')] });
    }
    const at = now();
    const rounds = await deps.store.listRounds(scope);
    return c.json(success({ scope, rounds: rounds.map((r) => summaryView(r, at)) }));
  });

  routes.get('/rectification/rounds/:id', async (c) => {
    const round = await findRound(deps, c.req.param('id'));
    if (!round) return respond(c, { kind: 'round-not-found', id: c.req.param('id').slice(0, 20) });
    return c.json(success({ round: roundView(round, now()) }));
  });

  routes.post('/rectification/rounds/:id/events', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const round = await findRound(deps, c.req.param('id'));
    if (!round) return respond(c, { kind: 'round-not-found', id: c.req.param('id').slice(0, 20) });
    const read = await readSmallBody(c, ['json']);
    if (!read.ok) return respond(c, read.failure);
    const body = read.body.kind === 'json' ? read.body.value : undefined;
    const parsed = RectificationAction.safeParse(body);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body) });
    const action = parsed.data;
    const scope = auth.token.scope;
    // Inspectors may do anything; whoever answers for a task (its village's token) may add its evidence.
    const responsible = RECTIFICATION_ROLE[action.type] === 'responsible' && action.type === 'submit-evidence' ? taskVillage(round, action.task) : null;
    const may = tokenAllows(auth.token, 'act-round', round.scope).ok || (responsible !== null && tokenAllows(auth.token, 'submit-rectification', responsible).ok);
    if (!may) return respond(c, { kind: 'action-forbidden', scope, need: 'inspector' });
    const at = now();
    const updated = await deps.store.updateRound(round.id, (current) => rectificationAction(current, action, auth.token.name, at));
    if (updated.kind === 'not-found') return respond(c, { kind: 'round-not-found', id: round.id });
    if (updated.kind === 'refused') return respond(c, { kind: 'rectification-refused', refusal: updated.failure });
    changed(deps, updated.round);
    return c.json(success({ round: roundView(updated.round, at) }));
  });

  // Staff: the tasks due soon or overdue under a scope — what a reminder (提醒书) or a warning (告诫书) is about.
  routes.get('/rectification/reminders', async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const scope = new URL(c.req.url).searchParams.get('scope')?.trim() || auth.token.scope;
    if (!covers(auth.token.scope, scope)) return respond(c, { kind: 'scope-forbidden', scope: scope.slice(0, 20), tokenScope: auth.token.scope });
    const today = chinaDate(now());
    const rounds = (await deps.store.listRounds(scope)).map((r) => ({ record: r, state: foldRound(r, today) }));
    const reminders = remindersFor(rounds.map((r) => r.state)).filter((r) => r.village === null || covers(scope, r.village) || covers(r.village, scope));
    return c.json(success({ scope, today, reminders }), 200, { 'Cache-Control': 'no-store' });
  });

  return routes;
}

// ——— private helpers ———


async function findRound(deps: AppDeps, id: string): Promise<RoundRecord | null> {
  return /^[1-9]\d{0,11}$/.test(id) ? deps.store.getRound(id) : null;
}

/** The village a task is for: its own, else its problem's (as round-fold.ts reads it). */
function taskVillage(round: RoundRecord, task: string): string | null {
  const added = round.events.find((e) => e.type === 'task-added' && e.task === task);
  if (!added || added.type !== 'task-added') return null;
  if (added.village) return added.village;
  const problem = round.events.find((e) => e.type === 'problem-added' && e.problem === added.problem);
  return problem?.type === 'problem-added' ? problem.village : null;
}

function changed(deps: AppDeps, round: RoundRecord): void {
  try {
    deps.afterRectification?.(round.id, roundVillages(round));
  } catch (error) {
    console.error('[ingest] afterRectification failed:', error);
  }
}

/** A round as the API serves it: its folded state and every step with the digest its log leaf carries. */
export function roundView(round: RoundRecord, now: string) {
  return {
    id: round.id,
    scope: round.scope,
    sample: round.sample,
    openedAt: round.openedAt,
    updatedAt: round.updatedAt,
    state: foldRound(round, chinaDate(now)),
    events: round.events.map((e) => ({ ...e, sha256: rectificationEventDigest(round, e) })),
  };
}

function summaryView(round: RoundRecord, now: string) {
  const state = foldRound(round, chinaDate(now));
  return { id: round.id, scope: round.scope, sample: round.sample, openedAt: round.openedAt, updatedAt: round.updatedAt, title: state.title, counts: state.counts, closed: state.closed };
}
