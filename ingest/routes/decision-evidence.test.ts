import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadMatter } from '../../data/decisions/checks/test-records.ts';
import { EVIDENCE_MAX_BYTES } from '../../data/decisions/decision-evidence.ts';
import { auditLog } from '../../data/log/audit-log.ts';
import { decisionEntryDigest } from '../../data/log/log-leaf.ts';
import { bearer, json, LONGGANG, testApp, type TestApp } from '../test-support.ts';

// Issue 11, point 3: a photo of the 签到表 or a PDF of the 会议记录 attached to a recorded step.

let t: TestApp;
/** the road matter's 党员大会审议 is its entry 4 (1 is the facts) */
const PARTY_MEETING = 4;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await testApp();
  await t.store.recordDecisions([roadMatter()], '2026-09-25T08:00:00.000Z');
});
afterAll(async () => {
  await t.cleanup();
});

/** A phone photo of a sign-in sheet, with the GPS position a phone writes. */
async function signInPhoto(): Promise<Uint8Array<ArrayBuffer>> {
  const buf = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 240, g: 240, b: 235 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 8/1 0/1' } })
    .toBuffer();
  return new Uint8Array(buf);
}

const attach = (body: BodyInit, query: string, token = t.tokens.longgang, type = 'application/octet-stream') =>
  t.app.request(`/api/v1/decisions/1/evidence${query}`, { method: 'POST', body, headers: { ...bearer(token), 'content-type': type } });

describe('POST /api/v1/decisions/{id}/evidence', () => {
  it('keeps a photo through the photo pipeline, logs the attachment and shows it on its step', async () => {
    const photo = await signInPhoto();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await attach(photo, `?step=${PARTY_MEETING}&kind=sign-in-sheet&name=${encodeURIComponent('党员大会签到表')}`, t.tokens.longgang, 'image/jpeg');
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.added).toBe(true);
    expect(body.entry).toMatchObject({ entry: 'evidence', value: { stepSeq: PARTY_MEETING, evidence: { kind: 'sign-in-sheet', name: '党员大会签到表', pdfSha256: null }, file: { mediaType: 'image/webp' } } });
    expect(t.decisionChanges).toContain(LONGGANG);

    // the kept file is a re-encoded WebP without the phone's metadata, and only an official gets it
    expect((await t.app.request(body.fileHref)).status).toBe(401);
    expect((await t.app.request(body.fileHref, { headers: bearer(t.tokens.matouxi) })).status).toBe(403);
    const file = await t.app.request(body.fileHref, { headers: bearer(t.tokens.county) });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    const kept = new Uint8Array(await file.arrayBuffer());
    const meta = await sharp(kept).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['webp', 2000, undefined]);

    // the matter as served: the attachment is an entry whose leaf covers it, and the step lists it
    const served = await json(await t.app.request('/api/v1/decisions/1'));
    const entry = served.matter.entries.at(-1);
    const leaves = await t.store.logLeaves(0, await t.store.logSize());
    expect(JSON.parse(leaves.find((l) => l.index === entry.logIndex)!.leaf).sha256).toBe(decisionEntryDigest(served.matter, entry.value));
    expect(auditLog(leaves, []).findings).toEqual([]);
    const meeting = served.matter.record.steps.find((s: { step: string }) => s.step === 'party-members-meeting');
    expect(meeting.evidence.map((e: { name: string }) => e.name)).toEqual(['党员大会签到表']);
  });

  it('takes a PDF by its bytes as a multipart upload, once per step', async () => {
    const form = () => {
      const f = new FormData();
      f.set('file', new File([PDF], 'minutes.bin'));
      f.set('step', String(PARTY_MEETING));
      f.set('kind', 'meeting-minutes');
      f.set('name', '党员大会会议记录');
      return f;
    };
    const post = () => t.app.request('/api/v1/decisions/1/evidence', { method: 'POST', body: form(), headers: bearer(t.tokens.longgang) });
    const first = await post();
    expect(first.status).toBe(201);
    const body = await json(first);
    expect(body.entry.value.evidence.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const size = await t.store.logSize();
    const again = await post();
    expect(again.status).toBe(200);
    expect((await json(again)).added).toBe(false);
    expect(await t.store.logSize()).toBe(size);
    const file = await t.app.request(body.fileHref, { headers: bearer(t.tokens.longgang) });
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
  });

  it('refuses what is neither a photo nor a whole PDF, naming the field, and records nothing', async () => {
    const size = await t.store.logSize();
    const q = `?step=${PARTY_MEETING}&kind=meeting-minutes&name=x`;
    const html = await attach(new TextEncoder().encode('<html><script>alert(1)</script>%PDF-1.4'), q, t.tokens.longgang, 'application/pdf');
    expect(html.status).toBe(422);
    expect((await json(html)).errors[0]).toMatchObject({ code: 'evidence-not-a-pdf', field: 'file' });
    const cut = await attach(PDF.slice(0, 30), q);
    expect((await json(cut)).errors[0].code).toBe('evidence-truncated');
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(PDF);
    expect((await attach(big, q)).status).toBe(413);
    expect(await t.store.logSize()).toBe(size);
  });

  it('names every missing or wrong parameter, and a seq that is not a step', async () => {
    const bad = await attach(PDF, '?step=0&kind=photo');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: { field: string }) => e.field)).toEqual(['step', 'kind', 'name']);
    const notStep = await attach(PDF, '?step=1&kind=meeting-minutes&name=x');
    expect(notStep.status).toBe(400);
    expect((await json(notStep)).errors[0]).toMatchObject({ code: 'not-a-step', field: 'step' });
  });

  it('checks who you are, the matter, and whether you may, before reading the body', async () => {
    const q = `?step=${PARTY_MEETING}&kind=meeting-minutes&name=x`;
    expect((await t.app.request(`/api/v1/decisions/1/evidence${q}`, { method: 'POST', body: PDF })).status).toBe(401);
    expect((await t.app.request(`/api/v1/decisions/99/evidence${q}`, { method: 'POST', body: PDF, headers: bearer(t.tokens.longgang) })).status).toBe(404);
    const other = await t.app.request(`/api/v1/decisions/1/evidence${q}`, { method: 'POST', body: PDF, headers: bearer(t.tokens.matouxi) });
    expect(other.status).toBe(403);
  });

  it('serves no file of another matter under this matter’s path', async () => {
    await t.store.recordDecisions([{ ...roadMatter(), subject: '另一件事' }], '2026-09-26T08:00:00.000Z');
    const res = await t.app.request('/api/v1/decisions/2/evidence/' + (await json(await t.app.request('/api/v1/decisions/1'))).matter.entries.at(-1).value.file.sha256, { headers: bearer(t.tokens.longgang) });
    expect(res.status).toBe(404);
  });
});
