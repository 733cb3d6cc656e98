import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overdueCutoffs } from '../../data/complaints/complaint-facts.ts';
import { statsFromCounts } from '../../data/complaints/complaint-stats.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { complaintStatsView } from '../../site/lib/complaint-stats-view.ts';
import { bearer, json, LONGGANG, MATOUXI, testApp, WANGJIAPING_VILLAGE, type TestApp } from '../test-support.ts';

const JSON_TYPE = { 'content-type': 'application/json' };
const PASTED = '王家坪镇马头溪村三组有几户耕地补贴没发，联系人老王 13907441234';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

function post(path: string, token: string, body: unknown): Promise<Response> {
  return Promise.resolve(t.app.request(`/api/v1${path}`, { method: 'POST', body: JSON.stringify(body), headers: { ...bearer(token), ...JSON_TYPE } }));
}

async function recorded(token: string, over: Record<string, unknown> = {}, complaint: Record<string, unknown> = {}) {
  return post('/staff/complaints', token, {
    channel: 'wechat-group',
    heardAt: '2026-10-11T20:15',
    place: '王家坪镇群众工作群',
    complaint: { village: MATOUXI, category: '惠农补贴', text: '三组有几户耕地补贴没发，联系人老* 139****1234', contact: { name: '老王', phone: '13907441234' }, ...complaint },
    ...over,
  });
}

describe('a complaint pasted from a WeChat group, by the staff API', () => {
  it('drafts the village from the place names, moves the phone to the private contact, masks it, and says why it suggests 惠农补贴', async () => {
    const res = await post('/staff/complaints/prefill', t.tokens.township, { text: PASTED });
    expect(res.status).toBe(200);
    const data = await json(res);
    expect(data.village.best).toMatchObject({ code: MATOUXI, name: '马头溪村' });
    expect(data.contact).toEqual({ name: '老王', phone: '13907441234' });
    expect(data.text).not.toContain('13907441234');
    expect(data.text).toContain('139****1234');
    expect(data.category).toBe('惠农补贴');
    expect(data.reasons.category).toMatch(/^命中：.*补贴/);
  });

  it('records it under its channel: the tracking code once, the intake kept, the receipt in the office’s name, the contact private', async () => {
    const res = await recorded(t.tokens.township);
    expect(res.status, await res.clone().text()).toBe(201);
    const data = await json(res);
    expect(data.trackingCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(data.url).toContain(`/track/?code=${data.trackingCode}`);
    expect(data.complaint).toMatchObject({ channel: 'wechat-group', channelLabel: '微信群', status: 'received', intake: { heardAt: '2026-10-11T12:15:00.000Z', place: '王家坪镇群众工作群' } });
    const stored = await t.store.getComplaint(data.trackingCode.replace('-', ''));
    expect(stored?.events[0]).toMatchObject({ type: 'received', actor: expect.any(String) });
    expect(stored?.events[0]?.actor).not.toBe('群众');
    // the public view, as the tracking code shows it: no contact, the phone masked, the channel named
    const tracked = await json(await t.app.request(`/api/v1/complaints/${data.trackingCode}`));
    const shown = JSON.stringify(tracked);
    expect(shown).not.toContain('13907441234');
    expect(shown).not.toContain('老王');
    expect(tracked.complaint).toMatchObject({ channel: 'wechat-group', channelLabel: '微信群' });
    // counted under its channel in the public figures, beside one filed on the portal
    await t.app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify({ village: MATOUXI, category: '其他', text: '村口的路灯坏了三个月没人修。' }), headers: JSON_TYPE });
    const counts = await t.store.complaintCounts('430802', overdueCutoffs('2026-10-12T09:00:00.000Z', DEFAULT_DEADLINES));
    expect(counts.byChannel).toMatchObject({ 'wechat-group': 1, portal: 1, phone: 0 });
    expect(complaintStatsView(statsFromCounts(counts), '2026-10-12T09:00:00.000Z').channels).toBe('来源：网上反映 1 件 · 微信群 1 件');
  });

  it('follows the whole workflow after it, as a filed complaint does', async () => {
    const data = await json(await recorded(t.tokens.township));
    const id = data.complaint.publicId;
    for (const action of [{ type: 'dispatch', department: '镇农经站' }, { type: 'reply', text: '已核实，三户补贴已补发。' }, { type: 'close', resolution: '已补发到户。' }]) {
      expect((await post(`/staff/complaints/${id}/events`, t.tokens.township, action)).status).toBe(200);
    }
    const feedback = await t.app.request(`/api/v1/complaints/${data.trackingCode}/feedback`, { method: 'POST', body: JSON.stringify({ satisfied: true }), headers: JSON_TYPE });
    expect(feedback.status).toBe(200);
    expect((await t.store.getComplaintByPublicId(id))?.events.map((e) => e.type)).toEqual(['received', 'dispatch', 'reply', 'close', 'feedback']);
  });

  it('refuses a channel it does not know, a time in the future, a village outside the token’s scope, and a village’s own token, naming the field', async () => {
    const wrong = await json(await recorded(t.tokens.township, { channel: 'portal' }));
    expect(wrong.errors.map((i: { field: string }) => i.field)).toContain('channel');
    const future = await json(await recorded(t.tokens.township, { heardAt: '2026-10-13T00:00' }));
    expect(future.errors.map((i: { field: string }) => i.field)).toContain('heardAt');
    expect((await recorded(t.tokens.township, {}, { village: LONGGANG })).status).toBe(403);
    expect((await recorded(t.tokens.matouxi)).status).toBe(403);
    expect(await t.store.listComplaints({ scope: '' })).toEqual([]);
  });
});

describe('merging duplicates by the staff API', () => {
  it('merges one into another: the merged one closed, its code following the survivor, both steps public', async () => {
    const first = (await json(await recorded(t.tokens.township)));
    const second = (await json(await recorded(t.tokens.township, { channel: "phone" }, { text: "马头溪三组的耕地地力补贴今年没到账" })));
    const res = await post(`/staff/complaints/${second.complaint.publicId}/merge`, t.tokens.township, { into: first.complaint.publicId });
    expect(res.status).toBe(200);
    const data = await json(res);
    expect(data.from).toMatchObject({ status: 'closed', statusLabel: '已合并办理', mergedInto: first.complaint.publicId });
    expect(data.into.mergedFrom).toEqual([second.complaint.publicId]);
    // the second complainant's code still opens their complaint, which names the one it follows
    const tracked = await json(await t.app.request(`/api/v1/complaints/${second.trackingCode}`));
    expect(tracked.complaint.mergedInto).toBe(first.complaint.publicId);
    // … and follows the survivor's progress with it, never learning the survivor's own code
    await post(`/staff/complaints/${first.complaint.publicId}/events`, t.tokens.township, { type: 'dispatch', department: '镇农经站' });
    const following = await json(await t.app.request(`/api/v1/complaints/${second.trackingCode}`));
    expect(following.followed).toMatchObject({ publicId: first.complaint.publicId, status: 'dispatched', department: '镇农经站' });
    expect(JSON.stringify(following)).not.toContain(first.trackingCode);
    expect(JSON.stringify(following)).not.toContain(first.trackingCode.replace('-', ''));
  });

  it('refuses a merge across villages and of a closed complaint, and answers an unknown number as staff routes do', async () => {
    const a = (await json(await recorded(t.tokens.township))).complaint.publicId;
    const b = (await json(await recorded(t.tokens.township, {}, { village: WANGJIAPING_VILLAGE }))).complaint.publicId;
    const across = await post(`/staff/complaints/${b}/merge`, t.tokens.township, { into: a });
    expect(across.status).toBe(409);
    expect((await json(across)).error.code).toBe('merge-other-village');
    expect((await post(`/staff/complaints/999/merge`, t.tokens.township, { into: a })).status).toBe(404);
    expect((await post(`/staff/complaints/${a}/merge`, t.tokens.township, { into: 'x' })).status).toBe(400);
  });
});

describe('where the rules miss, by the staff API', () => {
  it('gives miss and override rates per category and department under the token’s scope, and refuses a scope outside it', async () => {
    await t.store.recordCorrections(MATOUXI, '2026-10-12T08:00:00.000Z', [{ kind: 'category', suggested: '其他', chosen: '干部作风' }]);
    await t.store.recordCorrections(MATOUXI, '2026-10-12T08:01:00.000Z', [{ kind: 'category', suggested: '惠农补贴', chosen: '惠农补贴' }]);
    await t.store.recordCorrections(LONGGANG, '2026-10-12T08:02:00.000Z', [{ kind: 'category', suggested: '其他', chosen: '工程项目' }]);
    const res = await t.app.request('/api/v1/staff/classification/misses', { headers: bearer(t.tokens.township) });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ scope: '430802108', corrections: 2, capped: false });
    expect(body.rates).toContainEqual(expect.objectContaining({ kind: 'category', value: '干部作风', chosen: 1, missed: 1, missRate: 1 }));
    expect(body.rates).toContainEqual(expect.objectContaining({ kind: 'category', value: '其他', suggested: 1, overridden: 1 }));
    expect((await t.app.request('/api/v1/staff/classification/misses?scope=430821', { headers: bearer(t.tokens.township) })).status).toBe(403);
  });
});

describe('the 小微权力 item, the office and the rules’ misses, as the staff API records a complaint', () => {
  it('files the power item staff named with the complaint: public, fixed, and in the received step’s hash', async () => {
    const res = await recorded(t.tokens.township, { powerItem: 'subsidy-payout' });
    expect(res.status, await res.clone().text()).toBe(201);
    const data = await json(res);
    expect(data.complaint.intake).toMatchObject({ powerItem: 'subsidy-payout' });
    const stored = await t.store.getComplaint(data.trackingCode.replace('-', ''));
    expect(stored?.intake?.powerItem).toBe('subsidy-payout');
    const tracked = await json(await t.app.request(`/api/v1/complaints/${data.trackingCode}`));
    expect(tracked.complaint.intake.powerItem).toBe('subsidy-payout');
    // the step as logged covers the item: the same complaint without it hashes otherwise
    const { complaintEventDigest } = await import('../../data/log/log-leaf.ts');
    const withIt = complaintEventDigest(stored!, stored!.events[0]!);
    expect(complaintEventDigest({ ...stored!, intake: { ...stored!.intake!, powerItem: null } }, stored!.events[0]!)).not.toBe(withIt);
    const leaves = await t.store.logLeaves(0, await t.store.logSize());
    const received = leaves.map((l) => JSON.parse(l.leaf)).find((l) => l.type === 'complaint-event' && l.complaint === data.complaint.publicId && l.seq === 1);
    expect(received?.hash).toBe(withIt);
  });

  it('corrects the item by a 确定 step, public and logged, for a recorded complaint and one filed on the portal alike', async () => {
    const data = await json(await recorded(t.tokens.township, { powerItem: 'subsidy-payout' }));
    const id = data.complaint.publicId;
    const res = await post(`/staff/complaints/${id}/events`, t.tokens.township, { type: 'classify', powerItem: 'financial-disclosure' });
    expect(res.status, await res.clone().text()).toBe(200);
    const tracked = await json(await t.app.request(`/api/v1/complaints/${data.trackingCode}`));
    // the intake keeps the first answer; the complaint's item is the correction
    expect(tracked.complaint).toMatchObject({ powerItem: 'financial-disclosure', intake: { powerItem: 'subsidy-payout' } });
    expect(tracked.complaint.events.at(-1)).toMatchObject({ type: 'classify', powerItem: 'financial-disclosure', label: '确定涉及的小微权力事项' });
    const filed = await t.app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify({ village: MATOUXI, category: '财务公开', text: '村里的账半年没公开了。' }), headers: JSON_TYPE });
    const portalId = (await t.store.getComplaint((await json(filed)).complaint.trackingCode.replace('-', '')))!.publicId;
    expect((await post(`/staff/complaints/${portalId}/events`, t.tokens.township, { type: 'classify', powerItem: 'financial-disclosure' })).status).toBe(200);
    expect((await t.store.getComplaintByPublicId(portalId))?.events.at(-1)).toMatchObject({ type: 'classify', powerItem: 'financial-disclosure' });
    // an item the village's list does not have, and a village's own token, are refused
    const unknown = await post(`/staff/complaints/${portalId}/events`, t.tokens.township, { type: 'classify', powerItem: 'no-such-power' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0]).toMatchObject({ code: 'power-item-unknown', field: 'powerItem' });
    expect((await post(`/staff/complaints/${portalId}/events`, t.tokens.matouxi, { type: 'classify', powerItem: null })).status).toBe(403);
  });

  it('refuses an item that is not on the village’s power list, naming the field, and files nothing', async () => {
    const before = await t.store.logSize();
    const res = await recorded(t.tokens.township, { powerItem: 'no-such-power' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([expect.objectContaining({ code: 'power-item-unknown', field: 'powerItem' })]);
    expect(body.errors[0].message).toContain('no-such-power');
    expect((await recorded(t.tokens.township, { powerItem: 'Not A Code' })).status).toBe(422);
    expect(await t.store.logSize()).toBe(before);
  });

  it('sends it on to the office named as it is recorded (分类派发), as the console does', async () => {
    const data = await json(await recorded(t.tokens.township, { department: '王家坪镇农经站' }));
    expect(data.complaint).toMatchObject({ status: 'dispatched', department: '王家坪镇农经站' });
    const stored = await t.store.getComplaintByPublicId(data.complaint.publicId);
    expect(stored?.events.map((e) => e.type)).toEqual(['received', 'dispatch']);
  });

  it('records what staff kept or changed of what the rules suggest for the words, so the misses count API recordings too', async () => {
    // the words suggest 惠农补贴 and the item subsidy-payout; staff chose 干部作风 and no item
    expect((await recorded(t.tokens.township, {}, { category: '干部作风' })).status).toBe(201);
    const misses = await json(await t.app.request('/api/v1/staff/classification/misses', { headers: bearer(t.tokens.township) }));
    expect(misses.rates).toContainEqual(expect.objectContaining({ kind: 'category', value: '干部作风', chosen: 1, missed: 1 }));
    expect(misses.rates).toContainEqual(expect.objectContaining({ kind: 'category', value: '惠农补贴', suggested: 1, overridden: 1 }));
    const stored = await t.store.listCorrections(MATOUXI);
    expect(stored.map((c) => c.kind).sort()).toEqual(['category', 'power-item']);
    expect(stored.find((c) => c.kind === 'power-item')).toMatchObject({ suggested: 'subsidy-payout', chosen: null });
  });
});
