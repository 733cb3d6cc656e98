import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { MAX_COMPLAINT_CHARS } from '../../data/complaints/complaint.ts';
import { villagerSupport } from '../../data/complaints/complaint-workflow.ts';
import { publicComplaint } from '../../data/complaints/public-complaint.ts';
import { validText } from '../../data/text-validity.ts';
import type { AppDeps } from '../app.ts';
import { findVillage } from '../auth.ts';
import { COMPLAINT_BODY_LIMIT, readSmallBody, validationIssues } from '../complaint-body.ts';
import { CSRF_FIELD, csrfValid } from '../csrf.ts';
import { success } from '../envelope.ts';
import { failureResponse, respond, type Failure } from '../http-errors.ts';
import { similarOpenComplaints } from '../similar-open-complaints.ts';
import { supportedHref } from '../../site/lib/complaint-form.ts';
import { complaintChanged, NO_STORE, rateLimit, type ComplaintLimits } from './complaints.ts';

/**
 * "Someone already reported this" (issue 17), the villager's side over HTTP:
 *
 * - `GET /complaints/similar?village=&text=[&category=]`: the open complaints of the village like
 *   the text, for API clients to show before they file (the village form does it itself, in
 *   routes/complaints.ts). Public, on the lookups counter: each one reads the village's open
 *   complaints.
 * - `POST /complaints/{publicId}/support`: 我也遇到, from the button beside one of them (a form,
 *   CSRF checked) or JSON `{}`. Counted on the filing counter — a support stands in for a filing,
 *   and must not be a way round its limit to inflate a count.
 *
 * Mounted by complaintRoutes ahead of `GET /complaints/{trackingCode}`, which would otherwise take
 * `similar` for a code. Neither answer holds a tracking code or a contact: the similar list is
 * copied field by field out of publicComplaint(), the support answer is a number and a count.
 */
export function complaintDuplicateRoutes(deps: AppDeps, limits: ComplaintLimits): Hono {
  const routes = new Hono();
  const { config } = deps;
  const siteOrigins = [new URL(config.baseUrl).origin];
  const limitBody = bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) });
  const query = similarQuery(config.complaints.categories);

  routes.get('/complaints/similar', rateLimit(limits.lookups, limits), async (c) => {
    const params = new URL(c.req.url).searchParams;
    const candidate: Record<string, string> = {};
    for (const name of ['village', 'text', 'category'] as const) {
      const value = params.get(name);
      // an empty category is "any", as a form's unchosen select sends it
      if (value !== null && !(name === 'category' && value.trim() === '')) candidate[name] = value;
    }
    const parsed = query.safeParse(candidate);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, candidate) });
    const village = await findVillage(deps.store, parsed.data.village);
    if (!village.ok) return respond(c, village.failure);
    const complaints = await similarOpenComplaints(deps, village.village, parsed.data.text, parsed.data.category);
    return c.json(success({ village: village.village.code, complaints }), 200, NO_STORE);
  });

  routes.post('/complaints/:publicId/support', limitBody, async (c) => {
    const allowed = await limits.filing.take(limits.clientOf(c));
    const read = await readSmallBody(c, ['json', 'form']);
    const typed = c.req.param('publicId');
    const complaint = PUBLIC_ID.test(typed) ? await deps.store.getComplaintByPublicId(typed) : null;
    const fromForm = read.ok && read.body.kind === 'form';
    // A person who pressed the button gets the village's complaint page back with what went wrong;
    // a client, the envelope. An unknown number has no village page to go back to.
    const fail = (failure: Failure): Promise<Response> | Response =>
      fromForm && complaint && deps.complaintForm ? refusedOnPage(deps, c, complaint.village, failure) : respond(c, failure);

    if (!allowed.ok) return fail({ kind: 'rate-limited', retryAfterSeconds: allowed.retryAfterSeconds });
    if (!read.ok) return respond(c, read.failure);
    const body = read.body;
    if (body.kind === 'form' && !csrfValid(c, body.fields.get(CSRF_FIELD) ?? undefined, siteOrigins)) return fail({ kind: 'csrf-failed' });
    if (body.kind === 'json') {
      const parsed = NO_FIELDS.safeParse(body.value);
      if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body.value) });
    }
    const notFound: Failure = { kind: 'complaint-number-not-found', publicId: typed.slice(0, 20) };
    if (!complaint) return respond(c, notFound);
    const at = deps.clock().toISOString();
    const updated = await deps.store.updateComplaint(complaint.trackingCode, (current) => villagerSupport(current, at));
    if (updated.kind === 'not-found') return respond(c, notFound);
    if (updated.kind === 'invalid-transition') return fail({ kind: 'invalid-transition', from: updated.from, action: updated.action });
    complaintChanged(deps, updated.complaint.village);
    if (body.kind === 'form') return c.redirect(supportedHref(updated.complaint.village, updated.complaint.publicId), 303);
    const { supporters } = publicComplaint(updated.complaint, config.complaints.deadlines, at);
    return c.json(success({ publicId: updated.complaint.publicId, supporters }), 200, NO_STORE);
  });

  return routes;
}

// ——— private helpers ———

/** as the store numbers complaints (1, 2, 3 …); anything else is no complaint's, and is not looked up */
const PUBLIC_ID = /^[1-9]\d{0,14}$/;

/** 我也遇到 says nothing but itself: a JSON client sends `{}` */
const NO_FIELDS = z.object({}).strict();

function similarQuery(categories: readonly string[]) {
  return z.object({
    village: z.string().regex(/^\d{12}$/, '须为 12 位村级代码 / a 12-digit village code'),
    text: validText()
      .transform((s) => s.trim())
      .pipe(z.string().min(1, '请写上要对照的问题 / must not be empty').max(MAX_COMPLAINT_CHARS, `最多 ${MAX_COMPLAINT_CHARS} 字 / at most ${MAX_COMPLAINT_CHARS} characters`)),
    category: validText()
      .refine((c) => categories.includes(c), `须为以下之一 / one of: ${categories.join('、')}`)
      .optional(),
  });
}

/** The village's complaint page with the refusal at its top, in the failure's own status (and Retry-After). */
async function refusedOnPage(deps: AppDeps, c: Context, village: string, failure: Failure): Promise<Response> {
  const shown = failureResponse(failure);
  const status = shown.status === 403 || shown.status === 409 || shown.status === 429 ? shown.status : 422;
  const res = await deps.complaintForm!(c, { village, values: {}, issues: [], status, notice: { tone: 'warn', message: shown.body.error.message } });
  for (const [name, value] of Object.entries(shown.headers)) res.headers.set(name, value);
  return res;
}
