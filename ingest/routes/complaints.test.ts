import type { Context } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { createApp } from '../app.ts';
import { CSRF_COOKIE } from '../csrf.ts';
import { bearer, json, LONGGANG, MATOUXI, testApp, WANGJIAPING_VILLAGE, type TestApp } from '../test-support.ts';
import { complaintLimits, type ComplaintFormState } from './complaints.ts';

const SITE = 'https://cunwu.example.cn';
const CSRF = '0123456789abcdefghjkmnpqrstvwxyz';
const NAME = '张秀英';
const PHONE = '13812345678';

function fileJson(t: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    t.app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
  );
}

function complaint(overrides: Record<string, unknown> = {}) {
  return { village: MATOUXI, category: '惠农补贴', text: '第17行的补贴金额和我家实际领到的不一样，请核实。', ...overrides };
}

/** A form post as the village page sends it: the CSRF cookie and field, our Origin. */
function postForm(
  app: { request: TestApp['app']['request'] },
  path: string,
  fields: Record<string, string>,
  options: { cookie?: string | null; origin?: string | null; field?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const cookie = options.cookie === undefined ? CSRF : options.cookie;
  const field = options.field === undefined ? CSRF : options.field;
  const origin = options.origin === undefined ? SITE : options.origin;
  const body = new URLSearchParams(fields);
  if (field !== null) body.set('_csrf', field);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  if (cookie !== null) headers.cookie = `${CSRF_COOKIE}=${cookie}`;
  if (origin !== null) headers.origin = origin;
  return Promise.resolve(app.request(path, { method: 'POST', body: body.toString(), headers }));
}

const formFields = (overrides: Record<string, string> = {}) => ({
  village: MATOUXI,
  category: '工程项目',
  text: '村道硬化工程验收后三个月就开裂了，请派人查看。',
  publicationId: '',
  row: '',
  contact_name: NAME,
  contact_phone: PHONE,
  website: '',
  ...overrides,
});

async function stored(t: TestApp): Promise<number> {
  return (await t.store.listComplaints({ scope: '', limit: 5_000 })).length;
}

async function filed(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await fileJson(t, complaint(overrides));
  expect(res.status).toBe(201);
  return (await json(res)).complaint.trackingCode as string;
}

/** A staff action on the complaint filed with `code`; staff address it by its public number, which the store gives here. */
async function act(t: TestApp, code: string, token: string, action: unknown): Promise<Response> {
  const publicId = (await t.store.getComplaint(code.replace('-', '')))?.publicId ?? '0';
  return t.app.request(`/api/v1/staff/complaints/${publicId}/events`, { method: 'POST', body: JSON.stringify(action), headers: { ...bearer(token), 'content-type': 'application/json' } });
}

function feedback(t: TestApp, code: string, body: unknown): Promise<Response> {
  return Promise.resolve(t.app.request(`/api/v1/complaints/${code}/feedback`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
}

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

describe('filing a complaint', () => {
  it('files JSON and answers 201 with the tracking code, the status and the tracking page only once it is stored', async () => {
    const res = await fileJson(t, complaint({ contact: { name: NAME, phone: PHONE } }));
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.ok).toBe(true);
    expect(Object.keys(body.complaint).sort()).toEqual(['status', 'trackingCode', 'url']);
    expect(body.complaint.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(body.complaint.status).toBe('received');
    expect(body.complaint.url).toBe(`${SITE}/track/?code=${body.complaint.trackingCode}`);
    const saved = await t.store.getComplaint(body.complaint.trackingCode.replace('-', ''));
    expect(saved).toMatchObject({ village: MATOUXI, category: '惠农补贴', contact: { name: NAME, phone: PHONE }, status: 'received' });
  });

  it('files the village page form and sends the browser to the tracking page', async () => {
    const res = await postForm(t.app, '/api/v1/complaints', formFields({ publicationId: 'p-2026q3', row: '17' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    const match = /^\/track\/\?code=([0-9A-Z]{5}-[0-9A-Z]{5})&new=1$/.exec(location);
    expect(match, location).not.toBeNull();
    const saved = await t.store.getComplaint(match![1]!.replace('-', ''));
    expect(saved).toMatchObject({ category: '工程项目', publicationId: 'p-2026q3', row: 17, contact: { name: NAME, phone: PHONE }, anonymous: false });
  });

  it('keeps no contact at all when the villager ticks anonymous', async () => {
    const res = await postForm(t.app, '/api/v1/complaints', formFields({ anonymous: '1' }));
    const code = /code=([^&]+)/.exec(res.headers.get('location') ?? '')![1]!;
    expect(await t.store.getComplaint(code.replace('-', ''))).toMatchObject({ contact: null, anonymous: true });
  });

  it('names each wrong field, Chinese first, and stores nothing', async () => {
    const res = await fileJson(t, { village: '4308', category: '闲聊', text: '短', contact: { phone: '12345' }, colour: 'red' });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe('invalid-complaint');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['category', 'colour', 'contact.phone', 'text', 'village']);
    for (const e of body.errors) expect(e.message).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Za-z"]/);
    expect(await stored(t)).toBe(0);
  });

  it('says which field is missing, and refuses malformed JSON and other content types', async () => {
    const missing = await json(await fileJson(t, { village: MATOUXI, text: '第17行的金额不对，请核实。' }));
    expect(missing.errors).toEqual([expect.objectContaining({ code: 'category-missing', field: 'category', message: expect.stringMatching(/^缺少投诉类别/) })]);
    const broken = await t.app.request('/api/v1/complaints', { method: 'POST', body: '{"village":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const plain = await t.app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(complaint()), headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(await stored(t)).toBe(0);
  });

  it('answers 404 for a village that is not in the region, or is a township', async () => {
    for (const village of ['430802108299', '430802108000']) {
      const res = await fileJson(t, complaint({ village }));
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('village-not-found');
    }
    expect(await stored(t)).toBe(0);
  });

  it('hands form errors to the page with the form field names and what was typed', async () => {
    const states: ComplaintFormState[] = [];
    const app = createApp({
      store: t.store,
      config: t.config,
      clock: () => new Date(),
      complaintForm: (c: Context, state) => {
        states.push(state);
        return c.html('<p>请修改</p>', 422);
      },
    });
    const res = await postForm(app, '/api/v1/complaints', formFields({ contact_phone: '555', text: '太短' }));
    expect(res.status).toBe(422);
    expect(await res.text()).toBe('<p>请修改</p>');
    expect(states).toHaveLength(1);
    expect(states[0]!.village).toBe(MATOUXI);
    expect(states[0]!.values).toMatchObject({ contact_phone: '555', text: '太短', contact_name: NAME });
    expect(states[0]!.values).not.toHaveProperty('_csrf');
    expect(states[0]!.issues.map((i) => i.field).sort()).toEqual(['contact_phone', 'text']);
    expect(await stored(t)).toBe(0);
  });

  it('shows the form again for an expired form (403) and for too many posts (429, with Retry-After)', async () => {
    const states: ComplaintFormState[] = [];
    const limits = { categories: [...DEFAULT_COMPLAINT_CATEGORIES], deadlines: { ...DEFAULT_DEADLINES }, perHour: 2, lookupsPerMinute: 10 };
    const app = createApp({
      store: t.store,
      config: { ...t.config, complaints: limits },
      clock: () => new Date('2026-10-12T08:00:00.000Z'),
      complaintForm: (c: Context, state) => {
        states.push(state);
        return c.html('<form></form>', state.status);
      },
    });
    const expired = await postForm(app, '/api/v1/complaints', formFields(), { cookie: null });
    expect(expired.status).toBe(403);
    expect(states[0]).toMatchObject({ village: MATOUXI, status: 403, issues: [{ code: 'csrf-failed', field: null }] });
    expect(states[0]!.values.text).toBe(formFields().text);
    expect((await postForm(app, '/api/v1/complaints', formFields())).status).toBe(303);
    const tooMany = await postForm(app, '/api/v1/complaints', formFields());
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('retry-after')).toBe('3600');
    expect(states[1]).toMatchObject({ status: 429, issues: [{ code: 'rate-limited' }] });
    expect(await stored(t)).toBe(1);
  });

  it('tells the site which village’s figures changed, after filing and after every step', async () => {
    const changed: string[] = [];
    const app = createApp({ store: t.store, config: t.config, clock: () => new Date(), afterComplaint: (v) => changed.push(v) });
    const res = await app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(complaint({ village: LONGGANG })), headers: { 'content-type': 'application/json' } });
    const code = (await json(res)).complaint.trackingCode as string;
    const publicId = (await t.store.getComplaint(code.replace('-', '')))!.publicId;
    expect(changed).toEqual([LONGGANG]);
    const events = (body: unknown) =>
      app.request(`/api/v1/staff/complaints/${publicId}/events`, { method: 'POST', body: JSON.stringify(body), headers: { ...bearer(t.tokens.county), 'content-type': 'application/json' } });
    await events({ type: 'dispatch', department: '乡纪委' });
    await events({ type: 'close', resolution: '不能直接办结' }); // refused: nothing changed
    await events({ type: 'reply', text: '已答复。' });
    await app.request(`/api/v1/complaints/${code}/feedback`, { method: 'POST', body: '{"satisfied":true}', headers: { 'content-type': 'application/json' } });
    expect(changed).toEqual([LONGGANG, LONGGANG, LONGGANG, LONGGANG]);
  });

  it('answers form errors with 422 JSON when no page renders them', async () => {
    const res = await postForm(t.app, '/api/v1/complaints', formFields({ category: '' }));
    expect(res.status).toBe(422);
    expect((await json(res)).errors.map((e: { field: string }) => e.field)).toEqual(['category']);
  });
});

describe('form protection', () => {
  const cases: Array<[string, Parameters<typeof postForm>[3]]> = [
    ['no CSRF cookie', { cookie: null }],
    ['no CSRF field', { field: null }],
    ['a field that does not match the cookie', { field: 'zyxwvutsrqpnmkjhgfedcba987654321' }],
    ['a post from another site', { origin: 'https://evil.example.com' }],
    ['a post from an opaque origin', { origin: 'null' }],
    ['a cross-site post without Origin', { origin: null, headers: { 'sec-fetch-site': 'cross-site' } }],
  ];
  it.each(cases)('refuses %s with 403 and stores nothing', async (_name, options) => {
    const res = await postForm(t.app, '/api/v1/complaints', formFields(), options);
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('csrf-failed');
    expect(await stored(t)).toBe(0);
  });

  it('accepts a post without Origin when cookie and field agree (older browsers send none)', async () => {
    expect((await postForm(t.app, '/api/v1/complaints', formFields(), { origin: null })).status).toBe(303);
  });

  it('quietly refuses a form whose hidden honeypot field was filled, storing nothing', async () => {
    const res = await postForm(t.app, '/api/v1/complaints', formFields({ website: 'http://cheap-pills.example' }));
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe('submission-rejected');
    expect(JSON.stringify(body)).not.toMatch(/website|honeypot/i);
    expect(await stored(t)).toBe(0);
  });

  it('refuses a body over 32 KB with 413, and takes a full 2,000-character complaint posted as a form', async () => {
    const big = await t.app.request('/api/v1/complaints', {
      method: 'POST',
      body: JSON.stringify(complaint({ text: '长'.repeat(11_000) })),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe('payload-too-large');
    const longest = await postForm(t.app, '/api/v1/complaints', formFields({ text: '补'.repeat(2_000) }));
    expect(longest.status).toBe(303);
    expect(await stored(t)).toBe(1);
  });

  it('refuses a chunked body without Content-Length once it passes the limit, without reading it to the end', async () => {
    const chunk = new Uint8Array(4 * 1024).fill(0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost/api/v1/complaints', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const res = await t.app.request(request);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(32 * 1024 + 4 * chunk.length);
    expect(await stored(t)).toBe(0);
  });

  it('refuses a body longer than its Content-Length says', async () => {
    const body = JSON.stringify(complaint({ text: '长'.repeat(11_000) }));
    const res = await t.app.request('/api/v1/complaints', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': '200' } });
    expect(res.status).toBe(413);
  });
});

describe('following a complaint and the staff workflow', () => {
  it('goes received → dispatched → replied → closed, each step dated and signed; unsatisfied feedback reopens it', async () => {
    const code = await filed(t, { contact: { name: NAME, phone: PHONE } });
    const steps: Array<[unknown, string]> = [
      [{ type: 'dispatch', department: '镇农经站' }, 'dispatched'],
      [{ type: 'reply', text: '经核实，第17行金额录入有误，已更正并补发。' }, 'replied'],
      [{ type: 'close', resolution: '已补发差额 120 元。' }, 'closed'],
    ];
    for (const [action, status] of steps) {
      const res = await act(t, code, t.tokens.township, action);
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.complaint.status).toBe(status);
      expect(body.complaint.contact).toEqual({ name: NAME, phone: PHONE });
      expect(body.complaint.events.at(-1)).toMatchObject({ actor: 'test 430802108', at: expect.stringMatching(/^2026-10-12T08:00:\d\d\.000Z$/) });
    }
    const unhappy = await feedback(t, code, { satisfied: false, comment: '钱还没到账。' });
    expect(unhappy.status).toBe(200);
    const after = await json(unhappy);
    expect(after.complaint.status).toBe('received');
    expect(after.complaint.events.map((e: { type: string }) => e.type)).toEqual(['received', 'dispatch', 'reply', 'close', 'feedback', 'reopen']);

    const res = await t.app.request(`/api/v1/complaints/${code.toLowerCase().replace('-', ' ')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const shown = (await json(res)).complaint;
    expect(shown.trackingCode).toBe(code);
    expect(shown.department).toBe('镇农经站');
    expect(shown.events.map((e: { label: string }) => e.label)).toEqual(['已受理', '转交办理', '部门答复', '办结', '群众评价', '重新办理']);
    for (const e of shown.events) expect(e.at).toMatch(/^2026-10-12T/);
    expect(shown.events[2]).toMatchObject({ type: 'reply', text: '经核实，第17行金额录入有误，已更正并补发。', actor: 'test 430802108' });
  });

  it('takes feedback from the tracking page form and sends the browser back to it', async () => {
    const code = await filed(t);
    await act(t, code, t.tokens.township, { type: 'dispatch', department: '镇纪委' });
    await act(t, code, t.tokens.township, { type: 'reply', text: '已答复。' });
    const res = await postForm(t.app, `/api/v1/complaints/${code}/feedback`, { satisfied: '1', comment: '满意' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/track/?code=${code}`);
    const saved = await t.store.getComplaint(code.replace('-', ''));
    expect(saved?.events.at(-1)).toMatchObject({ type: 'feedback', satisfied: true, comment: '满意' });
    expect((await postForm(t.app, `/api/v1/complaints/${code}/feedback`, { satisfied: '0' }, { cookie: null })).status).toBe(403);
  });

  it('answers 409 to an invalid transition and to feedback before any answer or twice for one', async () => {
    const code = await filed(t);
    const early = await act(t, code, t.tokens.township, { type: 'close', resolution: '已处理' });
    expect(early.status).toBe(409);
    expect((await json(early)).error).toMatchObject({ code: 'invalid-transition', message: expect.stringMatching(/已受理.* \/ .*received/) });
    expect((await feedback(t, code, { satisfied: true })).status).toBe(409);
    await act(t, code, t.tokens.township, { type: 'dispatch', department: '镇纪委' });
    await act(t, code, t.tokens.township, { type: 'reply', text: '已答复。' });
    expect((await feedback(t, code, { satisfied: true })).status).toBe(200);
    expect((await feedback(t, code, { satisfied: true })).status).toBe(409);
  });
});

describe('privacy', () => {
  it('keeps the contact out of every public response', async () => {
    const res = await fileJson(t, complaint({ contact: { name: NAME, phone: PHONE } }));
    const created = await res.text();
    const code = JSON.parse(created).complaint.trackingCode as string;
    await act(t, code, t.tokens.township, { type: 'dispatch', department: '镇农经站' });
    await act(t, code, t.tokens.township, { type: 'reply', text: '已核实。' });
    const publicBodies = [
      created,
      await (await t.app.request(`/api/v1/complaints/${code}`)).text(),
      await (await feedback(t, code, { satisfied: false, comment: '不满意' })).text(),
      await (await t.app.request('/open311/v2/requests.json')).text(),
      await (await t.app.request('/open311/v2/requests/1.json')).text(),
    ];
    for (const body of publicBodies) {
      expect(body).not.toContain(NAME);
      expect(body).not.toContain(PHONE);
      expect(body).not.toMatch(/contact/i);
    }
    expect(publicBodies[3]).not.toContain(code);
  });
});

describe('rate limits', () => {
  let clock: { now: Date };
  let address: string;
  let limited: TestApp;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    limited = await testApp({ complaints: { categories: [...DEFAULT_COMPLAINT_CATEGORIES], deadlines: { ...DEFAULT_DEADLINES }, perHour: 2, lookupsPerMinute: 3 }, trustedProxies: ['10.0.0.5'] });
  });
  afterAll(async () => {
    await limited.cleanup();
  });
  beforeEach(() => {
    clock = { now: new Date('2026-10-12T08:00:00.000Z') };
    address = '203.0.113.9';
    app = createApp({ store: limited.store, config: limited.config, clock: () => clock.now, remoteAddress: () => address });
  });
  const post = (headers: Record<string, string> = {}) =>
    app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(complaint()), headers: { 'content-type': 'application/json', ...headers } });

  it('allows perHour filings per client, then 429 with Retry-After and the envelope, then again after the hour', async () => {
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    clock.now = new Date('2026-10-12T08:30:00.000Z');
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1800');
    const body = await json(refused);
    expect(body).toMatchObject({ ok: false, error: { code: 'rate-limited' }, errors: [] });
    expect(body.error.message).toMatch(/30 分钟.* \/ .*1800 s/);
    address = '198.51.100.20';
    expect((await post()).status).toBe(201);
    address = '203.0.113.9';
    clock.now = new Date('2026-10-12T09:00:00.000Z');
    expect((await post()).status).toBe(201);
  });

  it('limits tracking-code lookups and feedback together per minute', async () => {
    for (let i = 0; i < 2; i++) expect((await app.request('/api/v1/complaints/ZZZZZ-ZZZZZ')).status).toBe(404);
    const fb = await app.request('/api/v1/complaints/ZZZZZ-ZZZZZ/feedback', { method: 'POST', body: '{"satisfied":true}', headers: { 'content-type': 'application/json' } });
    expect(fb.status).toBe(404);
    const refused = await app.request('/api/v1/complaints/ZZZZZ-ZZZZZ');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    clock.now = new Date('2026-10-12T08:01:00.000Z');
    expect((await app.request('/api/v1/complaints/ZZZZZ-ZZZZZ')).status).toBe(404);
  });

  it('spends one allowance across apps given the same limits, as the portal gives the API and the tracking page', async () => {
    const limits = complaintLimits({ config: limited.config, clock: () => clock.now, remoteAddress: () => address });
    const one = createApp({ store: limited.store, config: limited.config, clock: () => clock.now, complaintLimits: limits });
    const other = createApp({ store: limited.store, config: limited.config, clock: () => clock.now, complaintLimits: limits });
    for (const a of [one, other, one]) expect((await a.request('/api/v1/complaints/ZZZZZ-ZZZZZ')).status).toBe(404);
    expect((await other.request('/api/v1/complaints/ZZZZZ-ZZZZZ')).status).toBe(429);
    expect((await one.request('/api/v1/complaints/ZZZZZ-ZZZZZ/feedback', { method: 'POST', body: '{"satisfied":true}', headers: { 'content-type': 'application/json' } })).status).toBe(429);
    // An app with limits of its own still has its allowance: the sharing is by the object handed over.
    expect((await app.request('/api/v1/complaints/ZZZZZ-ZZZZZ')).status).toBe(404);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // Spoofing the header from an ordinary address does not get a fresh allowance.
    expect((await post({ 'x-forwarded-for': '1.1.1.1' })).status).toBe(201);
    expect((await post({ 'x-forwarded-for': '2.2.2.2' })).status).toBe(201);
    expect((await post({ 'x-forwarded-for': '3.3.3.3' })).status).toBe(429);
    // Through the proxy, each villager is counted on their own.
    address = '10.0.0.5';
    expect((await post({ 'x-forwarded-for': '198.51.100.1' })).status).toBe(201);
    expect((await post({ 'x-forwarded-for': '198.51.100.2' })).status).toBe(201);
    expect((await post({ 'x-forwarded-for': '9.9.9.9, 198.51.100.2' })).status).toBe(201);
    expect((await post({ 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);
  });
});

describe('nothing lost', () => {
  it('answers 201 to 200 concurrent submissions and has every one of them afterwards', async () => {
    const villages = [MATOUXI, WANGJIAPING_VILLAGE, LONGGANG];
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => fileJson(t, complaint({ village: villages[i % 3], text: `第 ${i} 号投诉：补贴金额不对，请核实。` }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const codes = await Promise.all(responses.map(async (r) => (await json(r)).complaint.trackingCode as string));
    expect(new Set(codes).size).toBe(200);
    expect(await stored(t)).toBe(200);
    for (const code of codes) expect(await t.store.getComplaint(code.replace('-', ''))).not.toBeNull();
    const ids = (await t.store.listComplaints({ scope: '', limit: 5_000 })).map((c) => Number(c.publicId)).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});
