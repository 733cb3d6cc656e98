import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MATOUXI, testApp, type TestApp } from '../test-support.ts';
import { expectErrors, read, xmlParser } from '../open311-test-support.ts';

/**
 * Open311 as real clients use it. FixMyStreet's client is modelled on mysociety/fixmystreet
 * perllib/Open311.pm (`_populate_service_request_params`, `_request`, `_get_xml_object`,
 * `_process_error`) and its tests t/open311.t and t/open311/getservicerequests.t: it asks for XML,
 * posts lat/long (never an address unless the report has no pin), the name split in two, email,
 * an extended description, `attribute[…]` for a service definition's fields, repeated
 * `media_url`, `jurisdiction_id` and, when it has one, `api_key`; it reads the reply's
 * `<service_requests><request><service_request_id>` and an error's `<errors><error><code>`.
 */

const KEY = 'fms-key-0123456789abcdef';
let t: TestApp;
beforeEach(async () => {
  t = await testApp({ open311: { apiKeys: [KEY, 'another-key-0123456789'] } });
});
afterEach(async () => {
  await t.cleanup();
});

/** What FixMyStreet posts for a pinned report in a category whose definition has a `village` field. */
function fixMyStreetPost(overrides: Record<string, string | null> = {}): string {
  const params = new URLSearchParams({
    description: 'title: 村道塌陷\n\ndetail: 村口到小学的路塌了一个大坑，下雨天孩子上学很危险。\n\nurl: http://fixmystreet.example.cn/report/80\n\nSubmitted via FixMyStreet\n',
    service_code: '工程项目',
    first_name: 'Test',
    last_name: 'User',
    email: 'test@example.com',
    lat: '29.123456',
    long: '110.456789',
    'attribute[village]': '王家坪镇马头溪村',
    'attribute[fixmystreet_id]': '80',
    'attribute[title]': '村道塌陷',
    jurisdiction_id: 'example.org',
    api_key: KEY,
  });
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) params.delete(k);
    else params.set(k, v);
  }
  // multi_photos: an array becomes the same name repeated
  params.append('media_url', 'http://fixmystreet.example.cn/photo/80.0.full.jpeg');
  params.append('media_url', 'http://fixmystreet.example.cn/photo/80.1.full.jpeg');
  return params.toString();
}

function postXml(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(t.app.request('/open311/v2/requests.xml', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }));
}

describe('FixMyStreet’s client', () => {
  it('files its XML post, naming the village by the definition’s attribute, and finds the service_request_id where it looks', async () => {
    const res = await postXml(fixMyStreetPost());
    expect(res.status).toBe(201);
    const text = await res.text();
    const obj = xmlParser.parse(text) as { service_requests: { request: Array<Record<string, unknown>> } };
    // $obj->{request}->[0]->{service_request_id}, a plain value
    expect(obj.service_requests.request[0]!.service_request_id).toBe('1');
    const code = String(obj.service_requests.request[0]!.tracking_code);
    expect(await t.store.getComplaint(code.replace('-', ''))).toMatchObject({
      village: MATOUXI,
      category: '工程项目',
      text: expect.stringMatching(/^title: 村道塌陷\n\ndetail: 村口到小学的路塌了一个大坑/),
      contact: { name: 'Test User', phone: null },
    });
  });

  it('gets the spec’s XML 400 for a post with only lat/long, which its error parser reads as “400: …”', async () => {
    const res = await postXml(fixMyStreetPost({ 'attribute[village]': null }));
    expect(res.status).toBe(400);
    const obj = xmlParser.parse(await res.text()) as { errors: { error: Array<{ code: string; description: string }> } };
    expect(obj.errors.error).toHaveLength(1);
    expect(obj.errors.error[0]!.code).toBe('400');
    expect(obj.errors.error[0]!.description).toMatch(/经纬度.*attribute\[village\]/);
    expect(await t.store.listComplaints({ scope: '' })).toHaveLength(0);
  });

  it('reads requests.xml with its W3C date window, as its request fetcher does', async () => {
    expect((await postXml(fixMyStreetPost())).status).toBe(201);
    const { status, body } = await read(t.app.request('/open311/v2/requests.xml?jurisdiction_id=example.org&start_date=2026-10-12T15:00:00%2B08:00&end_date=2026-10-12T17:00:00%2B08:00'), 'xml');
    expect(status).toBe(200);
    expect(body).toMatchObject([{ service_request_id: '1', status: 'open', service_code: '工程项目', address_id: MATOUXI, description: null }]);
  });
});

describe('api_key', () => {
  it('refuses a post without one of the configured keys with the spec’s 403, and files with one', async () => {
    const missing = await expectErrors(read(postXml(fixMyStreetPost({ api_key: null })), 'xml'), 403);
    expect(missing[0]!.description).toMatch(/api_key/);
    await expectErrors(read(postXml(fixMyStreetPost({ api_key: 'fms-key-0123456789abcdeX' })), 'xml'), 403);
    expect(await t.store.listComplaints({ scope: '' })).toHaveLength(0);
    expect((await postXml(fixMyStreetPost({ api_key: 'another-key-0123456789' }))).status).toBe(201);
  });

  it('is never asked for to read, and the discovery document says filing needs one', async () => {
    for (const path of ['/open311/v2/services.xml', '/open311/v2/requests.json', `/open311/v2/services/${encodeURIComponent('其他')}.xml`]) {
      expect((await t.app.request(path)).status, path).toBe(200);
    }
    const { body } = await read(t.app.request('/open311/discovery.json'), 'json');
    expect(body.key_service).toMatch(/须提供 api_key/);
  });
});

describe('description', () => {
  it('is optional: a request without one is filed under its category', async () => {
    const res = await postXml(fixMyStreetPost({ description: '' }));
    expect(res.status).toBe(201);
    const code = String((xmlParser.parse(await res.text()) as { service_requests: { request: Array<Record<string, unknown>> } }).service_requests.request[0]!.tracking_code);
    expect((await t.store.getComplaint(code.replace('-', '')))?.text).toBe('（未填写投诉内容，类别：工程项目）');
  });

  it('takes up to the spec’s 4,000 characters, Chinese ones too, and names description past that', async () => {
    const full = '村'.repeat(4_000);
    const res = await postXml(fixMyStreetPost({ description: full }));
    expect(res.status).toBe(201);
    expect((await t.store.listComplaints({ scope: '' }))[0]?.text).toBe(full);
    const errors = await expectErrors(read(postXml(fixMyStreetPost({ description: `${full}村` })), 'xml'), 400);
    expect(errors[0]!.description).toMatch(/description.*4000/);
  });

  it('takes a description of a word or two: the spec sets no minimum', async () => {
    const res = await postXml(fixMyStreetPost({ description: '路灯' }));
    expect(res.status).toBe(201);
    expect((await t.store.listComplaints({ scope: '' }))[0]?.text).toBe('路灯');
  });
});

describe('CORS', () => {
  it('lets any site’s page read, and gives a post no CORS headers', async () => {
    const foreign = { origin: 'https://civic-app.example.org' };
    for (const path of ['/open311/v2/services.json', '/open311/v2/requests.xml', '/open311/discovery.xml', '/open311/v2/requests/99.json']) {
      expect((await t.app.request(path, { headers: foreign })).headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const preflight = await t.app.request('/open311/v2/requests.json', { method: 'OPTIONS', headers: { ...foreign, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
    const sameSite = await postXml(fixMyStreetPost(), { origin: 'https://cunwu.example.cn' });
    expect(sameSite.status).toBe(201);
    expect(sameSite.headers.get('access-control-allow-origin')).toBeNull();
    const crossSite = await postXml(fixMyStreetPost(), foreign);
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('access-control-allow-origin')).toBeNull();
  });
});
