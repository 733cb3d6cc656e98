import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_COOKIE } from './csrf.ts';
import { bearer, json, MATOUXI, testApp, type TestApp } from './test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  Promise.resolve(t.app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }));
const complaint = { village: MATOUXI, category: '惠农补贴', text: '第17行的补贴金额和我家实际领到的不一样，请核实。' };
const stored = async () => (await t.store.listComplaints({ scope: '', limit: 100 })).length;

describe('JSON bodies of invalid text', () => {
  it('refuse a lone surrogate sent as a JSON escape, naming the field in Chinese and English, and store nothing', async () => {
    const body = JSON.stringify({ ...complaint, text: `${complaint.text}\ud800`, contact: { name: '张\u0000秀英' } });
    expect(body).toContain('\\ud800');
    const res = await post('/api/v1/complaints', body);
    expect(res.status).toBe(400);
    const { errors } = await json(res);
    expect(errors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([['text-invalid', 'text'], ['text-invalid', 'contact.name']]);
    expect(errors[0].message).toMatch(/^投诉内容（text）含有残缺的字符 U\+D800（第 26 个字符）.* \/ Field "text" contains a broken character, U\+D800/);
    expect(errors[1].message).toMatch(/^姓名（contact\.name）含有不可见的控制字符 U\+0000/);
    expect(await stored()).toBe(0);
    // the same complaint without them is filed: the refusal above was for the text alone
    expect((await post('/api/v1/complaints', JSON.stringify(complaint))).status).toBe(201);
  });

  it('refuse invalid text in any route’s JSON body, keys too: a staff action, a noncharacter in a field name', async () => {
    const filed = await json(await post('/api/v1/complaints', JSON.stringify(complaint)));
    const id = (await t.store.getComplaint((filed.complaint.trackingCode as string).replace('-', '')))!.publicId;
    const staff = (action: string) => post(`/api/v1/staff/complaints/${id}/events`, action, bearer(t.tokens.township));
    const dispatch = await staff(JSON.stringify({ type: 'dispatch', department: '镇农经站\u0085' }));
    expect(dispatch.status).toBe(400);
    expect((await json(dispatch)).errors[0]).toMatchObject({ code: 'text-invalid', field: 'department' });
    const key = await staff(JSON.stringify({ type: 'dispatch', department: '镇农经站', '\uffff': 1 }));
    expect((await json(key)).errors[0]).toMatchObject({ code: 'text-invalid', field: '[U+FFFF]', message: expect.stringMatching(/^字段 \[U\+FFFF\]的字段名含有非字符 U\+FFFF/) });
    expect((await staff(JSON.stringify({ type: 'dispatch', department: '镇农经站' }))).status).toBe(200);
  });

  it('leave a form post to the schema, which names the field as the form does', async () => {
    const csrf = '0123456789abcdefghjkmnpqrstvwxyz';
    const form = new URLSearchParams({ village: MATOUXI, category: '惠农补贴', text: `${complaint.text}\u0007`, contact_name: '张秀英', contact_phone: '13812345678', website: '', _csrf: csrf });
    const res = await Promise.resolve(
      t.app.request('/api/v1/complaints', { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${CSRF_COOKIE}=${csrf}`, origin: 'https://cunwu.example.cn' } }),
    );
    expect(res.status).toBe(422);
    const { errors } = await json(res);
    expect(errors).toEqual([expect.objectContaining({ field: 'text', message: expect.stringMatching(/^投诉内容（text）：含有不可见的控制字符 U\+0007/) })]);
    expect(await stored()).toBe(0);
  });
});
