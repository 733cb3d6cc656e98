import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newComplaint, staffAction } from '../../data/complaints/complaint-workflow.ts';
import { displayTrackingCode, trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The complaint form and the tracking page, rendered per request through the portal on one
// port, and the complaint figures on the static pages kept fresh by the refresher.
const MATOUXI = '430802108214';
const CONTACT = { name: '覃桂英', phone: '13974412345' };

let portal: PortalFixture;
let ledgerId = '';
beforeAll(async () => {
  portal = await openPortalFixture({}, { pagesIntervalMs: 20 });
  ledgerId = (await portal.publishLedger()).publication.id;
});
afterAll(async () => {
  await portal?.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(portal.app.request(path, { headers }));

/** Opens the complaint page as a browser would: the page's CSRF cookie and hidden field. */
async function openForm(): Promise<{ cookie: string; csrf: string; html: string }> {
  const res = await get(`/v/${MATOUXI}/complaint/`);
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const html = await res.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { cookie, csrf, html };
}

function post(path: string, fields: Record<string, string>, cookie: string) {
  return Promise.resolve(
    portal.app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

describe('the complaint page', () => {
  it('shows the form for the village with a CSRF field and cookie, a honeypot and the note that contacts stay private', async () => {
    const { cookie, csrf, html } = await openForm();
    expect(cookie).toMatch(/^cw_csrf=[0-9a-z]{32}$/);
    expect(csrf).toBe(cookie.split('=')[1]);
    expect(html).toContain('马头溪村');
    expect(html).toContain('永定区 · 王家坪镇');
    expect(html).toMatch(/<form method="post" action="\/api\/v1\/complaints"[^>]*enctype="application\/x-www-form-urlencoded"/);
    expect(html).toMatch(/<textarea[^>]*name="text"[^>]*maxlength="2000"/);
    // the minimum said before a mistake, and kept by the browser with JavaScript off
    expect(html).toMatch(/<textarea[^>]*name="text"[^>]*minlength="5"/);
    expect(html).toContain('至少 5 个字，最多 2000 字');
    expect(html).toMatch(/<input[^>]*name="website"[^>]*tabindex="-1"[^>]*autocomplete="off"/);
    expect(html).toContain('不会公开');
    expect(html).toContain('href="/track/"');
    for (const category of portal.config.complaints.categories) expect(html).toContain(`<option value="${category}"`);
    expect(html).not.toMatch(/<script/);
  });

  it('is not cached or indexed, since it carries a token', async () => {
    const res = await get(`/v/${MATOUXI}/complaint/`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    // the browser must name this site as the form's origin for the CSRF check; other pages keep no-referrer
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect((await get(`/v/${MATOUXI}/`)).headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('names the row it is about when opened from a publication row, and the publication page links every row to it', async () => {
    const publicationPage = await (await get(`/v/${MATOUXI}/p/${ledgerId}/`)).text();
    expect(publicationPage).toMatch(new RegExp(`href="/v/${MATOUXI}/complaint/\\?p=${ledgerId}(&#38;|&amp;)r=5"`));
    expect(publicationPage).toContain('对这一行有疑问');
    const html = await (await get(`/v/${MATOUXI}/complaint/?p=${ledgerId}&r=5`)).text();
    expect(html).toContain('第5行：');
    expect(html).toContain('土地流转');
    expect(html).toContain(`<input type="hidden" name="publicationId" value="${ledgerId}"`);
    expect(html).toContain('<input type="hidden" name="row" value="5"');
  });

  it('answers an unknown village with the site’s 404 page', async () => {
    const res = await get('/v/430802999999/complaint/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('页面不存在');
  });

  it('shows a rejected form again with everything typed and the problem next to its field', async () => {
    const { cookie, csrf } = await openForm();
    const res = await post(
      '/api/v1/complaints',
      { _csrf: csrf, village: MATOUXI, category: '财务公开', text: '太短', contact_name: CONTACT.name, contact_phone: '123', website: '' },
      cookie,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<option value="财务公开" selected[ >]/);
    expect(html).toMatch(/<textarea[^>]*name="text"[^>]*>太短<\/textarea>/);
    expect(html).toContain(`value="${CONTACT.name}"`);
    expect(html).toContain('value="123"');
    expect(html).toMatch(/<p class="err[^"]*" id="c-text-err">/);
    expect(html).toMatch(/<p class="err[^"]*" id="c-phone-err">/);
    expect(html).toContain('href="#c-text"');
  });

  it('gives each form shown a key of its own and keeps it in a form shown again, so a form tapped twice is filed once', async () => {
    const { cookie, csrf, html } = await openForm();
    const key = /name="form_key" value="([A-Za-z0-9_-]{16,64})"/.exec(html)?.[1] ?? '';
    expect(key).not.toBe('');
    expect((await openForm()).html).not.toContain(key);
    const fields = { _csrf: csrf, form_key: key, village: MATOUXI, category: '财务公开', text: '太短', website: '' };
    const refilled = await (await post('/api/v1/complaints', fields, cookie)).text();
    expect(refilled).toContain(`name="form_key" value="${key}"`);
    const corrected = { ...fields, text: '六月的误工补贴发放名单里有已经去世的人。', confirm_new: '1' };
    const [first, second] = await Promise.all([post('/api/v1/complaints', corrected, cookie), post('/api/v1/complaints', corrected, cookie)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const filed = await portal.store.listComplaints({ scope: MATOUXI, limit: 100 });
    expect(filed.filter((c) => c.text === corrected.text)).toHaveLength(1);
  });
});

describe('filing from the form and following it', () => {
  let location = '';

  it('files a valid form and sends the villager to the confirmation', async () => {
    const { cookie, csrf } = await openForm();
    const res = await post(
      '/api/v1/complaints',
      { _csrf: csrf, village: MATOUXI, category: '惠农补贴', text: '耕地地力保护补贴少发了一半，请核实。', contact_name: CONTACT.name, contact_phone: CONTACT.phone, website: '' },
      cookie,
    );
    expect(res.status).toBe(303);
    location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/track\/\?code=[0-9A-Z]{5}-[0-9A-Z]{5}&new=1$/);
  });

  it('confirms with the code in large type and a QR code drawn as SVG, never the contact', async () => {
    const res = await get(location);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    const code = new URL(location, 'http://x').searchParams.get('code')!;
    expect(html).toContain(`id="tracking-code">${code}</p>`);
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"[^>]*role="img"/);
    expect(html).toMatch(/<path d="M\d+ \d+h\d+v1h-\d+z/);
    expect(html).toContain(`http://portal.test/track/?code=${code}`);
    expect(html).toContain('耕地地力保护补贴少发了一半');
    expect(html).toContain('已受理');
    expect(html).not.toContain(CONTACT.name);
    expect(html).not.toContain(CONTACT.phone);
    expect(html).not.toContain(CONTACT.phone.slice(-4));
  });

  it('finds the complaint by its code typed in lower case without the hyphen', async () => {
    const code = new URL(location, 'http://x').searchParams.get('code')!;
    const res = await get(`/track/?code=${code.replace('-', '').toLowerCase()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`value="${code}"`);
    expect(html).not.toContain('已收到您的反映');
  });

  it('says kindly when a code is malformed or unknown, with a 404', async () => {
    const malformed = await get('/track/?code=hello');
    expect(malformed.status).toBe(404);
    expect(await malformed.text()).toContain('查询码应为 10 位字母和数字');
    const unknown = await get('/track/?code=00000-00000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('没有找到查询码为 00000-00000 的投诉');
    const empty = await get('/track/');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('name="code"');
  });
});

describe('complaint figures on the static pages', () => {
  it('count a filed complaint on the village, township, county and home pages once the refresher has run', async () => {
    const village = `/v/430821211227/`;
    expect(await (await get(village)).text()).toContain('暂无投诉');
    const res = await portal.app.request('/api/v1/complaints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ village: '430821211227', category: '工程项目', text: '村道硬化只修了一半就停工了。' }),
    });
    expect(res.status).toBe(201);
    await portal.pages.flush();
    const html = await (await get(village)).text();
    expect(html).not.toContain('暂无投诉');
    expect(html).toMatch(/<span>受理<\/span><b>1<small> 件<\/small><\/b>/);
    expect(html).toContain('href="/v/430821211227/complaint/"');
    for (const page of ['/r/430821211/', '/r/430821/']) {
      expect(await (await get(page)).text(), page).toMatch(/<span>受理<\/span><b>1<small> 件<\/small><\/b>/);
    }
    // the region counts every complaint filed so far (the one from the form above too)
    expect(await (await get('/')).text()).toMatch(/<span>受理<\/span><b>[1-9]\d*<small> 件<\/small><\/b>/);
  });
});

describe('one lookup allowance for the tracking page and the API', () => {
  // Guessing codes is the attack the lookup limit stops; a guesser who switched between the page
  // and the API used to get twice the allowance. Three lookups a minute here, one client (no socket).
  let limited: PortalFixture;
  const clock = { now: new Date('2026-10-12T08:00:00.000Z') };
  let code = '';
  beforeAll(async () => {
    limited = await openPortalFixture({ PORTAL_LOOKUPS_PER_MINUTE: '3' }, { clock: () => clock.now });
    const res = await limited.app.request('/api/v1/complaints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ village: MATOUXI, category: '财务公开', text: '账上这笔支出没有说明用途。' }),
    });
    code = ((await res.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
  });
  afterAll(async () => {
    await limited?.cleanup();
  });
  const at = (path: string, init?: RequestInit) => Promise.resolve(limited.app.request(path, init));

  it('refuses the API to a client that spent its lookups on the page', async () => {
    expect((await at(`/track/?code=${code}`)).status).toBe(200);
    expect((await at('/track/?code=00000-00000')).status).toBe(404);
    expect((await at('/track/?code=00000-00001')).status).toBe(404);
    expect((await at('/track/')).status).toBe(200); // the empty form looks nothing up
    const api = await at(`/api/v1/complaints/${code}`);
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).toBe('60');
    const feedback = await at(`/api/v1/complaints/${code}/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"satisfied":true}' });
    expect(feedback.status).toBe(429);
  });

  it('refuses the page to a client that spent its lookups on the API, until the minute is over', async () => {
    clock.now = new Date('2026-10-12T08:01:00.000Z');
    expect((await at(`/api/v1/complaints/${code}`)).status).toBe(200);
    expect((await at('/api/v1/complaints/00000-00000')).status).toBe(404);
    expect((await at(`/api/v1/complaints/${code}/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"satisfied":true}' })).status).toBe(409);
    const page = await at(`/track/?code=${code}`);
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('60');
    const html = await page.text();
    expect(html).toContain('查询过于频繁');
    expect(html).not.toContain('账上这笔支出');
    clock.now = new Date('2026-10-12T08:02:00.000Z');
    expect((await at(`/track/?code=${code}`)).status).toBe(200);
  });
});

// Issue 17: a complaint merged into another is followed, with its own code, on the tracking page.
describe('the tracking page of a merged complaint', () => {
  it('shows the merged complaint, then the progress of the one it was merged into, never that one’s code', async () => {
    const store = portal.store;
    const code = (n: number) => trackingCodeFrom(Uint8Array.from([0x17, n, 3, 4, 5, 6, 0]));
    const at = new Date().toISOString();
    const survivor = await store.fileComplaint(newComplaint({ village: MATOUXI, category: '惠农补贴', text: '三组几户耕地补贴没发到户。', anonymous: true }, code(1), at));
    const merged = await store.fileComplaint(newComplaint({ village: MATOUXI, category: '惠农补贴', text: '我家的耕地补贴今年也没到账。', anonymous: true }, code(2), at));
    await store.updateComplaint(survivor.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '王家坪镇农经站' }, '王家坪镇纪委', at));
    expect((await store.mergeComplaints(merged.publicId, survivor.publicId, '王家坪镇纪委', at)).kind).toBe('merged');
    const res = await get(`/track/?code=${displayTrackingCode(merged.trackingCode)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('我家的耕地补贴今年也没到账');
    expect(html).toContain('已合并办理');
    expect(html).toContain(`并入办理的第 ${survivor.publicId} 号反映`);
    expect(html).toContain('三组几户耕地补贴没发到户');
    expect(html).toContain('王家坪镇农经站');
    expect(html).not.toContain(displayTrackingCode(survivor.trackingCode));
    expect(html).not.toContain(survivor.trackingCode);
  });
});

