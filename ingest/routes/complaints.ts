import { createHash, randomBytes } from 'node:crypto';
import { followedComplaint } from '../followed-complaint.ts';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { complaintInputSchema, feedbackSchema, type Complaint, type ComplaintInput } from '../../data/complaints/complaint.ts';
import { newComplaint, villagerFeedback } from '../../data/complaints/complaint-workflow.ts';
import { publicComplaint } from '../../data/complaints/public-complaint.ts';
import { displayTrackingCode, normaliseTrackingCode, trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import type { AppDeps } from '../app.ts';
import { findVillage } from '../auth.ts';
import { clientAddressReader } from '../client-address.ts';
import { COMPLAINT_BODY_LIMIT, complaintFromForm, feedbackFromForm, formBoolean, formFieldName, formValue, readSmallBody, validationIssues } from '../complaint-body.ts';
import { createdComplaintView } from '../complaint-views.ts';
import { CSRF_FIELD, csrfValid } from '../csrf.ts';
import { success, type ApiIssue } from '../envelope.ts';
import { failureResponse, respond, type Failure } from '../http-errors.ts';
import { memoryRateLimiters, type RateLimiter } from '../rate-limit.ts';
import { similarOpenComplaints, type SimilarOpenComplaint } from '../similar-open-complaints.ts';
import { COMPLAINT_FIELDS, trackHref } from '../../site/lib/complaint-form.ts';
import { readIdempotencyKey } from '../idempotency.ts';
import { postedFormKey, submitOnce } from '../submit-once.ts';

/**
 * Complaints over HTTP (issue 5), the public side: filing (JSON, or the form of the village
 * complaint page), following one by its tracking code, and the villager's feedback. Staff list
 * and act by public number in staff-complaints.ts. Filing answers only once the store has the
 * complaint durably; the tracking code is the villager's secret and the contact never leaves
 * through a public route (public-complaint.ts is the only public shape).
 */

/** The form field that people never see and bots fill in; a post with it filled is refused. */
export const HONEYPOT_FIELD = COMPLAINT_FIELDS.honeypot;

/** What the village complaint page gets back to show its form again, with the problems marked. */
export interface ComplaintFormState {
  village: string;
  /** what was typed, by form field name (no CSRF token, no honeypot) */
  values: Record<string, string>;
  /** `field` is the form field's name (`contact_phone`, not `contact.phone`); null for the form as a whole */
  issues: ApiIssue[];
  /**
   * 422 for wrong fields, 403 for a form that expired or came from elsewhere, 429 for too many
   * posts; 200 for a valid form held back because open complaints like it exist (`similar`); 409
   * for a 我也遇到 on a complaint no longer open
   */
  status: 200 | 403 | 409 | 422 | 429;
  /** open complaints of the village like the one posted, shown before it is filed (issue 17) */
  similar?: SimilarOpenComplaint[];
  /** said at the top of the page instead of against the form: why a 我也遇到 was refused */
  notice?: { tone: 'ok' | 'warn'; message: string };
}

/**
 * The per-client limits, made once per portal and shared by every way in, so none is a way round
 * another: filing by these routes and Open311; looking a tracking code up by the API, feedback
 * and the tracking page (/track/). Guessing codes spends one allowance, wherever it is spent.
 */
export interface ComplaintLimits {
  /** filings per hour (config.complaints.perHour) */
  filing: RateLimiter;
  /** tracking-code lookups, on the API and the tracking page, and feedback, per minute (config.complaints.lookupsPerMinute) */
  lookups: RateLimiter;
  clientOf: (c: Context) => string;
}

export function complaintLimits(deps: Pick<AppDeps, 'config' | 'clock' | 'remoteAddress' | 'rateLimiters'>): ComplaintLimits {
  const { config, clock } = deps;
  const make = deps.rateLimiters ?? memoryRateLimiters;
  return {
    filing: make({ name: 'filing', limit: config.complaints.perHour, windowMs: 3_600_000, clock }),
    lookups: make({ name: 'lookups', limit: config.complaints.lookupsPerMinute, windowMs: 60_000, clock }),
    clientOf: clientAddressReader({ trustedProxies: config.trustedProxies, remoteAddress: deps.remoteAddress }),
  };
}

/** Counts the request against `limiter` for its client; 429 with Retry-After once over. */
export function rateLimit(limiter: RateLimiter, limits: ComplaintLimits, fail: (c: Context, f: Failure) => Response = respond): MiddlewareHandler {
  return async (c, next) => {
    const decision = await limiter.take(limits.clientOf(c));
    if (!decision.ok) return fail(c, { kind: 'rate-limited', retryAfterSeconds: decision.retryAfterSeconds });
    await next();
  };
}

export type FileResult = { ok: true; complaint: Complaint } | { ok: false; failure: Failure };

/** Files a validated complaint: the village must exist; resolves once it is durably stored. */
export async function fileValidComplaint(deps: AppDeps, input: ComplaintInput): Promise<FileResult> {
  const village = await findVillage(deps.store, input.village);
  if (!village.ok) return village;
  const now = deps.clock().toISOString();
  for (let attempt = 1; ; attempt++) {
    const code = trackingCodeFrom(randomBytes(7));
    try {
      const complaint = await deps.store.fileComplaint(newComplaint(input, code, now));
      complaintChanged(deps, complaint.village);
      return { ok: true, complaint };
    } catch (error) {
      // 50 random bits: a clash is astronomically unlikely, but a clash must not become a 500.
      if (attempt >= 3 || !(await deps.store.getComplaint(code))) throw error;
    }
  }
}

export function complaintRoutes(deps: AppDeps, limits: ComplaintLimits): Hono {
  const routes = new Hono();
  const { config } = deps;
  const schema = complaintInputSchema(config.complaints.categories, config.publicPhones);
  const Feedback = feedbackSchema(config.publicPhones);
  const siteOrigins = [new URL(config.baseUrl).origin];
  const limitBody = bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) });
  const now = () => deps.clock().toISOString();
  const filedOnce = submitOnce(deps);
  /**
   * Files once per key and content, on every process (submit-once.ts): a repeat gets the complaint
   * the first post filed, read again by its public number (nobody's words are kept with the key).
   * A refusal is not kept: thrown out of the work, it comes back as the failure.
   */
  const fileOnce = async (key: string | null, input: ComplaintInput): Promise<FileResult> => {
    if (key === null) return fileValidComplaint(deps, input);
    const digest = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
    try {
      const once = await filedOnce(
        `${key}:${digest}`,
        async () => {
          const filed = await fileValidComplaint(deps, input);
          if (!filed.ok) throw new NotFiled(filed.failure);
          return filed.complaint;
        },
        { keep: (complaint) => complaint.publicId, replay: (publicId) => complaintByPublicId(deps, publicId) },
      );
      return once.kind === 'busy' ? { ok: false, failure: { kind: 'submission-in-progress' } } : { ok: true, complaint: once.value };
    } catch (error) {
      if (error instanceof NotFiled) return { ok: false, failure: error.failure };
      throw error;
    }
  };

  // Form posts come from a person at the village page: whatever goes wrong that they can act on
  // (a typo, an expired form, too many posts) shows them the form again, if the site gave us one.
  const formFailure = async (c: Context, fields: URLSearchParams, failure: Failure, status: 403 | 409 | 422 | 429, issues?: ApiIssue[]): Promise<Response> => {
    const shown = failureResponse(failure);
    if (!deps.complaintForm) return respond(c, failure);
    const form = complaintFromForm(fields);
    const general: ApiIssue = { code: shown.body.error.code, row: null, column: null, field: null, message: shown.body.error.message };
    const res = await deps.complaintForm(c, { village: form.values.village ?? '', values: form.values, issues: issues ?? [general], status });
    for (const [name, value] of Object.entries(shown.headers)) res.headers.set(name, value);
    return res;
  };

  routes.post('/complaints', limitBody, async (c) => {
    const allowed = await limits.filing.take(limits.clientOf(c));
    const read = await readSmallBody(c, ['json', 'form']);
    if (!allowed.ok) {
      const failure: Failure = { kind: 'rate-limited', retryAfterSeconds: allowed.retryAfterSeconds };
      return read.ok && read.body.kind === 'form' ? formFailure(c, read.body.fields, failure, 429) : respond(c, failure);
    }
    if (!read.ok) return respond(c, read.failure);
    const body = read.body;

    if (body.kind === 'json') {
      const parsed = schema.safeParse(body.value);
      if (!parsed.success) return respond(c, { kind: 'invalid-complaint', issues: validationIssues(parsed.error, body.value) });
      // a client retrying after a lost answer sends the same Idempotency-Key and gets the same
      // complaint, tracking code and all: a key of 16 characters or more, which nobody guesses
      const idempotency = readIdempotencyKey(c.req.header('idempotency-key'), 16);
      if (!idempotency.ok) return respond(c, idempotency.failure);
      const filed = await fileOnce(idempotency.key === null ? null : `api-complaint:${idempotency.key}`, parsed.data);
      if (!filed.ok) return respond(c, filed.failure);
      return c.json(success({ complaint: createdComplaintView(config, filed.complaint) }), 201, NO_STORE);
    }

    const fields = body.fields;
    if (!csrfValid(c, fields.get(CSRF_FIELD) ?? undefined, siteOrigins)) return formFailure(c, fields, { kind: 'csrf-failed' }, 403);
    // A bot that fills every field is told nothing useful, and gets no form to try again with.
    if ((fields.get(HONEYPOT_FIELD) ?? '') !== '') return respond(c, { kind: 'submission-rejected' });
    const form = complaintFromForm(fields);
    const parsed = schema.safeParse(form.candidate);
    if (!parsed.success) {
      const issues = validationIssues(parsed.error, form.candidate, formFieldName);
      return formFailure(c, fields, { kind: 'invalid-complaint', issues }, 422, issues);
    }
    // Issue 17: before filing, the open complaints like this one, so that a villager with the same
    // problem can say 我也遇到 instead; once they say theirs is another problem (confirmNew), or
    // when no page can show them (the bare API), it is filed. The JSON API files at once: its
    // clients ask GET /complaints/similar themselves. The post already spent a filing allowance.
    if (deps.complaintForm && formBoolean(formValue(fields, COMPLAINT_FIELDS.confirmNew)) !== true) {
      const village = await findVillage(deps.store, parsed.data.village);
      const similar = village.ok ? await similarOpenComplaints(deps, village.village, parsed.data.text, parsed.data.category) : [];
      if (similar.length > 0) return deps.complaintForm(c, { village: parsed.data.village, values: form.values, issues: [], status: 200, similar });
    }
    const formKey = postedFormKey(formValue(fields, COMPLAINT_FIELDS.formKey));
    const filed = await fileOnce(formKey === null ? null : `complaint-form:${formKey}`, parsed.data);
    if (!filed.ok) return filed.failure.kind === 'submission-in-progress' ? formFailure(c, fields, filed.failure, 409) : respond(c, filed.failure);
    return c.redirect(trackHref(displayTrackingCode(filed.complaint.trackingCode), true), 303);
  });

  routes.get('/complaints/:code', rateLimit(limits.lookups, limits), async (c) => {
    const found = await complaintByCode(deps, c.req.param('code'));
    if (!found.ok) return respond(c, found.failure);
    const takedowns = await deps.store.complaintStepTakedowns(found.complaint.publicId);
    // merged into another (issue 17): the code follows that one, whose own code stays its complainant's
    const followed = await followedComplaint(deps.store, found.complaint, config.complaints.deadlines, now());
    return c.json(success({ complaint: publicComplaint(found.complaint, config.complaints.deadlines, now(), takedowns), ...(followed ? { followed } : {}) }), 200, NO_STORE);
  });

  routes.post('/complaints/:code/feedback', rateLimit(limits.lookups, limits), limitBody, async (c) => {
    // Rating is the villager's, with their code; an office's token must not speak for them (it is
    // refused before the code is looked at, so the refusal says nothing about the code).
    if (BEARER.test(c.req.header('authorization') ?? '')) return villagerOnly(c);
    const code = normaliseTrackingCode(c.req.param('code'));
    if (!code) return respond(c, { kind: 'complaint-not-found', code: c.req.param('code').slice(0, 20) });
    const read = await readSmallBody(c, ['json', 'form']);
    if (!read.ok) return respond(c, read.failure);
    const body = read.body;
    if (body.kind === 'form' && !csrfValid(c, body.fields.get(CSRF_FIELD) ?? undefined, siteOrigins)) return respond(c, { kind: 'csrf-failed' });
    const candidate = body.kind === 'json' ? body.value : feedbackFromForm(body.fields);
    const parsed = Feedback.safeParse(candidate);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, candidate) });
    const at = now();
    const updated = await deps.store.updateComplaint(code, (current) => villagerFeedback(current, parsed.data, at));
    if (updated.kind === 'not-found') return respond(c, { kind: 'complaint-not-found', code: displayTrackingCode(code) });
    if (updated.kind === 'invalid-transition') return respond(c, { kind: 'invalid-transition', from: updated.from, action: updated.action });
    complaintChanged(deps, updated.complaint.village);
    if (body.kind === 'form') return c.redirect(trackHref(displayTrackingCode(code)), 303);
    const takedowns = await deps.store.complaintStepTakedowns(updated.complaint.publicId);
    return c.json(success({ complaint: publicComplaint(updated.complaint, config.complaints.deadlines, at, takedowns) }), 200, NO_STORE);
  });

  return routes;
}

/** The tracking code is a secret and statuses change: neither browsers nor proxies keep these. */
export const NO_STORE = { 'Cache-Control': 'no-store' };

/** Tells the site a complaint of this village changed; a failure there is only logged. */
export function complaintChanged(deps: AppDeps, village: string): void {
  try {
    deps.afterComplaint?.(village);
  } catch (error) {
    // The complaint is stored; the pages catch up at the next change or rebuild.
    console.error(`[ingest] afterComplaint for ${village} failed:`, error);
  }
}

// ——— private helpers ———

const BEARER = /^\s*bearer\s/i;

function villagerOnly(c: Context): Response {
  return respond(c, { kind: 'feedback-villager-only' });
}

type ComplaintLookup = { ok: true; complaint: Complaint } | { ok: false; failure: Failure };

/** A refusal of the filing, thrown out of the once-only work so it is not kept. */
class NotFiled extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** The complaint an earlier post of the same form filed, by the public number kept with its key. */
async function complaintByPublicId(deps: AppDeps, publicId: string): Promise<Complaint> {
  const complaint = await deps.store.getComplaintByPublicId(publicId);
  if (!complaint) throw new Error(`a kept form submission names complaint ${publicId}, which the store does not have`);
  return complaint;
}

async function complaintByCode(deps: AppDeps, typed: string): Promise<ComplaintLookup> {
  const code = normaliseTrackingCode(typed);
  const complaint = code ? await deps.store.getComplaint(code) : null;
  if (!complaint) return { ok: false, failure: { kind: 'complaint-not-found', code: (code ? displayTrackingCode(code) : typed).slice(0, 20) } };
  return { ok: true, complaint };
}
