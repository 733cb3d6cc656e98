import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VILLAGER } from '../../data/complaints/complaint.ts';
import { newComplaint } from '../../data/complaints/complaint-workflow.ts';
import { createApp } from '../app.ts';
import { bearer, json, LONGGANG, MATOUXI, testApp, WANGJIAPING_VILLAGE, type TestApp } from '../test-support.ts';

const NAME = '张秀英';
const PHONE = '13812345678';
const JSON_TYPE = { 'content-type': 'application/json' };

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

/** Files a complaint as a villager; what only the filer learns (the code) and what staff work by (the number). */
async function filed(overrides: Record<string, unknown> = {}): Promise<{ code: string; publicId: string }> {
  const res = await t.app.request('/api/v1/complaints', {
    method: 'POST',
    body: JSON.stringify({ village: MATOUXI, category: '惠农补贴', text: '第17行的补贴金额和我家实际领到的不一样，请核实。', ...overrides }),
    headers: JSON_TYPE,
  });
  expect(res.status).toBe(201);
  const code = (await json(res)).complaint.trackingCode as string;
  return { code, publicId: (await t.store.getComplaint(code.replace('-', '')))!.publicId };
}

function act(id: string, token: string, action: unknown): Promise<Response> {
  return Promise.resolve(t.app.request(`/api/v1/staff/complaints/${id}/events`, { method: 'POST', body: JSON.stringify(action), headers: { ...bearer(token), ...JSON_TYPE } }));
}

/** The code in every way it can be written back: ABCDE-FGHJK, ABCDEFGHJK, any case. */
function codePattern(code: string): RegExp {
  const compact = code.replace('-', '');
  return new RegExp(`${compact.slice(0, 5)}[-\\s]?${compact.slice(5)}`, 'i');
}

/** Everything a response says: status, headers and body. */
async function everything(res: Response): Promise<string> {
  return `${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`;
}

describe('staff list', () => {
  it('lists the complaints under the token’s scope with their contacts, filters them, and refuses a scope outside it', async () => {
    await filed({ contact: { name: NAME, phone: PHONE } });
    await filed({ village: WANGJIAPING_VILLAGE, category: '干部作风' });
    await filed({ village: LONGGANG });
    const res = await t.app.request('/api/v1/staff/complaints', { headers: bearer(t.tokens.township) });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ ok: true, scope: '430802108', page: 1, hasMore: false, capped: false });
    expect(body.complaints.map((c: { village: string }) => c.village).sort()).toEqual([WANGJIAPING_VILLAGE, MATOUXI].sort());
    expect(JSON.stringify(body)).toContain(PHONE);
    expect(body.complaints.find((c: { village: string }) => c.village === MATOUXI).contact).toEqual({ name: NAME, phone: PHONE });

    const filtered = await json(await t.app.request(`/api/v1/staff/complaints?category=${encodeURIComponent('干部作风')}&status=received`, { headers: bearer(t.tokens.region) }));
    expect(filtered.complaints.map((c: { village: string }) => c.village)).toEqual([WANGJIAPING_VILLAGE]);
    const narrowed = await json(await t.app.request(`/api/v1/staff/complaints?scope=${LONGGANG}`, { headers: bearer(t.tokens.county) }));
    expect(narrowed.complaints).toHaveLength(1);

    const outside = await t.app.request('/api/v1/staff/complaints?scope=430821', { headers: bearer(t.tokens.township) });
    expect(outside.status).toBe(403);
    expect((await json(outside)).error.code).toBe('scope-forbidden');
    const wrong = await t.app.request('/api/v1/staff/complaints?status=lost&page=0&overdue=maybe', { headers: bearer(t.tokens.township) });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors.map((e: { field: string }) => e.field)).toEqual(['status', 'overdue', 'page']);
  });

  it('answers the same list at the older GET /api/v1/complaints, and refuses a village token at both', async () => {
    await filed();
    const at = async (path: string, token: string) => {
      const res = await t.app.request(path, { headers: bearer(token) });
      return [res.status, await res.text()] as const;
    };
    const staffPath = await at('/api/v1/staff/complaints', t.tokens.township);
    expect(staffPath[0]).toBe(200);
    expect(await at('/api/v1/complaints', t.tokens.township)).toEqual(staffPath);
    expect((await at('/api/v1/staff/complaints', t.tokens.matouxi))[0]).toBe(403);
    expect((await at('/api/v1/complaints', t.tokens.matouxi))[0]).toBe(403);
  });

  it('flags and filters overdue complaints by the injected clock, naming each by its public number', async () => {
    const clock = { now: new Date('2026-10-12T08:00:00.000Z') }; // a Monday
    const app = createApp({ store: t.store, config: t.config, clock: () => clock.now });
    const file = async (text: string) => {
      const res = await app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify({ village: MATOUXI, category: '惠农补贴', text }), headers: JSON_TYPE });
      const code = (await json(res)).complaint.trackingCode as string;
      return (await t.store.getComplaint(code.replace('-', '')))!.publicId;
    };
    const late = await file('三天前的投诉，一直没人转办。');
    clock.now = new Date('2026-10-14T09:00:00.000Z');
    const fresh = await file('今天的投诉，还在期限之内。');
    clock.now = new Date('2026-10-14T10:00:00.000Z'); // Wednesday: the first is past its two working days
    const list = async (query: string) => (await json(await app.request(`/api/v1/staff/complaints${query}`, { headers: bearer(t.tokens.township) }))).complaints;
    const all = await list('');
    expect(all.map((c: { publicId: string; overdue: boolean }) => [c.publicId, c.overdue])).toEqual([
      [fresh, false],
      [late, true],
    ]);
    expect(all[1].waitingFor).toBe('dispatch');
    expect((await list('?overdue=1')).map((c: { publicId: string }) => c.publicId)).toEqual([late]);
  });
});

describe('acting by public number', () => {
  it('reads one complaint by its number, with the contact and without the tracking code', async () => {
    const { publicId } = await filed({ contact: { name: NAME, phone: PHONE } });
    const res = await t.app.request(`/api/v1/staff/complaints/${publicId}`, { headers: bearer(t.tokens.township) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const shown = (await json(res)).complaint;
    expect(shown).toMatchObject({ publicId, village: MATOUXI, status: 'received', contact: { name: NAME, phone: PHONE } });
    expect(shown).not.toHaveProperty('trackingCode');
  });

  it('dispatches by number and answers with the staff view, signed with the token’s name', async () => {
    const { publicId } = await filed();
    const res = await act(publicId, t.tokens.township, { type: 'dispatch', department: '镇农经站' });
    expect(res.status).toBe(200);
    const shown = (await json(res)).complaint;
    expect(shown).toMatchObject({ publicId, status: 'dispatched', department: '镇农经站' });
    expect(shown.events.at(-1)).toMatchObject({ type: 'dispatch', actor: 'test 430802108' });
    expect(shown).not.toHaveProperty('trackingCode');
  });

  it('refuses a township token on another township’s complaint and a village token on any, with 403', async () => {
    const longgang = await filed({ village: LONGGANG });
    const other = await act(longgang.publicId, t.tokens.township, { type: 'dispatch', department: '乡纪委' });
    expect(other.status).toBe(403);
    expect((await json(other)).error.code).toBe('complaint-forbidden');
    const matouxi = await filed();
    const village = await act(matouxi.publicId, t.tokens.matouxi, { type: 'dispatch', department: '村委会' });
    expect(village.status).toBe(403);
    expect((await json(village)).error.code).toBe('not-staff');
    expect((await t.store.getComplaintByPublicId(longgang.publicId))?.status).toBe('received');
    // The county and the region above both may.
    expect((await act(longgang.publicId, t.tokens.county, { type: 'dispatch', department: '县纪委' })).status).toBe(200);
    expect((await act(matouxi.publicId, t.tokens.region, { type: 'dispatch', department: '市纪委' })).status).toBe(200);
  });

  it('answers 401 without a token, 404 for an unknown number and 400 for an unknown action', async () => {
    const { publicId } = await filed();
    const anonymous = await t.app.request(`/api/v1/staff/complaints/${publicId}/events`, { method: 'POST', body: '{"type":"reopen"}', headers: JSON_TYPE });
    expect(anonymous.status).toBe(401);
    const unknown = await act('999', t.tokens.township, { type: 'reopen' });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('complaint-not-found');
    for (const id of ['0', '007', '1234567890123', '-1']) expect((await act(id, t.tokens.township, { type: 'reopen' })).status, id).toBe(404);
    const bad = await act(publicId, t.tokens.township, { type: 'delete' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0]).toMatchObject({ field: 'type', message: expect.stringMatching(/^操作类型.*dispatch/) });
  });

  it('answers the old tracking-code path with 410 and the new address, the same for every code, with or without a token', async () => {
    const { code } = await filed();
    const answers = new Set<string>();
    for (const typed of [code, code.replace('-', '').toLowerCase(), 'ZZZZZ-ZZZZZ', 'not-a-code']) {
      for (const headers of [{ ...bearer(t.tokens.township), ...JSON_TYPE }, JSON_TYPE]) {
        const res = await t.app.request(`/api/v1/complaints/${typed}/events`, { method: 'POST', body: '{"type":"dispatch","department":"镇纪委"}', headers });
        expect(res.status).toBe(410);
        answers.add(await res.text());
      }
    }
    expect(answers.size).toBe(1);
    const [only] = [...answers];
    expect(JSON.parse(only!)).toMatchObject({ ok: false, error: { code: 'staff-route-moved', message: expect.stringContaining('/api/v1/staff/complaints/{publicId}/events') } });
    expect((await t.store.getComplaint(code.replace('-', '')))?.status).toBe('received');
  });
});

describe('an attacker holding a staff token', () => {
  it('cannot learn whether a tracking code exists: a real code and a made-up one get the same answer from every staff route', async () => {
    const { code } = await filed();
    const madeUp = 'ZZZZZ-ZZZZZ';
    expect(await t.store.getComplaint('ZZZZZZZZZZ')).toBeNull();
    const forms = (c: string) => [c, c.replace('-', ''), c.toLowerCase()];
    const probes: Array<[method: string, path: (c: string) => string, body?: string]> = [
      ['POST', (c) => `/api/v1/staff/complaints/${c}/events`, '{"type":"dispatch","department":"镇纪委"}'],
      ['POST', (c) => `/api/v1/staff/complaints/${c}/events`, '{"type":"feedback","satisfied":true}'],
      ['GET', (c) => `/api/v1/staff/complaints/${c}`],
      ['POST', (c) => `/api/v1/complaints/${c}/events`, '{"type":"reply","text":"已答复"}'],
      ['GET', (c) => `/api/v1/staff/complaints?code=${c}&trackingCode=${c}`],
      ['GET', (c) => `/api/v1/complaints?code=${c}`],
    ];
    let compared = 0;
    for (const token of [t.tokens.township, t.tokens.county, t.tokens.region]) {
      const fakes = forms(madeUp);
      for (const [n, real] of forms(code).entries()) {
        for (const [method, path, body] of probes) {
          const send = (c: string) => t.app.request(path(c), { method, headers: { ...bearer(token), ...JSON_TYPE }, ...(body !== undefined && { body }) });
          const realPath = path(real);
          const a = await send(real);
          const b = await send(fakes[n]!);
          expect(a.status, realPath).toBe(b.status);
          expect(await a.text(), realPath).toBe(await b.text());
          expect([...a.headers].sort(), realPath).toEqual([...b.headers].sort());
          compared += 1;
        }
      }
    }
    expect(compared).toBe(3 * 3 * 6);
    // Nothing those requests sent touched the complaint.
    const after = await t.store.getComplaint(code.replace('-', ''));
    expect(after?.status).toBe('received');
    expect(after?.events.map((e) => e.type)).toEqual(['received']);
  });

  it('reads a tracking code made only of digits as a public number, never as a code', async () => {
    const input = { village: MATOUXI, category: '惠农补贴', text: '查询码恰好全是数字的投诉。', anonymous: false };
    const stored = await t.store.fileComplaint(newComplaint(input, '2345678901', '2026-10-12T08:00:00.000Z'));
    const byCode = await t.app.request('/api/v1/staff/complaints/2345678901', { headers: bearer(t.tokens.township) });
    expect(byCode.status).toBe(404);
    const byNumber = await t.app.request(`/api/v1/staff/complaints/${stored.publicId}`, { headers: bearer(t.tokens.township) });
    expect(byNumber.status).toBe(200);
    expect(await byNumber.text()).not.toContain('2345678901');
  });

  it('cannot rate the answer: not as a staff action, not at a staff path, not by public number, not with the code and a token', async () => {
    const { code, publicId } = await filed();
    expect((await act(publicId, t.tokens.township, { type: 'dispatch', department: '镇纪委' })).status).toBe(200);
    expect((await act(publicId, t.tokens.township, { type: 'reply', text: '已核实并补发。' })).status).toBe(200);
    const rate = { satisfied: true, comment: '满意' };
    const withToken = { ...bearer(t.tokens.township), ...JSON_TYPE };
    const attempts: Array<[string, string, Record<string, string>, unknown, number]> = [
      ['a staff action of type feedback', `/api/v1/staff/complaints/${publicId}/events`, withToken, { type: 'feedback', ...rate }, 400],
      ['a staff feedback path', `/api/v1/staff/complaints/${publicId}/feedback`, withToken, rate, 404],
      ['feedback by public number', `/api/v1/complaints/${publicId}/feedback`, JSON_TYPE, rate, 404],
      ['feedback by public number with a token', `/api/v1/complaints/${publicId}/feedback`, withToken, rate, 403],
      ['feedback with the code and a staff token', `/api/v1/complaints/${code}/feedback`, withToken, rate, 403],
      ['feedback with the code and the region’s token', `/api/v1/complaints/${code}/feedback`, { ...bearer(t.tokens.region), ...JSON_TYPE }, rate, 403],
    ];
    for (const [what, path, headers, body, status] of attempts) {
      const res = await t.app.request(path, { method: 'POST', body: JSON.stringify(body), headers });
      expect(res.status, what).toBe(status);
    }
    const refused = await t.app.request(`/api/v1/complaints/${code}/feedback`, { method: 'POST', body: JSON.stringify(rate), headers: withToken });
    expect((await json(refused)).error).toMatchObject({ code: 'feedback-villager-only', message: expect.stringMatching(/^评价只能由投诉人.* \/ Only the complainant/) });
    const untouched = await t.store.getComplaint(code.replace('-', ''));
    expect(untouched?.status).toBe('replied');
    expect(untouched?.events.map((e) => e.type)).toEqual(['received', 'dispatch', 'reply']);

    // The villager, with the code and no token, can.
    const villager = await t.app.request(`/api/v1/complaints/${code}/feedback`, { method: 'POST', body: JSON.stringify(rate), headers: JSON_TYPE });
    expect(villager.status).toBe(200);
    expect((await t.store.getComplaint(code.replace('-', '')))?.events.at(-1)).toMatchObject({ type: 'feedback', satisfied: true, actor: VILLAGER });
  });

  it('never receives a tracking code in any staff response, whatever it asks', async () => {
    const matouxi = await filed({ contact: { name: NAME, phone: PHONE } });
    const longgang = await filed({ village: LONGGANG });
    const codes = [matouxi.code, longgang.code].map(codePattern);
    const tokenHeaders = (token: string) => ({ ...bearer(token), ...JSON_TYPE });
    const get = (path: string, token = t.tokens.township) => t.app.request(path, { headers: bearer(token) });
    const post = (path: string, body: unknown, token = t.tokens.township) => t.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: tokenHeaders(token) });
    const responses: Array<[string, number, Response]> = [
      ['list', 200, await get('/api/v1/staff/complaints')],
      ['old list', 200, await get('/api/v1/complaints')],
      ['region list', 200, await get('/api/v1/staff/complaints?status=received', t.tokens.region)],
      ['overdue list', 200, await get('/api/v1/staff/complaints?overdue=1&page=1', t.tokens.region)],
      ['one', 200, await get(`/api/v1/staff/complaints/${matouxi.publicId}`)],
      ['close too early', 409, await post(`/api/v1/staff/complaints/${matouxi.publicId}/events`, { type: 'close', resolution: '已处理' })],
      ['dispatch', 200, await post(`/api/v1/staff/complaints/${matouxi.publicId}/events`, { type: 'dispatch', department: '镇农经站' })],
      ['reply', 200, await post(`/api/v1/staff/complaints/${matouxi.publicId}/events`, { type: 'reply', text: '已核实。' })],
      ['close', 200, await post(`/api/v1/staff/complaints/${matouxi.publicId}/events`, { type: 'close', resolution: '已补发。' })],
      ['reopen', 200, await post(`/api/v1/staff/complaints/${matouxi.publicId}/events`, { type: 'reopen', reason: '复查' })],
      ['bad action', 400, await post(`/api/v1/staff/complaints/${matouxi.publicId}/events`, { type: 'erase' })],
      ['other township', 403, await post(`/api/v1/staff/complaints/${longgang.publicId}/events`, { type: 'dispatch', department: '乡纪委' })],
      ['by code', 404, await post(`/api/v1/staff/complaints/${matouxi.code}/events`, { type: 'dispatch', department: '乡纪委' })],
      ['read by code', 404, await get(`/api/v1/staff/complaints/${longgang.code}`, t.tokens.county)],
      ['old path with the code', 410, await post(`/api/v1/complaints/${matouxi.code}/events`, { type: 'dispatch', department: '乡纪委' })],
      ['feedback with a token', 403, await post(`/api/v1/complaints/${matouxi.code}/feedback`, { satisfied: false })],
    ];
    for (const [what, status, res] of responses) {
      expect(res.status, what).toBe(status);
      const said = await everything(res);
      for (const code of codes) expect(said, what).not.toMatch(code);
    }
    // The scan can fail: the villager's own lookup does carry the code.
    expect(await everything(await t.app.request(`/api/v1/complaints/${matouxi.code}`))).toMatch(codes[0]!);
  });
});
