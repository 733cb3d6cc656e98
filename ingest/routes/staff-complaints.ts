import { powerItemIssue } from '../village-catalogue.ts';
import type { Action } from '../../data/accounts/permissions.ts';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { COMPLAINT_STATUSES, staffActionSchema, type Complaint, type ComplaintStatus } from '../../data/complaints/complaint.ts';
import { staffAction } from '../../data/complaints/complaint-workflow.ts';
import { lateness } from '../../data/complaints/deadlines.ts';
import { covers } from '../../data/region.ts';
import type { TokenRecord } from '../../data/store/store.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { COMPLAINT_BODY_LIMIT, formBoolean, readSmallBody, validationIssues } from '../complaint-body.ts';
import { staffComplaintView } from '../complaint-views.ts';
import { fieldIssue, success, type ApiIssue } from '../envelope.ts';
import { notifyDispatch } from '../notify-dispatch.ts';
import { respond, type Failure } from '../http-errors.ts';
import { complaintChanged, NO_STORE } from './complaints.ts';

/**
 * Complaints for township, county and wider staff (issue 10): listing, reading one and acting on
 * it, always by its public number — never by tracking code. The code is the villager's secret
 * and their only credential: it is what lets them rate the answer. So no staff response carries
 * it, no staff route accepts it, and no staff route looks one up, which would tell a token holder
 * which codes exist.
 */
export function staffComplaintRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const { config } = deps;
  const limitBody = bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) });
  const now = () => deps.clock().toISOString();

  const list = async (c: Context) => {
    const auth = await staffToken(deps, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const query = readListQuery(new URL(c.req.url).searchParams, auth.token.scope, config.complaints.categories);
    if (!query.ok) return respond(c, query.failure);
    const { scope, status, category, overdue, page } = query.query;
    const at = now();
    // The store filters by scope, status and category; lateness depends on the clock, so the
    // overdue filter reads the whole (capped) list and pages after filtering.
    const wanted = overdue ? MAX_LIST : Math.min(MAX_LIST, page * PAGE_SIZE + 1);
    const listed = await deps.store.listComplaints({ scope, status, category, limit: wanted });
    const matching = overdue ? listed.filter((x) => lateness(x, config.complaints.deadlines, at).late) : listed;
    const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return c.json(
      success({
        scope,
        page,
        pageSize: PAGE_SIZE,
        hasMore: matching.length > page * PAGE_SIZE,
        /** true when the store's cap was reached: narrow the scope or filters to see older ones */
        capped: listed.length >= MAX_LIST,
        complaints: slice.map((x) => staffComplaintView(x, config.complaints.deadlines, at)),
      }),
      200,
      NO_STORE,
    );
  };
  routes.get('/staff/complaints', list);
  // Where the list lived before issue 10; it never took a code, so existing clients keep it.
  routes.get('/complaints', list);

  routes.get('/staff/complaints/:id', async (c) => {
    const found = await staffComplaint(deps, c);
    if (!found.ok) return found.response;
    return c.json(success({ complaint: staffComplaintView(found.complaint, config.complaints.deadlines, now()) }), 200, NO_STORE);
  });

  routes.post('/staff/complaints/:id/events', limitBody, async (c) => {
    const found = await staffComplaint(deps, c);
    if (!found.ok) return found.response;
    const read = await readSmallBody(c, ['json']);
    if (!read.ok) return respond(c, read.failure);
    const body = read.body.kind === 'json' ? read.body.value : undefined;
    // Feedback is not a staff action: the schema has no such type, so it is refused like any unknown one.
    const parsed = staffActionSchema(deps.config.publicPhones).safeParse(body);
    if (!parsed.success) return respond(c, { kind: 'bad-request', issues: validationIssues(parsed.error, body) });
    if (!tokenAllows(found.token, STAFF_EVENT_ACTION[parsed.data.type], found.complaint.village).ok) {
      return respond(c, { kind: 'not-staff', scope: found.token.scope });
    }
    if (parsed.data.type === 'classify' && parsed.data.powerItem !== null) {
      const unknown = await powerItemIssue(deps.store, found.complaint.village, parsed.data.powerItem);
      if (unknown) return respond(c, { kind: 'bad-request', issues: [unknown] });
    }
    const at = now();
    const actor = found.token.name;
    const updated = await deps.store.updateComplaint(found.complaint.trackingCode, (current) => staffAction(current, parsed.data, actor, at));
    if (updated.kind === 'not-found') return noSuchComplaint(c);
    if (updated.kind === 'invalid-transition') return respond(c, { kind: 'invalid-transition', from: updated.from, action: updated.action });
    complaintChanged(deps, updated.complaint.village);
    if (parsed.data.type === 'dispatch') await notifyDispatch(deps, updated.complaint, at);
    return c.json(success({ complaint: staffComplaintView(updated.complaint, config.complaints.deadlines, at) }), 200, NO_STORE);
  });

  // The staff path before issue 10 took a tracking code. It answers every code alike, looks none
  // up and asks for no token (any difference would be an oracle), and says where staff act now:
  // a redirect cannot, since only a lookup of the code would find its public number.
  routes.post('/complaints/:code/events', (c) => respond(c, { kind: 'staff-route-moved' }));

  return routes;
}

// ——— private helpers ———

/** Each staff event as an action of the table; reopening is the dispatcher's. */
const STAFF_EVENT_ACTION: Record<'dispatch' | 'reply' | 'close' | 'reopen' | 'classify', Action> = {
  // naming the 小微权力 item is part of 分类派发: those who dispatch
  classify: 'dispatch-complaint',
  dispatch: 'dispatch-complaint',
  reply: 'answer-complaint',
  close: 'close-complaint',
  reopen: 'dispatch-complaint',
};

const PAGE_SIZE = 50;
const MAX_LIST = 5_000;
const PUBLIC_ID = /^[1-9]\d{0,11}$/;

type StaffLookup = { ok: true; token: TokenRecord; complaint: Complaint } | { ok: false; response: Response };

/** The staff token, then the complaint its `:id` numbers, under the token's scope. */
async function staffComplaint(deps: AppDeps, c: Context): Promise<StaffLookup> {
  const auth = await staffToken(deps, c.req.header('authorization'));
  if (!auth.ok) return { ok: false, response: respond(c, auth.failure) };
  const id = c.req.param('id') ?? '';
  const complaint = PUBLIC_ID.test(id) ? await deps.store.getComplaintByPublicId(id) : null;
  if (!complaint) return { ok: false, response: noSuchComplaint(c) };
  if (!tokenAllows(auth.token, 'read-complaints', complaint.village).ok) return { ok: false, response: respond(c, { kind: 'complaint-forbidden', village: complaint.village }) };
  return { ok: true, token: auth.token, complaint };
}

/**
 * One answer, word for word, for an unknown number and for anything that is not a number — a
 * tracking code, real or not, included. It echoes nothing the caller sent.
 */
function noSuchComplaint(c: Context): Response {
  return respond(c, { kind: 'staff-complaint-not-found' });
}

type StaffResult = { ok: true; token: TokenRecord } | { ok: false; failure: Failure };

/** A token for a township (9 digits), a county (6) or wider; a village's own token may not see complaints about it. */
async function staffToken(deps: AppDeps, authorization: string | undefined): Promise<StaffResult> {
  const auth = await authenticate(deps.store, authorization);
  if (!auth.ok) return auth;
  if (!tokenAllows(auth.token, 'read-complaints', auth.token.scope).ok) return { ok: false, failure: { kind: 'not-staff', scope: auth.token.scope } };
  return auth;
}

interface ListQuery {
  scope: string;
  status?: ComplaintStatus;
  category?: string;
  overdue: boolean;
  page: number;
}

function readListQuery(params: URLSearchParams, tokenScope: string, categories: readonly string[]): { ok: true; query: ListQuery } | { ok: false; failure: Failure } {
  const issues: ApiIssue[] = [];
  const get = (name: string) => {
    const v = params.get(name)?.trim();
    return v === '' ? undefined : v;
  };
  const scope = get('scope') ?? tokenScope;
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(scope)) {
    issues.push(fieldIssue('scope-invalid', 'scope', 'scope 须为 2、4、6、9 或 12 位行政区划代码', 'Field "scope" must be a 2, 4, 6, 9 or 12-digit division code'));
  } else if (!covers(tokenScope, scope)) {
    return { ok: false, failure: { kind: 'scope-forbidden', scope, tokenScope } };
  }
  const status = get('status');
  if (status !== undefined && !(COMPLAINT_STATUSES as readonly string[]).includes(status)) {
    issues.push(fieldIssue('status-invalid', 'status', `status 须为 ${COMPLAINT_STATUSES.join('、')} 之一`, `Field "status" must be one of ${COMPLAINT_STATUSES.join(', ')}`));
  }
  const category = get('category');
  if (category !== undefined && !categories.includes(category)) {
    issues.push(fieldIssue('category-invalid', 'category', `category 须为 ${categories.join('、')} 之一`, `Field "category" must be one of ${categories.join(', ')}`));
  }
  const overdue = formBoolean(get('overdue') ?? '0');
  if (overdue === undefined) issues.push(fieldIssue('overdue-invalid', 'overdue', 'overdue 须为 1 或 0', 'Field "overdue" must be 1 or 0'));
  const pageText = get('page') ?? '1';
  const page = /^\d{1,4}$/.test(pageText) ? Number(pageText) : 0;
  if (page < 1 || page * PAGE_SIZE > MAX_LIST) {
    issues.push(fieldIssue('page-invalid', 'page', `page 须为 1 到 ${MAX_LIST / PAGE_SIZE} 的整数`, `Field "page" must be a whole number from 1 to ${MAX_LIST / PAGE_SIZE}`));
  }
  if (issues.length > 0) return { ok: false, failure: { kind: 'bad-request', issues } };
  return { ok: true, query: { scope, status: status as ComplaintStatus | undefined, category, overdue: overdue ?? false, page } };
}
