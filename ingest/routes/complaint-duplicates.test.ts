import type { Hono } from 'hono';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { SERVER_ENTRY } from '../../scripts/lib/astro-bundle.ts';
import { loadRenderer, type RenderFn } from '../../site/build/page-builder.ts';
import { CSRF_COOKIE } from '../csrf.ts';
import { createPortalApp } from '../portal-app.ts';
import { bearer, json, MATOUXI, testApp, WANGJIAPING_VILLAGE, type TestApp } from '../test-support.ts';

// Issue 17, "someone already reported this": the village form shows the open complaints like the
// one posted before filing it, 我也遇到 counts a villager's support instead of a duplicate, and
// API clients ask GET /api/v1/complaints/similar. Through the whole portal, so the pages are the
// real ones (the SSR bundle the test setup builds).

const SITE = 'https://cunwu.example.cn';
const CSRF = '0123456789abcdefghjkmnpqrstvwxyz';
const FIRST = '耕地地力保护补贴今年一直没有发到我家，电话13912345678，请核实。';
/** the same problem in other words: scores above the threshold against FIRST */
const SAME = '我家的耕地补贴还没有发，请查一下。';
const OTHER = '村口的路灯坏了两个月了没人修。';
const CONTACT = { name: '覃桂英', phone: '13974412345' };

let render: RenderFn;
beforeAll(async () => {
  render = await loadRenderer(SERVER_ENTRY);
});

let t: TestApp;
let portal: Hono;
let changed: string[];
beforeEach(async () => {
  t = await testApp();
  changed = [];
  portal = createPortalApp({ store: t.store, clock: () => new Date(), config: t.config, siteDir: t.config.dataDir, afterPublish: async () => {}, afterComplaint: (v) => changed.push(v), render });
});
afterEach(async () => {
  await t.cleanup();
});

/** Files by JSON, as an API client does (no look for duplicates); returns the tracking code as displayed. */
async function fileJson(text: string, village = MATOUXI, app: Hono = portal): Promise<string> {
  const res = await app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify({ village, category: '惠农补贴', text, contact: CONTACT }), headers: { 'content-type': 'application/json' } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).complaint.trackingCode as string;
}

/** A form post as the village page sends it: the CSRF cookie and field, our Origin. */
function postForm(path: string, fields: Record<string, string>, csrf: string | null = CSRF): Promise<Response> {
  const body = new URLSearchParams(fields);
  if (csrf !== null) body.set('_csrf', csrf);
  return Promise.resolve(portal.request(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${CSRF_COOKIE}=${CSRF}`, origin: SITE } }));
}

const complaintForm = (text: string, extra: Record<string, string> = {}) =>
  postForm('/api/v1/complaints', { village: MATOUXI, category: '惠农补贴', text, contact_name: '王五', contact_phone: '13800001111', website: '', ...extra });

const supportJson = (publicId: string, app: Hono = portal) =>
  Promise.resolve(app.request(`/api/v1/complaints/${publicId}/support`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));

const stored = async () => (await t.store.listComplaints({ scope: '', limit: 5_000 })).length;

async function close(publicId: string): Promise<void> {
  for (const action of [{ type: 'dispatch', department: '王家坪镇财政所' }, { type: 'reply', text: '已核实。' }, { type: 'close', resolution: '已发放。' }]) {
    const res = await portal.request(`/api/v1/staff/complaints/${publicId}/events`, { method: 'POST', body: JSON.stringify(action), headers: { ...bearer(t.tokens.township), 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  }
}

function expectNoSecret(text: string, code: string): void {
  expect(text).not.toContain(code);
  expect(text).not.toContain(code.replace('-', ''));
  expect(text).not.toContain(CONTACT.name);
  expect(text).not.toContain(CONTACT.phone);
  expect(text).not.toContain('13912345678');
}

describe('the village form, before filing', () => {
  it('shows the open complaints like it instead of filing, with everything typed kept and a 我也遇到 button each', async () => {
    const code = await fileJson(FIRST);
    const res = await complaintForm(SAME);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('这些反映可能和您的问题一样');
    expect(html).toContain('第 1 号');
    expect(html).toContain('耕地地力保护补贴今年一直没有发到我家，电话139****5678');
    expect(html).toContain('还没有其他村民点过“我也遇到”');
    expect(html).toMatch(/<form method="post" action="\/api\/v1\/complaints\/1\/support"[^>]*>\s*<input type="hidden" name="_csrf" value="0123456789abcdefghjkmnpqrstvwxyz">/);
    expect(html).toMatch(/<button[^>]*name="confirm_new" value="1"[^>]*>不一样，继续提交我的反映<\/button>/);
    // what the villager typed is all still there
    expect(html).toMatch(/<textarea[^>]*name="text"[^>]*>我家的耕地补贴还没有发，请查一下。<\/textarea>/);
    expect(html).toContain('value="王五"');
    expect(html).toContain('value="13800001111"');
    expect(html).toMatch(/<option value="惠农补贴" selected[ >]/);
    expectNoSecret(html, code);
    expect(await stored()).toBe(1);
    expect(changed).toEqual([MATOUXI]);
  });

  it('files it once the villager says theirs is another problem', async () => {
    await fileJson(FIRST);
    const res = await complaintForm(SAME, { confirm_new: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/track\/\?code=[0-9A-Z]{5}-[0-9A-Z]{5}&new=1$/);
    expect(await stored()).toBe(2);
  });

  it('files at once a complaint like none open in the village: another problem, another village’s, a closed one', async () => {
    await fileJson(FIRST, WANGJIAPING_VILLAGE);
    expect((await complaintForm(SAME)).status).toBe(303);
    await close('2');
    expect((await complaintForm(SAME)).status).toBe(303);
    expect((await complaintForm(OTHER)).status).toBe(303);
    expect(await stored()).toBe(4);
  });

  it('leaves the JSON API as it was: filed at once, similar or not', async () => {
    await fileJson(FIRST);
    await fileJson(SAME);
    expect(await stored()).toBe(2);
  });
});

describe('我也遇到', () => {
  it('counts a villager’s support from the form: in the history and the log, on the tracking page and the API, and says so', async () => {
    const code = await fileJson(FIRST);
    const logBefore = await t.store.logSize();
    const res = await postForm('/api/v1/complaints/1/support', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/v/${MATOUXI}/complaint/?supported=1`);
    const page = await (await portal.request(res.headers.get('location')!)).text();
    expect(page).toContain('已记下：第 1 号现在共有 1 位村民也遇到这个问题。您不必再重复提交。');
    expect(await t.store.logSize()).toBe(logBefore + 1);
    expect(await stored()).toBe(1);
    expect(changed).toEqual([MATOUXI, MATOUXI]);

    const followed = (await json(await portal.request(`/api/v1/complaints/${code}`))).complaint;
    expect(followed.supporters).toBe(1);
    expect(followed.events.map((e: { type: string }) => e.type)).toEqual(['received', 'support']);
    expect(followed.events[1]).toMatchObject({ actor: '群众', label: '又一位村民反映遇到同样问题' });
    const tracking = await (await portal.request(`/track/?code=${code}`)).text();
    expect(tracking).toContain('另有 1 位村民也反映遇到这个问题');
  });

  it('answers a JSON client with the number and the count, and nothing else', async () => {
    const code = await fileJson(FIRST);
    expect(await json(await supportJson('1'))).toEqual({ ok: true, publicId: '1', supporters: 1 });
    const second = await supportJson('1');
    expect(second.status).toBe(200);
    const text = await second.text();
    expect(JSON.parse(text)).toEqual({ ok: true, publicId: '1', supporters: 2 });
    expectNoSecret(text, code);
  });

  it('refuses a complaint no longer open, and a number no complaint has, changing nothing', async () => {
    const code = await fileJson(FIRST);
    await close('1');
    const logBefore = await t.store.logSize();
    const refused = await supportJson('1');
    expect(refused.status).toBe(409);
    const body = await json(refused);
    expect(body.error).toMatchObject({ code: 'invalid-transition', message: expect.stringMatching(/^投诉当前状态为“已办结”，不能再登记“我也遇到” \/ /) });
    const page = await postForm('/api/v1/complaints/1/support', {});
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toMatch(/<div class="banner warn" role="alert" id="c-notice"><p>投诉当前状态为“已办结”/);
    expectNoSecret(html, code);
    for (const unknown of ['999', 'abc', code]) {
      const res = await supportJson(unknown);
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('complaint-not-found');
    }
    expect(await t.store.logSize()).toBe(logBefore);
    expect((await json(await portal.request(`/api/v1/complaints/${code}`))).complaint.supporters).toBe(0);
  });

  it('refuses a form without its CSRF field', async () => {
    await fileJson(FIRST);
    expect((await postForm('/api/v1/complaints/1/support', {}, null)).status).toBe(403);
    expect((await t.store.getComplaintByPublicId('1'))?.events).toHaveLength(1);
  });

  it('spends the filing allowance: a support stands in for a filing', async () => {
    const limited = await testApp({ complaints: { categories: [...DEFAULT_COMPLAINT_CATEGORIES], deadlines: { ...DEFAULT_DEADLINES }, perHour: 2, lookupsPerMinute: 10 } });
    try {
      await fileJson(FIRST, MATOUXI, limited.app);
      expect((await supportJson('1', limited.app)).status).toBe(200);
      const over = await supportJson('1', limited.app);
      expect(over.status).toBe(429);
      expect((await json(over)).error.code).toBe('rate-limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.cleanup();
    }
  });
});

describe('GET /api/v1/complaints/similar', () => {
  const similar = (query: Record<string, string>, app: Hono = portal) => Promise.resolve(app.request(`/api/v1/complaints/similar?${new URLSearchParams(query).toString()}`));

  it('lists the open complaints of the village like the text, best first, at most 5, in their public shape only', async () => {
    const codes = [await fileJson(FIRST)];
    for (let i = 0; i < 5; i++) codes.push(await fileJson(`${SAME.slice(0, 7 + i)}，请查一下。`));
    await fileJson(OTHER);
    await fileJson(FIRST, WANGJIAPING_VILLAGE);
    await supportJson('1');
    const res = await similar({ village: MATOUXI, text: SAME, category: '惠农补贴' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.ok).toBe(true);
    expect(body.village).toBe(MATOUXI);
    expect(body.complaints).toHaveLength(5);
    for (const c of body.complaints) {
      expect(Object.keys(c).sort()).toEqual(['category', 'publicId', 'receivedAt', 'score', 'status', 'statusLabel', 'supporters', 'text']);
      expect(['1', '2', '3', '4', '5', '6']).toContain(c.publicId);
    }
    const scores = body.complaints.map((c: { score: number }) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const first = await json(await similar({ village: MATOUXI, text: FIRST }));
    expect(first.complaints[0]).toMatchObject({ publicId: '1', status: 'received', statusLabel: '已受理', supporters: 1, text: expect.stringContaining('139****5678') });
    for (const code of codes) expectNoSecret(text + JSON.stringify(first), code);
  });

  it('finds nothing for a text like no open complaint', async () => {
    await fileJson(FIRST);
    expect((await json(await similar({ village: MATOUXI, text: OTHER }))).complaints).toEqual([]);
  });

  it('names each wrong or missing parameter, Chinese first', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ text: SAME }, 'village'],
      [{ village: '4308', text: SAME }, 'village'],
      [{ village: MATOUXI }, 'text'],
      [{ village: MATOUXI, text: '   ' }, 'text'],
      [{ village: MATOUXI, text: SAME, category: '闲聊' }, 'category'],
    ];
    for (const [query, field] of cases) {
      const res = await similar(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const body = await json(res);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(body.errors[0].message).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Za-z"]/);
    }
    const unknown = await similar({ village: '430802108299', text: SAME });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('village-not-found');
  });

  it('is counted as a lookup', async () => {
    const limited = await testApp({ complaints: { categories: [...DEFAULT_COMPLAINT_CATEGORIES], deadlines: { ...DEFAULT_DEADLINES }, perHour: 10, lookupsPerMinute: 1 } });
    try {
      expect((await similar({ village: MATOUXI, text: SAME }, limited.app)).status).toBe(200);
      expect((await similar({ village: MATOUXI, text: SAME }, limited.app)).status).toBe(429);
    } finally {
      await limited.cleanup();
    }
  });
});
