import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { complaintInputSchema, type Complaint, type ComplaintStatus } from '../../data/complaints/complaint.ts';
import { lateness } from '../../data/complaints/deadlines.ts';
import { publicComplaint, publicDepartment, takedownsByComplaint, type StepTakedown } from '../../data/complaints/public-complaint.ts';
import { displayTrackingCode } from '../../data/complaints/tracking-code.ts';
import type { Division } from '../../data/region.ts';
import type { AppDeps } from '../app.ts';
import { COMPLAINT_BODY_LIMIT, formValue, readSmallBody, validationIssues } from '../complaint-body.ts';
import { trackUrl } from '../complaint-views.ts';
import { fieldIssue } from '../envelope.ts';
import { failureResponse, type Failure } from '../http-errors.ts';
import { fileValidComplaint, rateLimit, type ComplaintLimits } from './complaints.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, so civic-tech
 * clients can file and read complaints. Categories are services; a complaint is a service
 * request whose id is its public number — never the tracking code, which stays the filer's
 * secret. The public lists carry no description and no contact: a complaint's words can name
 * the person who wrote them in a village of a few hundred people; the filer follows theirs with
 * the tracking code the POST returns. Errors are the spec's `[{code, description}]`, not the
 * API's envelope, with the statuses the spec names (404 missing, 403 refused, 400 otherwise)
 * plus 413 and 429, which mean what they say.
 */
export function open311Routes(deps: AppDeps, limits: ComplaintLimits): Hono {
  const routes = new Hono();
  const { config, store } = deps;
  const categories = config.complaints.categories;
  const schema = complaintInputSchema(categories, config.publicPhones);
  const siteOrigin = new URL(config.baseUrl).origin;

  routes.get('/v2/services.json', (c) => reply(c, 200, categories.map(service)));

  routes.post(
    '/v2/requests.json',
    rateLimit(limits.filing, limits, open311Error),
    bodyLimit({ maxSize: COMPLAINT_BODY_LIMIT, onError: (c) => open311Error(c, { kind: 'payload-too-large', limitBytes: COMPLAINT_BODY_LIMIT }) }),
    async (c) => {
      // A server-side client sends no Origin; a browser on another site's page does. Filing needs no
      // cookie, but such a page would file in its visitors' names and under their rate limits.
      const origin = c.req.header('origin');
      if ((origin !== undefined && origin !== siteOrigin) || c.req.header('sec-fetch-site') === 'cross-site') return open311Error(c, { kind: 'cross-site' });
      const read = await readSmallBody(c, ['form']);
      if (!read.ok) return open311Error(c, read.failure);
      if (read.body.kind !== 'form') return open311Error(c, { kind: 'internal' });
      const fields = read.body.fields;
      const serviceCode = formValue(fields, 'service_code');
      if (serviceCode === undefined) return open311Error(c, missing('service_code', '投诉类别', 'the category'));
      if (!categories.includes(serviceCode)) return open311Error(c, { kind: 'unknown-service', code: serviceCode.slice(0, 40) });
      if (formValue(fields, 'address_id') === undefined) {
        return open311Error(c, {
          kind: 'bad-request',
          issues: [fieldIssue('address_id-missing', 'address_id', '缺少 address_id（12 位村级代码）；不支持经纬度（lat/long）和地址文字（address_string）', 'address_id (a 12-digit village code) is required; lat/long and address_string are not supported')],
        });
      }
      const candidate = complaintFromOpen311(fields);
      const parsed = schema.safeParse(candidate);
      if (!parsed.success) return open311Error(c, { kind: 'bad-request', issues: validationIssues(parsed.error, candidate, open311FieldName) });
      const filed = await fileValidComplaint(deps, parsed.data);
      if (!filed.ok) return open311Error(c, filed.failure);
      const code = displayTrackingCode(filed.complaint.trackingCode);
      const url = trackUrl(config, filed.complaint.trackingCode);
      return reply(c, 201, [
        {
          service_request_id: filed.complaint.publicId,
          service_notice: `已受理。请保存查询码 ${code}，凭它在 ${url} 查看办理进度和答复；查询码不会再次显示。 / Received. Keep the tracking code ${code} to follow the complaint at ${url}; it is not shown again.`,
          account_id: null,
          tracking_code: code,
        },
      ]);
    },
  );

  routes.get('/v2/requests.json', async (c) => {
    const query = readRequestsQuery(new URL(c.req.url).searchParams, categories, deps.clock());
    if (!query.ok) return open311Error(c, query.failure);
    const q = query.query;
    const now = deps.clock().toISOString();
    let found: Complaint[];
    if (q.ids) {
      found = (await Promise.all(q.ids.map((id) => store.getComplaintByPublicId(id)))).filter((x) => x !== null);
      found.sort((a, b) => Number(b.publicId) - Number(a.publicId));
    } else {
      // The store pages newest first and caps a list; the date window is applied to what it returns.
      const listed = await store.listComplaints({
        scope: '',
        ...(q.statuses.length === 1 && q.statuses[0] === 'closed' && { status: 'closed' as ComplaintStatus }),
        ...(q.services?.length === 1 && { category: q.services[0] }),
        limit: MAX_SCAN,
      });
      found = listed
        .filter((x) => x.receivedAt >= q.start && x.receivedAt <= q.end)
        .filter((x) => q.statuses.includes(openOrClosed(x.status)))
        .filter((x) => !q.services || q.services.includes(x.category))
        .slice(0, MAX_RESULTS);
    }
    const places = placeNames(deps);
    const down = takedownsByComplaint(await store.listComplaintStepTakedowns());
    return reply(c, 200, await Promise.all(found.map(async (x) => serviceRequest(x, await places(x.village), deps, now, down.get(x.publicId) ?? []))));
  });

  routes.get('/v2/requests/:file', async (c) => {
    const match = /^(\d{1,12})\.json$/.exec(c.req.param('file'));
    const complaint = match ? await store.getComplaintByPublicId(match[1]!) : null;
    if (!complaint) return open311Error(c, { kind: 'request-not-found', id: c.req.param('file').replace(/\.json$/, '').slice(0, 20) });
    const takedowns = await store.complaintStepTakedowns(complaint.publicId);
    return reply(c, 200, [serviceRequest(complaint, await placeNames(deps)(complaint.village), deps, deps.clock().toISOString(), takedowns)]);
  });

  routes.all('*', (c) => open311Error(c, { kind: 'route-not-found', method: c.req.method, path: c.req.path.slice(0, 200) }));
  return routes;
}

/** Any failure in the spec's shape: one `{code, description}` per problem, bilingual descriptions. */
export function open311Error(c: Context, failure: Failure): Response {
  const { status, headers, body } = failureResponse(failure);
  const spec = specStatus(status);
  const descriptions = body.errors.length > 0 ? body.errors.map((e) => e.message) : [body.error.message];
  return reply(c, spec, descriptions.map((description) => ({ code: spec, description })), headers);
}

// ——— private helpers ———

/** the spec's "first 1000 requests" */
const MAX_RESULTS = 1_000;
const MAX_SCAN = 5_000;
const MAX_IDS = 100;
const DAY = 86_400_000;
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const DESCRIPTIONS: Record<string, string> = {
  财务公开: '村级财务收支、资产资源公开中的问题 / Village finance disclosure',
  惠农补贴: '惠农补贴发放、名单中的问题 / Farm subsidy payouts and lists',
  工程项目: '村级工程项目的立项、招标、施工、验收问题 / Village public works',
  四议两公开: '村级重大事项决策程序问题 / Decision procedure for major village matters',
  干部作风: '村干部的工作作风和纪律问题 / Conduct of village officials',
  其他: '其他村务问题 / Other village affairs',
};

function service(category: string) {
  return {
    service_code: category,
    service_name: category,
    description: DESCRIPTIONS[category] ?? `${category}方面的投诉举报 / Complaints about ${category}`,
    metadata: false,
    type: 'realtime',
    keywords: `${category}, 投诉, 举报, 村务公开`,
    group: '村务投诉 / Village affairs complaints',
  };
}

function serviceRequest(c: Complaint, address: string | null, deps: AppDeps, now: string, takedowns: readonly StepTakedown[]) {
  const deadlines = deps.config.complaints.deadlines;
  return {
    service_request_id: c.publicId,
    status: openOrClosed(c.status),
    status_notes: statusNotes(c, deps, now, takedowns),
    service_name: c.category,
    service_code: c.category,
    // Not published: see the module comment. The filer reads it with the tracking code.
    description: null,
    agency_responsible: publicDepartment(c, takedowns),
    service_notice: null,
    requested_datetime: c.receivedAt,
    updated_datetime: c.updatedAt,
    expected_datetime: lateness(c, deadlines, now).due,
    address,
    address_id: c.village,
  };
}

function openOrClosed(status: ComplaintStatus): 'open' | 'closed' {
  return status === 'closed' ? 'closed' : 'open';
}

/** Why it is where it is: the latest step by staff or the portal, masked as on the tracking page. */
function statusNotes(c: Complaint, deps: AppDeps, now: string, takedowns: readonly StepTakedown[]): string | null {
  const events = publicComplaint(c, deps.config.complaints.deadlines, now, takedowns).events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'close') return `办结：${e.resolution}`;
    if (e.type === 'reply') return `${e.actor}答复：${e.text}`;
    if (e.type === 'dispatch') return `已转交${e.department}办理`;
    if (e.type === 'reopen') return e.reason ? `重新办理：${e.reason}` : '重新办理';
  }
  return null;
}

/** 马头溪村, 王家坪镇, 永定区: most specific first, as the spec asks; read once per village per request. */
function placeNames(deps: AppDeps): (village: string) => Promise<string | null> {
  const cache = new Map<string, Promise<string | null>>();
  const names = async (code: string): Promise<string | null> => {
    const chain: Division[] = [];
    let next: string | null = code;
    while (next && chain.length < 3) {
      const d: Division | null = await deps.store.getDivision(next);
      if (!d) break;
      chain.push(d);
      next = d.parent;
    }
    return chain.length === 0 ? null : chain.map((d) => d.name).join(', ');
  };
  return (code) => {
    let hit = cache.get(code);
    if (!hit) cache.set(code, (hit = names(code)));
    return hit;
  };
}

function complaintFromOpen311(fields: URLSearchParams): Record<string, unknown> {
  const first = formValue(fields, 'first_name');
  const last = formValue(fields, 'last_name');
  const phone = formValue(fields, 'phone');
  // Chinese names are family name first, without a space.
  const cjk = /[\u4e00-\u9fff]/.test(`${first ?? ''}${last ?? ''}`);
  const name = first || last ? (cjk ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ')) : undefined;
  const candidate: Record<string, unknown> = {
    village: formValue(fields, 'address_id') ?? '',
    category: formValue(fields, 'service_code') ?? '',
    text: fields.get('description') ?? '',
    anonymous: name === undefined && phone === undefined,
  };
  if (name !== undefined || phone !== undefined) candidate.contact = { ...(name !== undefined && { name }), ...(phone !== undefined && { phone }) };
  return candidate;
}

function open311FieldName(path: string): string {
  const names: Record<string, string> = { village: 'address_id', category: 'service_code', text: 'description', 'contact.name': 'first_name', 'contact.phone': 'phone' };
  return names[path] ?? path;
}

interface RequestsQuery {
  ids: string[] | null;
  services: string[] | null;
  statuses: ('open' | 'closed')[];
  start: string;
  end: string;
}

function readRequestsQuery(params: URLSearchParams, categories: readonly string[], now: Date): { ok: true; query: RequestsQuery } | { ok: false; failure: Failure } {
  const issues = [];
  const list = (name: string) => {
    const v = params.get(name)?.trim();
    return v ? v.split(',').map((x) => x.trim()).filter((x) => x !== '') : null;
  };
  const ids = list('service_request_id');
  if (ids && (ids.length > MAX_IDS || ids.some((id) => !/^\d{1,12}$/.test(id)))) {
    issues.push(fieldIssue('service_request_id-invalid', 'service_request_id', `service_request_id 须为以逗号分隔的数字，最多 ${MAX_IDS} 个`, `service_request_id must be numbers separated by commas, at most ${MAX_IDS}`));
  }
  const services = list('service_code');
  const unknown = services?.find((s) => !categories.includes(s));
  if (!ids && unknown !== undefined) return { ok: false, failure: { kind: 'unknown-service', code: unknown.slice(0, 40) } };
  const statuses = list('status') ?? ['open', 'closed'];
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) issues.push(fieldIssue('status-invalid', 'status', 'status 须为 open 或 closed', 'status must be open or closed'));
  const date = (name: string) => {
    const v = params.get(name)?.trim();
    if (!v) return undefined;
    if (W3_DATETIME.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
    issues.push(fieldIssue(`${name}-invalid`, name, `${name} 须为带时区的 W3C 时间，如 2026-10-01T00:00:00Z`, `${name} must be a W3C datetime with a time zone, e.g. 2026-10-01T00:00:00Z`));
    return undefined;
  };
  const startArg = date('start_date');
  const endArg = date('end_date');
  // The spec: without dates, the most recent 90 days; a range may not span more than 90 days.
  const end = endArg ?? (startArg !== undefined ? startArg + 90 * DAY : now.getTime());
  const start = startArg ?? end - 90 * DAY;
  if (!ids && (end < start || end - start > 90 * DAY)) {
    issues.push(fieldIssue('date-range-invalid', 'start_date', 'start_date 到 end_date 须在 90 天之内且不能颠倒', 'start_date to end_date must span at most 90 days, start first'));
  }
  if (issues.length > 0) return { ok: false, failure: { kind: 'bad-request', issues } };
  return {
    ok: true,
    query: { ids, services, statuses: statuses as ('open' | 'closed')[], start: new Date(start).toISOString(), end: new Date(end).toISOString() },
  };
}

function missing(field: string, zh: string, en: string): Failure {
  return { kind: 'bad-request', issues: [fieldIssue(`${field}-missing`, field, `缺少 ${field}（${zh}）`, `${field} (${en}) is missing`)] };
}

/** The spec: 404 for what does not exist, 403 for refusals, 400 for any other request that cannot be met. */
function specStatus(status: number): ContentfulStatusCode {
  if (status === 404 || status === 403 || status === 413 || status === 429 || status >= 500) return status as ContentfulStatusCode;
  return 400;
}

function reply(c: Context, status: ContentfulStatusCode, data: unknown, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(data), status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
}
