import type { Context } from 'hono';
import { missRates } from '../../data/complaints/classify.ts';
import { covers } from '../../data/region.ts';
import { MAX_CORRECTIONS_LISTED } from '../../data/store/intake-corrections.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { suggestComplaint } from '../../data/complaints/classify.ts';
import { countyOf } from '../../data/complaints/intake-draft.ts';
import { MAX_COMPLAINT_CHARS } from '../../data/complaints/complaint.ts';
import { staffIntakeSchema, toStaffIntake } from '../../data/complaints/staff-intake.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { COMPLAINT_BODY_LIMIT, readSmallBody, validationIssues } from '../complaint-body.ts';
import { createdComplaintView, staffComplaintView } from '../complaint-views.ts';
import { fieldIssue, success } from '../envelope.ts';
import { respond, type Failure } from '../http-errors.ts';
import { pasteIndexOf } from '../paste-index.ts';
import { classifyRulesSource, countyDraft } from '../classify-rules-source.ts';
import { recordComplaint, townshipDepartment, type IntakeSuggestion } from '../record-complaint.ts';
import { regionCache } from '../region-cache.ts';
import { complaintChanged, NO_STORE } from './complaints.ts';

/**
 * Complaints from every channel, by the staff API (issue 17): a pasted message made into a draft
 * (village, private contact, masked text, suggested category, department and 小微权力 item, each
 * with why), the complaint recorded from a channel, and two complaints merged. The console does
 * the same through its forms (ingest/console-intake.ts). Recording answers the tracking code, once:
 * the complainant's slip is printed from it; no later staff response carries it
 * (staff-complaints.ts says why).
 */
export function staffIntakeRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const { config } = deps;
  const limitBody = bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) });
  const loadRegion = regionCache(deps.store, config);
  const rulesFor = classifyRulesSource(deps.store);
  const now = () => deps.clock().toISOString();

  routes.post('/staff/complaints/prefill', limitBody, async (c) => {
    const auth = await recorder(deps, c, null);
    if (!auth.ok) return respond(c, auth.failure);
    const body = await jsonBody(c);
    if (!body.ok) return respond(c, body.failure);
    const parsed = PrefillRequest.safeParse(body.value);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body.value) });
    const region = await loadRegion();
    const { draft, rules } = await countyDraft(rulesFor, parsed.data.text, pasteIndexOf(region), config.complaints.categories, { scope: auth.scope, allow: config.publicPhones, idMask: config.idMask });
    const candidate = (v: NonNullable<typeof draft.village.best>) => ({ code: v.village.code, name: v.village.name, score: v.score, matched: v.matched.map((m) => m.text) });
    return c.json(
      success({
        village: { best: draft.village.best && candidate(draft.village.best), alternatives: draft.village.alternatives.map(candidate), ambiguous: draft.village.ambiguous },
        contact: draft.contact,
        text: draft.publicText,
        category: draft.suggestion.category.best?.value ?? null,
        department: draft.suggestion.department.best?.value ?? null,
        powerItem: draft.suggestion.powerItem.best?.value ?? null,
        reasons: draft.reasons,
        /** whose rules suggested: the county's own version, or the defaults (version null) */
        rules: { county: rules.county, version: rules.version },
      }),
      200,
      NO_STORE,
    );
  });

  routes.post('/staff/complaints', limitBody, async (c) => {
    const body = await jsonBody(c);
    const village = body.ok && typeof (body.value as { complaint?: { village?: unknown } })?.complaint?.village === 'string' ? String((body.value as { complaint: { village: string } }).complaint.village) : null;
    const auth = await recorder(deps, c, village);
    if (!auth.ok) return respond(c, auth.failure);
    if (!body.ok) return respond(c, body.failure);
    const parsed = staffIntakeSchema(config.complaints.categories, config.publicPhones, now()).safeParse(body.value);
    if (!parsed.success) return respond(c, { kind: 'invalid-complaint', issues: validationIssues(parsed.error, body.value) });
    const intake = toStaffIntake(parsed.data);
    // what the county's rules suggest for these words, to record what staff kept or changed of it
    // (the client may or may not have shown it: a miss is a miss of the rules either way)
    const suggestion = suggestComplaint(intake.complaint.text, (await rulesFor(countyOf(intake.complaint.village))).rules, config.complaints.categories);
    const township = await deps.store.getDivision(intake.complaint.village.slice(0, 9));
    const suggested: IntakeSuggestion = {
      category: suggestion.category.best?.value ?? null,
      department: townshipDepartment(suggestion.department.best?.value ?? null, township?.name),
      powerItem: suggestion.powerItem.best?.value ?? null,
    };
    const recorded = await recordComplaint(deps, intake, { recordedBy: auth.name, mayDispatch: (v) => tokenAllows(auth.token, 'dispatch-complaint', v).ok, suggested });
    if (!recorded.ok) return respond(c, recorded.failure);
    const complaint = recorded.complaint;
    return c.json(success({ ...createdComplaintView(config, complaint), complaint: staffComplaintView(complaint, config.complaints.deadlines, now()) }), 201, NO_STORE);
  });

  // Where the county's rules miss: what staff chose against what 识别 suggested, in the console's
  // intake and the API's (intake-corrections.ts), as miss and override rates per category, office
  // and power item.
  routes.get('/staff/classification/misses', async (c) => {
    const auth = await recorder(deps, c, null);
    if (!auth.ok) return respond(c, auth.failure);
    const scope = (c.req.query('scope') ?? auth.scope).trim();
    if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(scope)) return respond(c, { kind: 'bad-request', issues: [fieldIssue('scope-invalid', 'scope', 'scope 须为 2、4、6、9 或 12 位行政区划代码', 'Field "scope" must be a 2, 4, 6, 9 or 12-digit division code')] });
    if (!covers(auth.scope, scope)) return respond(c, { kind: 'scope-forbidden', scope, tokenScope: auth.scope });
    const corrections = await deps.store.listCorrections(scope);
    return c.json(success({ scope, corrections: corrections.length, capped: corrections.length >= MAX_CORRECTIONS_LISTED, rates: missRates(corrections) }), 200, NO_STORE);
  });

  routes.post('/staff/complaints/:id/merge', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const body = await jsonBody(c);
    if (!body.ok) return respond(c, body.failure);
    const parsed = MergeRequest.safeParse(body.value);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body.value) });
    const from = await deps.store.getComplaintByPublicId(c.req.param('id'));
    // one answer for a number that does not exist and one outside the token's scope
    if (!from || !tokenAllows(auth.token, 'read-complaints', from.village).ok) return respond(c, { kind: 'staff-complaint-not-found' });
    if (!tokenAllows(auth.token, 'merge-complaints', from.village).ok) return respond(c, { kind: 'not-staff', scope: auth.token.scope });
    const merged = await deps.store.mergeComplaints(from.publicId, parsed.data.into, auth.token.name, now());
    if (merged.kind === 'not-found') return respond(c, { kind: 'staff-complaint-not-found' });
    if (merged.kind !== 'merged') return respond(c, { kind: 'merge-refused', refusal: merged });
    complaintChanged(deps, from.village);
    const at = now();
    return c.json(success({ from: staffComplaintView(merged.from, config.complaints.deadlines, at), into: staffComplaintView(merged.into, config.complaints.deadlines, at) }), 200, NO_STORE);
  });

  return routes;
}

// ——— private helpers ———

const PrefillRequest = z.object({ text: z.string().trim().min(1, '请粘贴群众反映的原话 / paste the message').max(MAX_COMPLAINT_CHARS) }).strict();
const MergeRequest = z.object({ into: z.string().regex(/^[1-9]\d{0,11}$/, '须为投诉的公开编号 / a complaint number') }).strict();

type Recorder = { ok: true; name: string; scope: string; token: { scope: string } } | { ok: false; failure: Failure };

/** A token that may record complaints: for `village` when one is named, else at its own scope. */
async function recorder(deps: AppDeps, c: Context, village: string | null): Promise<Recorder> {
  const auth = await authenticate(deps.store, c.req.header('authorization'));
  if (!auth.ok) return auth;
  const where = village !== null && /^\d{12}$/.test(village) ? village : auth.token.scope;
  if (!tokenAllows(auth.token, 'record-complaint', where).ok) return { ok: false, failure: { kind: 'not-staff', scope: auth.token.scope } };
  return { ok: true, name: auth.token.name, scope: auth.token.scope, token: auth.token };
}

async function jsonBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; failure: Failure }> {
  const read = await readSmallBody(c, ['json']);
  if (!read.ok) return read;
  return { ok: true, value: read.body.kind === 'json' ? read.body.value : undefined };
}
