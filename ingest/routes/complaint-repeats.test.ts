import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { CSRF_COOKIE } from '../csrf.ts';
import { json, MATOUXI, testApp, type TestApp } from '../test-support.ts';

// A villager on a 3G line taps 提交 twice, or WeChat posts the form again after the first answer
// was lost: the complaint is filed once, and every post of that form is sent to its tracking page —
// also when the repeat reaches another portal process (ingest/submit-once.ts, form-submissions.ts).

const SITE = 'https://cunwu.example.cn';
const CSRF = '0123456789abcdefghjkmnpqrstvwxyz';
const FORM_KEY = 'Zq3x9LmN0pQrStUvWxYz1A';

function postForm(app: { request: TestApp['app']['request'] }, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({ ...fields, _csrf: CSRF });
  return Promise.resolve(
    app.request('/api/v1/complaints', { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${CSRF_COOKIE}=${CSRF}`, origin: SITE } }),
  );
}

const form = (overrides: Record<string, string> = {}) => ({
  village: MATOUXI,
  category: '工程项目',
  text: '村道硬化工程验收后三个月就开裂了，请派人查看。',
  form_key: FORM_KEY,
  website: '',
  // the similar-complaint step is not this test's business
  confirm_new: '1',
  ...overrides,
});

function fileJson(app: { request: TestApp['app']['request'] }, body: unknown, key?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) };
  return Promise.resolve(app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(body), headers }));
}

const stored = async (t: TestApp) => (await t.store.listComplaints({ scope: '', limit: 5_000 })).length;

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

describe('the village page form posted again', () => {
  it('files a form posted twice at once once, and sends both posts to its tracking page', async () => {
    const [first, second] = await Promise.all([postForm(t.app, form()), postForm(t.app, form())]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toMatch(/^\/track\/\?code=[0-9A-Z]{5}-[0-9A-Z]{5}&new=1$/);
    expect(await stored(t)).toBe(1);
    // sent again later (the page reloaded): still the same complaint
    const later = await postForm(t.app, form());
    expect(later.headers.get('location')).toBe(first.headers.get('location'));
    expect(await stored(t)).toBe(1);
  });

  it('files the same form once when the repeat reaches another portal process on the same store', async () => {
    const other = createApp({ store: await t.connect(), config: t.config, clock: () => new Date('2026-10-12T08:00:30.000Z') });
    const [first, second] = await Promise.all([postForm(t.app, form()), postForm(other, form())]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await stored(t)).toBe(1);
  });

  it('files a second complaint when the words changed, or the form is another one', async () => {
    const first = await postForm(t.app, form());
    const changed = await postForm(t.app, form({ text: '村道硬化工程验收后三个月就开裂了，另外排水沟也堵了。' }));
    const another = await postForm(t.app, form({ form_key: 'AnotherFormKey0123456789' }));
    const locations = new Set([first, changed, another].map((r) => r.headers.get('location')));
    expect(locations.size).toBe(3);
    expect(await stored(t)).toBe(3);
  });

  it('files every post of a form without a key (a page cached before keys) as before', async () => {
    await postForm(t.app, form({ form_key: '' }));
    await postForm(t.app, form({ form_key: '' }));
    expect(await stored(t)).toBe(2);
  });

  it('keeps nothing of a post whose filing failed: the same form sent again is filed', async () => {
    let failures = 1;
    const flaky = new Proxy(t.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'fileComplaint' || typeof value !== 'function') return value;
        return (...args: unknown[]) => (failures-- > 0 ? Promise.reject(new Error('the database went away')) : (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    const app = createApp({ store: flaky, config: t.config, clock: () => new Date('2026-10-12T08:00:30.000Z') });
    expect((await postForm(app, form())).status).toBe(500);
    expect(await stored(t)).toBe(0);
    expect((await postForm(app, form())).status).toBe(303);
    expect(await stored(t)).toBe(1);
  });
});

describe('the JSON API with an Idempotency-Key', () => {
  const body = { village: MATOUXI, category: '惠农补贴', text: '第17行的补贴金额和我家实际领到的不一样，请核实。' };

  it('answers a retry with the same key and body with the same complaint', async () => {
    const key = '3f2c9d1e-8a47-4b6e-9c05-71d2e6a4b8f0';
    const [first, retry] = await Promise.all([fileJson(t.app, body, key), fileJson(t.app, body, key)]);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect((await json(retry)).complaint).toEqual((await json(first)).complaint);
    expect(await stored(t)).toBe(1);
    // the longest key the header takes, and another key: another complaint
    expect((await fileJson(t.app, body, 'k'.repeat(255))).status).toBe(201);
    expect((await fileJson(t.app, body)).status).toBe(201);
    expect(await stored(t)).toBe(3);
  });

  it('refuses a malformed key, and one short enough to guess (its repeat would give away the tracking code), naming the header', async () => {
    for (const key of ['é'.repeat(20), 'retry-key-1']) {
      const res = await fileJson(t.app, body, key);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await json(res))).toContain('Idempotency-Key 须为 16–255');
    }
    expect(await stored(t)).toBe(0);
  });
});
