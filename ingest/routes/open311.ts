import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { complaintInputSchema, type Complaint, type ComplaintStatus } from '../../data/complaints/complaint.ts';
import { takedownsByComplaint } from '../../data/complaints/public-complaint.ts';
import { displayTrackingCode } from '../../data/complaints/tracking-code.ts';
import type { AppDeps } from '../app.ts';
import { formValue, readSmallBody, validationIssues } from '../complaint-body.ts';
import { trackUrl } from '../complaint-views.ts';
import { fieldIssue } from '../envelope.ts';
import type { Failure } from '../http-errors.ts';
import { villageFromLocation } from '../open311-address.ts';
import { OPEN311_FORMATS, open311Error, open311Reply, splitFormat, type Open311Format } from '../open311-format.ts';
import { readRequestsQuery } from '../open311-query.ts';
import { discovery, openOrClosed, placeNames, service, serviceDefinition, serviceRequest } from '../open311-views.ts';
import { fileValidComplaint, NO_STORE, rateLimit, type ComplaintLimits } from './complaints.ts';

export { open311Error } from '../open311-format.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), in XML and JSON (`.xml` / `.json`
 * on every resource), with the discovery document at /open311/discovery.{xml,json}, so civic-tech
 * clients — FixMyStreet's among them — can file and read complaints. Categories are services; a
 * complaint is a service request whose id is its public number — never the tracking code, which
 * stays the filer's secret. The public lists carry no description and no contact: a complaint's
 * words can name the person who wrote them in a village of a few hundred people; the filer follows
 * theirs with the tracking code the POST returns. Reads are open to other sites' pages (CORS);
 * filing is not, and needs an api_key when PORTAL_OPEN311_KEYS is set.
 */
export function open311Routes(deps: AppDeps, limits: ComplaintLimits): Hono {
  const routes = new Hono();
  const { config, store } = deps;
  const categories = config.complaints.categories;
  const schema = complaintInputSchema(categories, config.publicPhones, MAX_DESCRIPTION, 1);
  const siteOrigin = new URL(config.baseUrl).origin;
  const keyDigests = (config.open311?.apiKeys ?? []).map(digest);
  const startedAt = deps.clock();

  // Anyone's page may read; a post gets no CORS headers, and a preflight for one is told GET only.
  const reads = cors({ origin: '*', allowMethods: ['GET', 'HEAD'], maxAge: 86_400 });
  routes.use('*', (c, next) => (c.req.method === 'POST' ? next() : reads(c, next)));

  const fileRequest = async (c: Context, format: Open311Format): Promise<Response> => {
    // A server-side client sends no Origin; a browser on another site's page does. Filing needs no
    // cookie, but such a page would file in its visitors' names and under their rate limits.
    const origin = c.req.header('origin');
    if ((origin !== undefined && origin !== siteOrigin) || c.req.header('sec-fetch-site') === 'cross-site') return open311Error(c, { kind: 'cross-site' });
    const read = await readSmallBody(c, ['form'], OPEN311_BODY_LIMIT);
    if (!read.ok) return open311Error(c, read.failure);
    if (read.body.kind !== 'form') return open311Error(c, { kind: 'internal' });
    const fields = read.body.fields;
    const refused = keyRefusal(keyDigests, fields);
    if (refused) return open311Error(c, refused);
    const serviceCode = formValue(fields, 'service_code');
    if (serviceCode === undefined) return open311Error(c, missing('service_code', '投诉类别', 'the category'));
    if (!categories.includes(serviceCode)) return open311Error(c, { kind: 'unknown-service', code: serviceCode.slice(0, 40) });
    const located = await villageFromLocation(store, config.region, fields);
    if (!located.ok) return open311Error(c, located.failure);
    const candidate = complaintFromOpen311(fields, located.village, serviceCode);
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) return open311Error(c, { kind: 'bad-request', issues: validationIssues(parsed.error, candidate, open311FieldName) });
    const filed = await fileValidComplaint(deps, parsed.data);
    if (!filed.ok) return open311Error(c, filed.failure);
    const code = displayTrackingCode(filed.complaint.trackingCode);
    const url = trackUrl(config, filed.complaint.trackingCode);
    const created = {
      service_request_id: filed.complaint.publicId,
      service_notice: `已受理。请保存查询码 ${code}，凭它在 ${url} 查看办理进度和答复；查询码不会再次显示。 / Received. Keep the tracking code ${code} to follow the complaint at ${url}; it is not shown again.`,
      account_id: null,
      tracking_code: code,
    };
    return open311Reply(c, format, 201, 'service_requests', [created], NO_STORE);
  };

  const listRequests = async (c: Context, format: Open311Format): Promise<Response> => {
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
    const down = takedownsByComplaint(await store.complaintStepTakedownsOf(found.map((x) => x.publicId)));
    const requests = await Promise.all(found.map(async (x) => serviceRequest(x, await places(x.village), deps, now, down.get(x.publicId) ?? [])));
    return open311Reply(c, format, 200, 'service_requests', requests);
  };

  for (const format of OPEN311_FORMATS) {
    routes.get(`/discovery.${format}`, (c) => open311Reply(c, format, 200, 'discovery', discovery(config, startedAt)));
    routes.get(`/v2/services.${format}`, (c) => open311Reply(c, format, 200, 'services', categories.map(service)));
    routes.post(`/v2/requests.${format}`, rateLimit(limits.filing, limits, open311Error), limitBody, (c) => fileRequest(c, format));
    routes.get(`/v2/requests.${format}`, (c) => listRequests(c, format));
  }

  routes.get('/v2/services/:file', (c) => {
    const file = splitFormat(c.req.param('file'));
    if (!file || !categories.includes(file.name)) return open311Error(c, { kind: 'unknown-service', code: (file?.name ?? c.req.param('file')).slice(0, 40) });
    return open311Reply(c, file.format, 200, 'service_definition', serviceDefinition(file.name));
  });

  routes.get('/v2/requests/:file', async (c) => {
    const file = splitFormat(c.req.param('file'));
    const complaint = file && /^\d{1,12}$/.test(file.name) ? await store.getComplaintByPublicId(file.name) : null;
    if (!file || !complaint) return open311Error(c, { kind: 'request-not-found', id: (file?.name ?? c.req.param('file')).slice(0, 20) });
    const takedowns = await store.complaintStepTakedowns(complaint.publicId);
    return open311Reply(c, file.format, 200, 'service_requests', [serviceRequest(complaint, await placeNames(deps)(complaint.village), deps, deps.clock().toISOString(), takedowns)]);
  });

  // Every service is realtime: a post answers with its service_request_id, so no token exists.
  routes.get('/v2/tokens/:file', (c) => open311Error(c, { kind: 'token-not-found', token: (splitFormat(c.req.param('file'))?.name ?? c.req.param('file')).slice(0, 40) }));

  routes.all('*', (c) => open311Error(c, { kind: 'route-not-found', method: c.req.method, path: c.req.path.slice(0, 200) }));
  return routes;
}

/** The spec: a description is free text of at most 4,000 characters. */
export const MAX_DESCRIPTION = 4_000;

/**
 * 64 KB: 4,000 Chinese characters take 36 KB percent-encoded, and FixMyStreet's description adds
 * the report's title and address; the rest is room for the other fields.
 */
export const OPEN311_BODY_LIMIT = 64 * 1024;

// ——— private helpers ———

/** the spec's "first 1000 requests" */
const MAX_RESULTS = 1_000;
const MAX_SCAN = 5_000;

const limitBody: MiddlewareHandler = bodyLimit({ maxSize: OPEN311_BODY_LIMIT, onError: (c) => open311Error(c, { kind: 'payload-too-large', limitBytes: OPEN311_BODY_LIMIT }) });

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** With keys configured, the post must carry one of them (compared in constant time); without, none is asked for. */
function keyRefusal(keys: readonly Buffer[], fields: URLSearchParams): Failure | null {
  if (keys.length === 0) return null;
  const given = formValue(fields, 'api_key');
  if (given === undefined) return { kind: 'api-key-invalid', reason: 'missing' };
  const sent = digest(given);
  let match = false;
  for (const key of keys) match = timingSafeEqual(sent, key) || match;
  return match ? null : { kind: 'api-key-invalid', reason: 'unknown' };
}

function complaintFromOpen311(fields: URLSearchParams, village: string, category: string): Record<string, unknown> {
  const first = formValue(fields, 'first_name');
  const last = formValue(fields, 'last_name');
  const phone = formValue(fields, 'phone');
  // Chinese names are family name first, without a space.
  const cjk = /[\u4e00-\u9fff]/.test(`${first ?? ''}${last ?? ''}`);
  const name = first || last ? (cjk ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ')) : undefined;
  // The spec makes the description optional: a request without one is filed under its category alone.
  const description = fields.getAll('description').find((d) => d.trim() !== '');
  const candidate: Record<string, unknown> = {
    village,
    category,
    text: description ?? `（未填写投诉内容，类别：${category}）`,
    anonymous: name === undefined && phone === undefined,
  };
  if (name !== undefined || phone !== undefined) candidate.contact = { ...(name !== undefined && { name }), ...(phone !== undefined && { phone }) };
  return candidate;
}

function open311FieldName(path: string): string {
  const names: Record<string, string> = { village: 'address_id', category: 'service_code', text: 'description', 'contact.name': 'first_name', 'contact.phone': 'phone' };
  return names[path] ?? path;
}

function missing(field: string, zh: string, en: string): Failure {
  return { kind: 'bad-request', issues: [fieldIssue(`${field}-missing`, field, `缺少 ${field}（${zh}）`, `${field} (${en}) is missing`)] };
}
