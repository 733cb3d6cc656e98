import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { createApp } from '../app.ts';
import { bearer, json, LONGGANG, MATOUXI, testApp, type TestApp } from '../test-support.ts';

/**
 * Open311 GeoReport v2, after the spec's own examples (https://wiki.open311.org/GeoReport_v2):
 * the same requests with our service codes and village codes, and responses with the spec's
 * field names.
 */

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

/** The spec's example POST, with a category for service_code and a village for the location. */
function specExamplePost(overrides: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams({
    api_key: 'xyz',
    jurisdiction_id: 'city.gov',
    service_code: '工程项目',
    lat: '37.76524078',
    long: '-122.4212043',
    address_string: '1234 5th street',
    address_id: MATOUXI,
    email: 'smit333@sfgov.edu',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'john',
    last_name: 'smith',
    phone: '13812345678',
    description: 'A large sinkhole is destroying the street 村道塌陷',
    media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
    'attribute[WHISPAWN]': '123456',
    'attribute[WHISDORN]': 'COISL001',
  });
  for (const [k, v] of Object.entries(overrides)) {
    if (v === '') params.delete(k);
    else params.set(k, v);
  }
  return params;
}

function post(body: URLSearchParams, headers: Record<string, string> = {}, app = t.app): Promise<Response> {
  return Promise.resolve(
    app.request('/open311/v2/requests.json', { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } }),
  );
}

async function specErrors(res: Response, status: number): Promise<Array<{ code: number; description: string }>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = await json(res);
  expect(Array.isArray(body)).toBe(true);
  for (const e of body) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(e.code).toBe(status);
    expect(e.description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  }
  return body;
}

describe('GET services', () => {
  it('lists one realtime service per configured category with the spec’s fields', async () => {
    const res = await t.app.request('/open311/v2/services.json?jurisdiction_id=city.gov');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const services = await json(res);
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual([...DEFAULT_COMPLAINT_CATEGORIES]);
    for (const s of services) {
      expect(Object.keys(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expect(s).toMatchObject({ metadata: true, type: 'realtime', service_name: s.service_code });
      expect(s.description).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('POST service request', () => {
  it('files the spec’s example request and answers with the public id, a notice carrying the tracking code, and account_id null', async () => {
    const res = await post(specExamplePost());
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0])).toEqual(['service_request_id', 'service_notice', 'account_id', 'tracking_code']);
    expect(body[0].service_request_id).toBe('1');
    expect(body[0].account_id).toBeNull();
    expect(body[0].tracking_code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(body[0].service_notice).toContain(body[0].tracking_code);
    const saved = await t.store.getComplaint(body[0].tracking_code.replace('-', ''));
    expect(saved).toMatchObject({
      publicId: '1',
      village: MATOUXI,
      category: '工程项目',
      text: 'A large sinkhole is destroying the street 村道塌陷',
      contact: { name: 'john smith', phone: '13812345678' },
      anonymous: false,
    });
  });

  it('writes a Chinese name family name first and files without any contact as anonymous', async () => {
    const named = await json(await post(specExamplePost({ first_name: '秀英', last_name: '张', phone: '' })));
    expect((await t.store.getComplaint(named[0].tracking_code.replace('-', '')))?.contact).toEqual({ name: '张秀英', phone: null });
    const anonymous = await json(await post(specExamplePost({ first_name: '', last_name: '', phone: '', email: '' })));
    expect(await t.store.getComplaint(anonymous[0].tracking_code.replace('-', ''))).toMatchObject({ contact: null, anonymous: true });
  });

  it('answers the spec’s errors: 404 for an unknown service_code or village, 400 for a missing service_code or an address naming no village', async () => {
    const unknown = await specErrors(await post(specExamplePost({ service_code: '001' })), 404);
    expect(unknown[0]!.description).toContain('001');
    await specErrors(await post(specExamplePost({ service_code: '' })), 400);
    const located = await specErrors(await post(specExamplePost({ address_id: '' })), 400);
    // The example's address_string (1234 5th street) names no village here; the answer says what would.
    expect(located[0]!.description).toMatch(/1234 5th street.*address_id/);
    const village = await specErrors(await post(specExamplePost({ address_id: '430802108299' })), 404);
    expect(village[0]!.description).toContain('430802108299');
    expect(await t.store.listComplaints({ scope: '' })).toHaveLength(0);
  });

  it('names the Open311 field in each validation error, one error per problem', async () => {
    const errors = await specErrors(await post(specExamplePost({ phone: '111111111', description: '塌'.repeat(4_001) })), 400);
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => /^[^（]*（(\w+)）/.exec(e.description)?.[1]).sort()).toEqual(['description', 'phone']);
  });

  it('refuses a post made by another website’s page, and anything but a form', async () => {
    await specErrors(await post(specExamplePost(), { origin: 'https://evil.example.com' }), 403);
    const asJson = await t.app.request('/open311/v2/requests.json', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await specErrors(asJson, 400);
    expect(await t.store.listComplaints({ scope: '' })).toHaveLength(0);
  });

  it('counts against the same hourly filing limit as the complaint API, answering 429 in the spec’s shape', async () => {
    const limited = await testApp({
      complaints: { categories: [...DEFAULT_COMPLAINT_CATEGORIES], deadlines: { ...DEFAULT_DEADLINES }, perHour: 1, lookupsPerMinute: 100 },
    });
    try {
      const app = createApp({ store: limited.store, config: limited.config, clock: () => new Date('2026-10-12T08:00:00Z') });
      const filed = await app.request('/api/v1/complaints', {
        method: 'POST',
        body: JSON.stringify({ village: MATOUXI, category: '其他', text: '先用 API 提交一件投诉。' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(filed.status).toBe(201);
      const res = await post(specExamplePost(), {}, app);
      await specErrors(res, 429);
      expect(res.headers.get('retry-after')).toBe('3600');
    } finally {
      await limited.cleanup();
    }
  });
});

describe('GET service requests', () => {
  async function fileThree(): Promise<string[]> {
    const ids: string[] = [];
    for (const [village, code] of [
      [MATOUXI, '财务公开'],
      [MATOUXI, '工程项目'],
      [LONGGANG, '工程项目'],
    ] as const) {
      ids.push((await json(await post(specExamplePost({ address_id: village, service_code: code }))))[0].service_request_id);
    }
    return ids;
  }

  it('lists requests newest first with the spec’s fields, open/closed status and the latest answer as status_notes', async () => {
    const [first, second, third] = await fileThree();
    const action = async (body: unknown) => {
      const res = await t.app.request(`/api/v1/staff/complaints/${first}/events`, { method: 'POST', body: JSON.stringify(body), headers: { ...bearer(t.tokens.township), 'content-type': 'application/json' } });
      expect(res.status).toBe(200);
    };
    await action({ type: 'dispatch', department: '镇财政所' });
    await action({ type: 'reply', text: '经核实账目无误，联系电话 13812345678 的群众已当面说明。' });
    await action({ type: 'close', resolution: 'Duplicate request.' });

    const res = await t.app.request('/open311/v2/requests.json?jurisdiction_id=city.gov');
    expect(res.status).toBe(200);
    const list = await json(res);
    expect(list.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([third, second, first]);
    const closed = list[2];
    expect(Object.keys(closed)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '办结：Duplicate request.',
      service_code: '财务公开',
      service_name: '财务公开',
      description: null,
      agency_responsible: '镇财政所',
      address: '马头溪村, 王家坪镇, 永定区',
      address_id: MATOUXI,
      expected_datetime: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    });
    expect(closed.requested_datetime).toMatch(/^2026-10-12T08:00:\d\d\.000Z$/);
    expect(Date.parse(closed.updated_datetime)).toBeGreaterThan(Date.parse(closed.requested_datetime));
    expect(list[0]).toMatchObject({ status: 'open', status_notes: null, agency_responsible: null, address_id: LONGGANG });
    expect(list[0].expected_datetime).toMatch(/^2026-10-14T/);
  });

  it('masks numbers in the status notes as the tracking page does', async () => {
    const [first] = await fileThree();
    for (const body of [{ type: 'dispatch', department: '镇财政所' }, { type: 'reply', text: '已联系 13812345678 的群众。' }]) {
      const res = await t.app.request(`/api/v1/staff/complaints/${first}/events`, { method: 'POST', body: JSON.stringify(body), headers: { ...bearer(t.tokens.township), 'content-type': 'application/json' } });
      expect(res.status).toBe(200);
    }
    const [one] = await json(await t.app.request(`/open311/v2/requests/${first}.json`));
    expect(one.status_notes).toMatch(/^test 430802108答复：已联系 138\*{4}5678 的群众。$/);
  });

  it('filters by status, service_code and dates, and service_request_id overrides the rest', async () => {
    const [first, second, third] = await fileThree();
    const ids = async (query: string) => (await json(await t.app.request(`/open311/v2/requests.json?${query}`))).map((r: { service_request_id: string }) => r.service_request_id);
    expect(await ids(`service_code=${encodeURIComponent('工程项目')}`)).toEqual([third, second]);
    expect(await ids(`service_code=${encodeURIComponent('工程项目,财务公开')}&status=open`)).toEqual([third, second, first]);
    expect(await ids('status=closed')).toEqual([]);
    expect(await ids('start_date=2026-10-12T00:00:00Z&end_date=2026-10-13T00:00:00Z&status=open')).toEqual([third, second, first]);
    expect(await ids('start_date=2026-09-01T00:00:00%2B08:00&end_date=2026-09-30T00:00:00%2B08:00')).toEqual([]);
    expect(await ids(`service_request_id=${first},${third},999&status=closed`)).toEqual([third, first]);
  });

  it('answers the spec’s 400 for bad dates, a range over 90 days or a bad status, and 404 for an unknown service_code', async () => {
    await specErrors(await t.app.request('/open311/v2/requests.json?start_date=yesterday'), 400);
    await specErrors(await t.app.request('/open311/v2/requests.json?start_date=2026-10-12T00:00:00'), 400);
    await specErrors(await t.app.request('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-10-01T00:00:00Z'), 400);
    await specErrors(await t.app.request('/open311/v2/requests.json?status=pending'), 400);
    await specErrors(await t.app.request('/open311/v2/requests.json?service_code=006'), 404);
  });
});

describe('GET service request', () => {
  it('answers one request as a one-element array, and the spec’s 404 for an unknown id or path', async () => {
    await post(specExamplePost());
    const res = await t.app.request('/open311/v2/requests/1.json?jurisdiction_id=city.gov');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ service_request_id: '1', status: 'open', description: null, address_id: MATOUXI });
    await specErrors(await t.app.request('/open311/v2/requests/2.json'), 404);
    await specErrors(await t.app.request('/open311/v2/requests/1.html'), 404);
    await specErrors(await t.app.request('/open311/v2/requests/TOKEN.json'), 404);
    await specErrors(await t.app.request('/open311/v2/services/001.json'), 404);
    await specErrors(await t.app.request('/open311/v2/requests.json', { method: 'DELETE' }), 404);
  });
});

describe('failures', () => {
  it('answers 500 in the spec’s shape, without internals, when the store fails', async () => {
    const broken = await testApp();
    await broken.breakStore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await broken.app.request('/open311/v2/requests.json');
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual([{ code: 500, description: expect.stringMatching(/[\u4e00-\u9fff].* \/ [A-Za-z]/) }]);
      expect(text).not.toMatch(/sqlite|database|\.ts/i);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      await broken.cleanup().catch(() => undefined);
    }
  });
});
