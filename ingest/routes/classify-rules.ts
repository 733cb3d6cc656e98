import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { parseClassifyRules } from '../../data/complaints/classify-rules.ts';
import { DEFAULT_CLASSIFY_RULES } from '../../data/complaints/default-classify-rules.ts';
import type { StoredRuleSet } from '../../data/store/classify-rule-sets.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { readSmallBody } from '../complaint-body.ts';
import { bilingual, success, type ApiIssue } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { rulesReadTarget } from '../classify-rules-source.ts';
import { NO_STORE } from './complaints.ts';

/**
 * A county's own rules for 识别 (issue 17, item 3): the words that suggest a category, an office
 * and a 小微权力 item, with weights (data/complaints/classify-rules.ts). A county or wider token
 * saves a new version; every version is kept; the newest applies to the county's villages from
 * the next 识别 on, in every process (ingest/classify-rules-source.ts). Staff who record
 * complaints may read them. They only suggest — staff confirm every field — so they are working
 * material of the offices, not public record: no log leaf.
 */
export function classifyRulesRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: RULES_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: RULES_BODY_LIMIT }) });

  routes.get('/staff/classification/rules/:county', async (c) => {
    const county = await knownCounty(deps, c);
    if (county instanceof Response) return county;
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    if (!tokenAllows(auth.token, 'record-complaint', rulesReadTarget(auth.token.scope, county)).ok) return respond(c, { kind: 'not-staff', scope: auth.token.scope });
    const current = await deps.store.currentRuleSet(county);
    const versions = await deps.store.listRuleSetVersions(county);
    return c.json(
      success({
        county,
        /** 'default': the county has saved none, and the rules shipped with the portal apply */
        source: current === null ? 'default' : 'county',
        current: current === null ? { version: null, savedBy: null, at: null, rules: DEFAULT_CLASSIFY_RULES } : ruleSetView(current),
        versions,
      }),
      200,
      NO_STORE,
    );
  });

  routes.put('/staff/classification/rules/:county', limitBody, async (c) => {
    const county = await knownCounty(deps, c);
    if (county instanceof Response) return county;
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    if (!tokenAllows(auth.token, 'set-classify-rules', county).ok) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'county' });
    const read = await readSmallBody(c, ['json'], RULES_BODY_LIMIT);
    if (!read.ok) return respond(c, read.failure);
    const parsed = parseClassifyRules(read.body.kind === 'json' ? read.body.value : undefined);
    if (parsed.kind === 'invalid') {
      const issues: ApiIssue[] = parsed.issues.map((i) => ({
        code: 'invalid-rule',
        row: null,
        column: null,
        field: i.path,
        message: bilingual(`规则 ${i.path || '（整份规则）'} 不对：${i.message}`, `Rule ${i.path || '(the document)'} is invalid: ${i.message}`),
      }));
      return respond(c, { kind: 'invalid-classify-rules', issues });
    }
    const saved = await deps.store.saveRuleSet(county, parsed.rules, auth.token.name, deps.clock().toISOString());
    return c.json(success({ county, current: ruleSetView(saved) }), 201, NO_STORE);
  });

  return routes;
}

// ——— private helpers ———

/** 500 rules of a few dozen terms each fit easily; the defaults are about 12 KB. */
const RULES_BODY_LIMIT = 256 * 1024;

async function knownCounty(deps: AppDeps, c: Context): Promise<string | Response> {
  const code = c.req.param('county') ?? '';
  const division = /^\d{6}$/.test(code) ? await deps.store.getDivision(code) : null;
  if (division?.level !== 'county') return respond(c, { kind: 'division-not-found', code: code.slice(0, 20) });
  return code;
}

function ruleSetView(s: StoredRuleSet) {
  return { version: s.version, savedBy: s.savedBy, at: s.at, rules: s.rules };
}
