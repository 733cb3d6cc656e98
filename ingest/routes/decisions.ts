import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DecisionMatter } from '../../data/decisions/decision-matter.ts';
import type { MatterJudgement } from '../../data/decisions/matter-checks.ts';
import { judgeVillageDecisions, type VillageDecisionsInput } from '../../data/decisions/village-decisions.ts';
import type { Division } from '../../data/region.ts';
import type { AppDeps } from '../app.ts';
import { findVillage, villageWriter } from '../auth.ts';
import { success } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { recordRegister, villageSetting } from '../record-register.ts';
import { filenameFromDisposition } from '../upload.ts';

/**
 * 四议两公开 matters (issue 11): a village uploads its 登记表 (XLSX or CSV, or the records as JSON) as its accountant
 * uploads a ledger — who you are (401), the village (404), may you (403), the size (413), the
 * file type (415), its content (422) — and `?dryRun=1` shows what would be recorded and what the
 * checks find without recording anything. Recording appends only what is new (decision-store.ts);
 * every matter is served with its entries (each a log leaf) and the checks' outcomes.
 *
 * Matters are judged as the village's pages judge them (data/decisions/village-decisions.ts),
 * against the power list the village inherits (routes/power-catalogues.ts).
 */
export function decisionRoutes(deps: AppDeps): Hono<WriterEnv> {
  const routes = new Hono<WriterEnv>();

  routes.post(
    '/villages/:code/decisions',
    async (c, next) => {
      const writer = await villageWriter(deps.store, c.req.header('authorization'), c.req.param('code'), 'record-decisions');
      if (!writer.ok) return respond(c, writer.failure);
      c.set('village', writer.village);
      await next();
    },
    bodyLimit({ maxSize: DECISION_REGISTER_LIMIT_BYTES, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: DECISION_REGISTER_LIMIT_BYTES }) }),
    async (c) => {
      const found = { village: c.get('village') };
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.byteLength > DECISION_REGISTER_LIMIT_BYTES) return respond(c, { kind: 'payload-too-large', limitBytes: DECISION_REGISTER_LIMIT_BYTES });
      const filename = filenameFromDisposition(c.req.header('content-disposition') ?? null);
      const dryRun = c.req.query('dryRun') === '1' || c.req.query('dryRun') === 'true';
      const outcome = await recordRegister(deps, { village: found.village.code, bytes: body, contentType: c.req.header('content-type'), filename, dryRun });
      if (outcome.kind === 'failure') return respond(c, outcome.failure);
      if (outcome.kind === 'preview') return c.json(success({ dryRun: true, matters: outcome.judged.map(previewView), warnings: outcome.warnings }), 200);
      const { matters, added, warnings, setting } = outcome;
      return c.json(success({ added, matters: matterViews(matters, setting), warnings }), 201);
    },
  );

  routes.get('/villages/:code/decisions', async (c) => {
    const found = await findVillage(deps.store, c.req.param('code'));
    if (!found.ok) return respond(c, found.failure);
    const [matters, setting] = await Promise.all([deps.store.listDecisionMatters(found.village.code), villageSetting(deps, found.village.code)]);
    return c.json(success({ village: found.village.code, matters: matterViews(matters, setting) }));
  });

  routes.get('/decisions/:id', async (c) => {
    const id = c.req.param('id');
    const matter = await deps.store.getDecisionMatter(id);
    if (!matter) return respond(c, { kind: 'decision-matter-not-found', id: id.slice(0, 20) });
    return c.json(success({ matter: matterViews([matter], await villageSetting(deps, matter.village))[0] }));
  });

  return routes;
}

type WriterEnv = { Variables: { village: Division } };

/** The largest register accepted: a register of dozens of matters is well under it. */
export const DECISION_REGISTER_LIMIT_BYTES = 1024 * 1024;

// ——— private helpers ———

function previewView(judged: MatterJudgement) {
  return { record: judged.record, checks: judged.checks };
}

/** Matters as served: their entries (what the leaves' digests cover) and the record and checks they add up to. */
function matterViews(matters: readonly DecisionMatter[], setting: Omit<VillageDecisionsInput, 'matters'>) {
  return judgeVillageDecisions({ ...setting, matters }).matters.map(({ matter, judged }) => ({
    id: matter.id,
    village: matter.village,
    subject: matter.subject,
    sample: matter.sample,
    createdAt: matter.createdAt,
    entries: matter.entries,
    record: judged.record,
    checks: judged.checks,
  }));
}
