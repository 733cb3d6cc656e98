import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ORIGINALS_PER_COMPLAINT } from '../../data/store/intake-originals.ts';
import { bearer, json, MATOUXI, testApp, type TestApp } from '../test-support.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

let t: TestApp;
let screenshot: Buffer;
beforeAll(async () => {
  // a phone's screenshot, tall and narrow, with the EXIF a camera app would add
  screenshot = await sharp({ create: { width: 540, height: 1200, channels: 3, background: '#ededed' } })
    .withMetadata({ exif: { IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' } } })
    .jpeg()
    .toBuffer();
});
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

async function recordedId(): Promise<string> {
  const res = await t.app.request('/api/v1/staff/complaints', {
    method: 'POST',
    headers: { ...bearer(t.tokens.township), ...JSON_TYPE },
    body: JSON.stringify({ channel: 'wechat-group', heardAt: '2026-10-11T20:15', complaint: { village: MATOUXI, category: '惠农补贴', text: '三组有几户耕地补贴没发。' } }),
  });
  expect(res.status).toBe(201);
  return (await json(res)).complaint.publicId;
}

const send = (id: string, body: Buffer | string, token = t.tokens.township) =>
  Promise.resolve(t.app.request(`/api/v1/staff/complaints/${id}/originals`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'image/jpeg' }, body: typeof body === 'string' ? body : new Uint8Array(body) }));

describe('the original words of a recorded complaint, by the staff API', () => {
  it('keeps a screenshot re-encoded without its EXIF, lists it and serves it to staff only, never to the public', async () => {
    const id = await recordedId();
    const res = await send(id, screenshot);
    expect(res.status, await res.clone().text()).toBe(201);
    const { original } = await json(res);
    expect(original).toMatchObject({ seq: 1, mediaType: 'image/webp', width: 540, height: 1200, savedBy: expect.any(String) });
    const listed = await json(await t.app.request(`/api/v1/staff/complaints/${id}/originals`, { headers: bearer(t.tokens.township) }));
    expect(listed.originals).toEqual([original]);
    const image = await t.app.request(original.href, { headers: bearer(t.tokens.township) });
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    // not public: no token, a token of another area, and a village's own token are all turned away
    expect((await t.app.request(original.href)).status).toBe(401);
    expect((await t.app.request(original.href, { headers: bearer(t.tokens.county) })).status).toBe(404);
    expect((await t.app.request(original.href, { headers: bearer(t.tokens.matouxi) })).status).toBe(404);
    // and the public view of the complaint says nothing of it
    const shown = await t.app.request(`/open311/v2/requests/${id}.json`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).not.toMatch(/original|webp/);
  });

  it('keeps at most six, refuses what is not an image, and has none for a complaint filed on the portal', async () => {
    const id = await recordedId();
    for (let i = 0; i < MAX_ORIGINALS_PER_COMPLAINT; i++) {
      const distinct = await sharp({ create: { width: 60, height: 40 + i, channels: 3, background: '#fff' } }).png().toBuffer();
      expect((await send(id, distinct)).status).toBe(201);
    }
    const seventh = await send(id, screenshot);
    expect(seventh.status).toBe(409);
    expect((await seventh.json()).errors[0].code).toBe('original-too-many');
    const other = await recordedId();
    const text = await send(other, '这不是图片');
    expect(text.status).toBe(422);
    expect((await text.json()).errors[0]).toMatchObject({ code: 'original-not-an-image', field: 'file' });
    const filed = await t.app.request('/api/v1/complaints', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ village: MATOUXI, category: '其他', text: '村口的路灯坏了三个月没人修。' }) });
    // the villager's answer carries the tracking code, not the number: the store gives it
    const portalId = (await t.store.getComplaint((await json(filed)).complaint.trackingCode.replace('-', '')))!.publicId;
    expect(portalId).toMatch(/^\d+$/);
    expect((await send(portalId, screenshot)).status).toBe(404);
  });

  it('lets only those who record complaints there keep one', async () => {
    const id = await recordedId();
    expect((await send(id, screenshot, t.tokens.matouxi)).status).toBe(404);
    expect((await send(id, screenshot, t.tokens.county)).status).toBe(404);
    expect((await send(id, screenshot, t.tokens.region)).status).toBe(201);
  });
});
