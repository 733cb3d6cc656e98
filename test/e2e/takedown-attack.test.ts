import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAction } from '../../data/complaints/complaint-workflow.ts';
import { normaliseTrackingCode } from '../../data/complaints/tracking-code.ts';
import { auditLog } from '../../data/log/audit-log.ts';
import { complaintEventDigest, parseLeaf } from '../../data/log/log-leaf.ts';
import type { Publication } from '../../data/publication.ts';
import { INDEX_FILE } from '../../site/lib/village-index.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';
import { pdfText } from '../support/poppler.ts';
import { xlsxText } from '../support/xlsx-read.ts';

// Issue 10, point 4, tried as an attacker would: once a version is taken down, nothing it said
// (its title, its programme, its rows, its file name) is served anywhere — village page,
// publication page, API, data twins, search, posters — and its photo cannot be brought back by
// naming it in a JSON upload; once a complaint reply is taken down, its words are gone from the
// tracking page, the API and Open311 while its leaf still verifies.

const MATOUXI = '430802108214';
/** Words only the version to be taken down contains: its title, programme, a name in a row, its file name. */
const SECRET = ['鹧鸪岭', '欧阳铁柱', '救助丙号文件'];
const REASON = '误公开了受助人的家庭住址';
const REPLY_WORDS = '欧阳会计代领';

let portal: PortalFixture;
let token = '';
let list: Publication;
let project: Publication;
let photo = '';
let trackingCode = '';
let publicId = '';

beforeAll(async () => {
  portal = await openPortalFixture();
  token = await portal.token(MATOUXI);
  const kept = await portal.publishLedger();
  expect(kept.publication.id).toBeTruthy();

  list = await upload('subsidy', '救助丙号文件.json', {
    title: '2026年鹧鸪岭特别救助名册',
    programme: '鹧鸪岭临时救助金',
    period: '2026',
    rows: [{ name: '欧阳铁柱', amount: 50_000, remark: '三组' }],
  });
  const png = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).png().toBuffer());
  project = await upload('project', 'project.json', { title: '2026年村道工程公示', period: '2026', projects: [{ name: '三组村道硬化', budget: 100_000_00 }] }, png);
  photo = project.content.kind === 'project' ? (project.content.projects[0]?.photos[0]?.id ?? '') : '';
  expect(photo).toMatch(/^[0-9a-f]{24}$/);

  // before the takedown, the words are served: every check below can fail
  expect(await text(`/v/${MATOUXI}/`)).toContain('鹧鸪岭');
  expect(await text(`/api/v1/search?q=${encodeURIComponent('鹧鸪岭')}`)).toContain(list.id);
  expect((await get(`/media/${photo}-1200.webp`)).status).toBe(200);

  for (const p of [list, project]) {
    await portal.store.tombstone(p.id, REASON, '2026-10-13T01:00:00.000Z');
    await portal.builder.rebuildForPublication(p); // as `npm run portal -- takedown` does
  }

  const filed = await portal.app.request('/api/v1/complaints', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ village: MATOUXI, category: '惠农补贴', text: '救助金没有发到我手上。' }),
  });
  expect(filed.status).toBe(201);
  trackingCode = ((await filed.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
  const code = normaliseTrackingCode(trackingCode)!;
  await portal.store.updateComplaint(code, (c) => staffAction(c, { type: 'dispatch', department: '镇民政办' }, '镇纪委', new Date().toISOString()));
  const replied = await portal.store.updateComplaint(code, (c) => staffAction(c, { type: 'reply', text: `经查，款项已由三组${REPLY_WORDS}，已追回。` }, '镇民政办', new Date().toISOString()));
  if (replied.kind !== 'updated') throw new Error(replied.kind);
  publicId = replied.complaint.publicId;
  expect(await text(`/api/v1/complaints/${trackingCode}`)).toContain(REPLY_WORDS);
  expect((await portal.store.takeDownComplaintStep(publicId, 3, '答复中写了经办人的姓名和住址', new Date().toISOString())).kind).toBe('taken-down');
});

afterAll(async () => {
  await portal?.cleanup();
});

const get = (path: string) => Promise.resolve(portal.app.request(path));
const text = async (path: string) => (await get(path)).text();

async function upload(kind: 'subsidy' | 'project', filename: string, body: unknown, png?: Uint8Array): Promise<Publication> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new File([JSON.stringify(body)], filename, { type: 'application/json' }));
  if (png) form.append('photo.1', new File([png as Uint8Array<ArrayBuffer>], 'site.png', { type: 'image/png' }));
  const res = await portal.app.request(`/api/v1/villages/${MATOUXI}/publications`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const answer = (await res.json()) as { publication: { id: string } };
  expect(res.status, JSON.stringify(answer)).toBe(201);
  return (await portal.store.getPublication(answer.publication.id))!;
}

function expectNoSecret(body: string, where: string): void {
  for (const words of SECRET) expect(body, `${where} shows “${words}”`).not.toContain(words);
}

describe('a version taken down is served nowhere', () => {
  it('is named on the village page by kind, period and version, 已撤下, never by its title', async () => {
    const html = await text(`/v/${MATOUXI}/`);
    expectNoSecret(html, 'the village page');
    expect(html).toContain('已撤下');
    expect(html).toContain(REASON);
    expect(html).toContain('补贴发放 2026年 第1版');
  });

  it('has a publication page headed by kind and period, with the reason and the hash and nothing else', async () => {
    const html = await text(`/v/${MATOUXI}/p/${list.id}/`);
    expectNoSecret(html, 'the publication page');
    expect(html).toContain('<h1>补贴发放 2026年 第1版');
    expect(html).toContain(REASON);
    expect(html).toContain(list.sha256);
  });

  it('is in the API without title, content, programme or file name, marked takenDown', async () => {
    const one = await text(`/api/v1/publications/${list.id}`);
    expectNoSecret(one, 'GET /api/v1/publications/{id}');
    expect(JSON.parse(one)).toMatchObject({ publication: { id: list.id, content: null, takenDown: true, takedown: { reason: REASON } } });
    const all = await text(`/api/v1/villages/${MATOUXI}/publications`);
    expectNoSecret(all, 'GET /api/v1/villages/{code}/publications');
    const entry = (JSON.parse(all) as { publications: Array<{ id: string; title: string | null; takenDown: boolean }> }).publications.find((p) => p.id === list.id);
    expect(entry).toMatchObject({ title: null, takenDown: true });
  });

  it('is in the JSON, CSV and XLSX twins of the village and the version only as 已撤下', async () => {
    const twins = ['json', 'csv', 'xlsx'].flatMap((kind) => [`/v/${MATOUXI}/index.${kind}`, `/v/${MATOUXI}/p/${list.id}/index.${kind}`]);
    for (const path of twins) {
      const body = path.endsWith('.xlsx') ? await xlsxText(new Uint8Array(await (await get(path)).arrayBuffer())) : await text(path);
      expectNoSecret(body, path);
      expect(body, path).toMatch(/已撤下|"takenDown":true/);
    }
  });

  it('is not found by search, its title row included, nor in the village’s search index', async () => {
    for (const q of SECRET.slice(0, 2)) {
      const body = await text(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect((JSON.parse(body) as { total: number }).total, q).toBe(0);
      // the page and the CSV echo the query itself; nothing else of the version may be there
      for (const [where, body] of [['page', await text(`/search/?q=${encodeURIComponent(q)}`)], ['CSV', await text(`/api/v1/search.csv?q=${encodeURIComponent(q)}`)]] as const) {
        expect(body, `the search ${where} for ${q}`).not.toContain(list.id);
        expectNoSecret(body.replaceAll(q, ''), `the search ${where} for ${q}`);
      }
    }
    const index = await get(`/v/${MATOUXI}/${INDEX_FILE}`);
    expectNoSecret(await index.text(), 'the village search index');
  });

  it('is not printed on the village’s poster', async () => {
    const pdf = await get(`/v/${MATOUXI}/poster.pdf`);
    expect(pdf.status).toBe(200);
    const printed = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(printed).toContain('马头溪村');
    expectNoSecret(printed, 'the poster');
  });
});

describe('a photo taken down stays down', () => {
  it('is no longer served, and a JSON upload naming it again is refused with the row and the photo', async () => {
    expect((await get(`/media/${photo}-1200.webp`)).status).toBe(404);
    const form = new FormData();
    form.append('kind', 'project');
    const body = { title: '2026年村道工程公示（更正）', period: '2026', projects: [{ name: '三组村道硬化', budget: 100_000_00, photos: [{ id: photo, width: 64, height: 48, caption: null }] }] };
    form.append('file', new File([JSON.stringify(body)], 'project.json', { type: 'application/json' }));
    const before = (await portal.store.listPublications(MATOUXI)).length;
    const res = await portal.app.request(`/api/v1/villages/${MATOUXI}/publications`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    const answer = (await res.json()) as { errors: Array<{ code: string; row: number; field: string; message: string }> };
    expect(res.status).toBe(422);
    expect(answer.errors).toEqual([expect.objectContaining({ code: 'photo-taken-down', row: 1, field: 'photos' })]);
    expect(answer.errors[0]?.message).toContain(photo);
    expect((await portal.store.listPublications(MATOUXI)).length).toBe(before);
    expect((await get(`/media/${photo}-1200.webp`)).status).toBe(404);
  });
});

describe('a complaint reply taken down', () => {
  it('leaves the tracking page, the complaint API and Open311, which show 已撤下 and the reason', async () => {
    const bodies: Array<[string, string]> = [
      ['the tracking page', await text(`/track/?code=${trackingCode}`)],
      ['GET /api/v1/complaints/{code}', await text(`/api/v1/complaints/${trackingCode}`)],
      ['Open311 one request', await text(`/open311/v2/requests/${publicId}.json`)],
      ['Open311 list', await text('/open311/v2/requests.json')],
    ];
    for (const [where, body] of bodies) {
      expect(body, where).not.toContain(REPLY_WORDS);
      expect(body, where).toContain('已撤下');
    }
    expect(bodies[0]![1]).toContain('答复中写了经办人的姓名和住址');
  });

  it('keeps its own leaf, which still verifies against the step as stored, after it in the log the takedown', async () => {
    const complaint = (await portal.store.getComplaint(normaliseTrackingCode(trackingCode)!))!;
    const reply = complaint.events.find((e) => e.seq === 3)!;
    expect(reply).toMatchObject({ type: 'reply', text: expect.stringContaining(REPLY_WORDS) });
    const leaves = await portal.store.logLeaves(0, await portal.store.logSize());
    const parsed = leaves.map((l) => ({ index: l.index, leaf: parseLeaf(l.leaf) }));
    const step = parsed.find((l) => l.leaf.ok && l.leaf.leaf.type === 'complaint-event' && l.leaf.leaf.complaint === publicId && l.leaf.leaf.seq === 3);
    const down = parsed.find((l) => l.leaf.ok && l.leaf.leaf.type === 'complaint-step-tombstone' && l.leaf.leaf.complaint === publicId);
    expect(step?.leaf.ok && step.leaf.leaf.type === 'complaint-event' && step.leaf.leaf.hash).toBe(complaintEventDigest(complaint, reply));
    expect(down!.index).toBeGreaterThan(step!.index);
    const served = await Promise.all(
      (await portal.store.listPublications(MATOUXI)).map(async (s) => {
        const p = (await portal.store.getPublication(s.id))!;
        return (await portal.store.getTakedown(s.id)) ? { ...p, content: null } : p;
      }),
    );
    expect(auditLog(leaves, served).findings).toEqual([]);
  });
});
