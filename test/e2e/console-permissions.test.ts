import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../data/accounts/account.ts';
import { mayAnswer } from '../../data/accounts/may-answer.ts';
import { allows, type Action } from '../../data/accounts/permissions.ts';
import { ROLE_LEVEL, ROLES, type Role } from '../../data/accounts/role.ts';
import { newComplaint, staffAction } from '../../data/complaints/complaint-workflow.ts';
import type { Complaint } from '../../data/complaints/complaint.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { openRound, rectificationAction } from '../../data/rectification/rectification-workflow.ts';
import type { ConsoleClient } from '../support/console-client.ts';
import { signedInAccount } from '../support/console-account.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 13: the permission table walked through the console's work routes — every route × every
// role × inside and outside its scope. Inside, the route does exactly what the table allows (403
// otherwise); outside, every item answers 404, as one that does not exist: no account reads or
// changes anything beyond its scope.

const MATOUXI = '430802108214';
const DEPARTMENT = '王家坪镇民政办';
const SCOPES: Record<'village' | 'township' | 'county' | 'city', { inside: string; outside: string }> = {
  village: { inside: MATOUXI, outside: '430821211227' },
  township: { inside: '430802108', outside: '430821211' },
  county: { inside: '430802', outside: '430821' },
  city: { inside: '430800', outside: '430900' },
};

let f: PortalFixture;
let n = 0;
beforeAll(async () => {
  f = await openPortalFixture();
});
afterAll(async () => {
  await f?.cleanup();
});

async function complaint(status: 'received' | 'dispatched' | 'replied'): Promise<Complaint> {
  n += 1;
  const filed = await f.store.fileComplaint(
    newComplaint({ village: MATOUXI, category: '惠农补贴', text: '耕地补贴有几户没有发到户。', anonymous: false, contact: { name: '王某', phone: '13800000000' } } as never, trackingCodeFrom(Uint8Array.from([n >> 8, n, 1, 2, 3, 4, 0])), new Date().toISOString()),
  );
  if (status === 'received') return filed;
  await f.store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: DEPARTMENT }, '王家坪镇纪委', new Date().toISOString()));
  if (status === 'dispatched') return (await f.store.getComplaint(filed.trackingCode))!;
  await f.store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: '已核实。' }, DEPARTMENT, new Date().toISOString()));
  return (await f.store.getComplaint(filed.trackingCode))!;
}

async function flag(): Promise<string> {
  n += 1;
  const run = await f.store.applyFlagRun({
    id: `perm-${n}`,
    village: MATOUXI,
    at: new Date().toISOString(),
    trigger: 'manual',
    rules: ['cash-over-limit'],
    findings: [{ finding: { rule: 'cash-over-limit', village: MATOUXI, key: `perm-${n}`, title: '现金支付超过限额', detail: '示例', amount: 600_000, evidence: [], sample: false }, publicFrom: new Date().toISOString() }],
  });
  return run.raised[0]!.id;
}

/** A signed-in browser for a fresh account with this role at this scope. */
const signedIn = (role: Role, scope: string) =>
  signedInAccount(f, {
    role,
    scope,
    office: role === 'department-staff' ? DEPARTMENT : '测试单位',
    department: role === 'department-staff' ? DEPARTMENT : role === 'county-bureau' ? '永定区民政局' : null,
  });

/** A round over 王家坪镇 with one task for 马头溪村, open or with its evidence submitted. */
async function task(state: 'open' | 'submitted'): Promise<string> {
  const at = new Date().toISOString();
  const round = await f.store.openRound(openRound({ scope: '430802108', title: '第二轮巡察', team: '区委第二巡察组', start: '2026-09-01', end: '2026-10-31', contact: '0744-8222110' }, '王家坪镇', '区委第二巡察组', at, false));
  const act = (action: unknown) => f.store.updateRound(round.id, (r) => rectificationAction(r, action as never, '区委第二巡察组', new Date().toISOString()));
  await act({ type: 'add-problem', village: MATOUXI, source: 'inspection', sourceRef: null, description: '村级账目公开不及时', amount: null });
  await act({ type: 'add-task', problem: 'P1', measure: '按季度公开账目', responsible: '村党支部书记', village: MATOUXI, deadline: '2026-12-31', immediate: false });
  if (state === 'submitted') await act({ type: 'submit-evidence', task: 'T1', text: '已补公开第三季度账目。' });
  return `${round.id}/tasks/T1`;
}

type Case = {
  name: string;
  action: Action | 'answer';
  setUp: () => Promise<string>;
  request: (b: ConsoleClient, id: string) => Promise<Response>;
  /** what a permitted request answers */
  ok: number;
};

const CASES: Case[] = [
  { name: 'read a complaint', action: 'read-complaints', setUp: async () => (await complaint('received')).publicId, request: (b, id) => b.get(`/console/complaints/${id}/`), ok: 200 },
  { name: 'dispatch', action: 'dispatch-complaint', setUp: async () => (await complaint('received')).publicId, request: (b, id) => b.post(`/console/complaints/${id}/dispatch`, { department: DEPARTMENT }), ok: 303 },
  { name: 'answer', action: 'answer', setUp: async () => (await complaint('dispatched')).publicId, request: (b, id) => b.post(`/console/complaints/${id}/reply`, { text: '经核实，已补发。' }), ok: 303 },
  { name: 'close', action: 'close-complaint', setUp: async () => (await complaint('replied')).publicId, request: (b, id) => b.post(`/console/complaints/${id}/close`, { resolution: '已补发到户。' }), ok: 303 },
  { name: 'see the contact', action: 'read-complainant-contact', setUp: async () => (await complaint('received')).publicId, request: (b, id) => b.post(`/console/complaints/${id}/contact`, {}), ok: 200 },
  { name: 'explain a flag', action: 'explain-flag', setUp: flag, request: (b, id) => b.post(`/console/flags/${id}/explain`, { text: '这笔是应急抢修的材料款。' }), ok: 303 },
  { name: 'submit rectification evidence', action: 'submit-rectification', setUp: () => task('open'), request: (b, id) => b.post(`/console/rounds/${id}/submit`, { text: '已按季度补公开账目。' }), ok: 303 },
  { name: 'review rectification', action: 'act-round', setUp: () => task('submitted'), request: (b, id) => b.post(`/console/rounds/${id}/review`, { decision: 'close', reason: '材料属实，销号。' }), ok: 303 },
  { name: 'add a problem to a round', action: 'act-round', setUp: async () => (await task('open')).split('/')[0]!, request: (b, id) => b.post(`/console/rounds/${id}/problem`, { village: MATOUXI, source: 'inspection', description: '集体资金使用未经民主决策。', amount: '1200.50' }), ok: 303 },
  { name: 'comment on a flag', action: 'comment-flag', setUp: flag, request: (b, id) => b.post(`/console/flags/${id}/comment`, { text: '监委会到现场看了，情况属实。' }), ok: 303 },
  { name: 'review a flag', action: 'review-flag', setUp: flag, request: (b, id) => b.post(`/console/flags/${id}/review`, { decision: 'confirm', reason: '超过限额属实。' }), ok: 303 },
];

/** Whether the console should let this account read the item at all (else 404, as for none). */
function reads(account: Account, c: Case): boolean {
  if (c.action === 'submit-rectification' || c.action === 'act-round') return allows(account, 'act-round', '430802108').ok || allows(account, 'submit-rectification', MATOUXI).ok;
  const flagCase = c.action === 'explain-flag' || c.action === 'review-flag' || c.action === 'comment-flag';
  return flagCase ? (['explain-flag', 'comment-flag', 'review-flag'] as const).some((a) => allows(account, a, MATOUXI).ok) : allows(account, 'read-complaints', MATOUXI).ok;
}

function permitted(account: Account, c: Case): boolean {
  if (c.action === 'act-round') return allows(account, 'act-round', '430802108').ok;
  if (c.action === 'answer') return mayAnswer(account, { village: MATOUXI, department: DEPARTMENT });
  return allows(account, c.action, MATOUXI).ok;
}

describe('the permission table through the console’s routes', () => {
  for (const c of CASES) {
    it(`${c.name}: every role inside its scope gets what the table says, outside it 404`, async () => {
      const seen: string[] = [];
      for (const role of ROLES) {
        for (const side of ['inside', 'outside'] as const) {
          const { browser, account } = await signedIn(role, SCOPES[ROLE_LEVEL[role][0]!][side]);
          const id = await c.setUp();
          const res = await c.request(browser, id);
          const expected = side === 'outside' || !reads(account, c) ? 404 : permitted(account, c) ? c.ok : 403;
          expect(res.status, `${role} ${side}`).toBe(expected);
          seen.push(`${role}:${side}:${res.status}`);
        }
      }
      // the walk must reach both outcomes inside the scope, or it proves nothing about the route
      expect(seen.some((s) => s.includes(':inside:') && (s.endsWith(`:${c.ok}`) || s.endsWith(':200')))).toBe(true);
    });
  }

  it('upload: every role inside and outside its scope may preview a ledger for 马头溪村 exactly as the table says', async () => {
    const ledger = readFileSync(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));
    const outcomes: string[] = [];
    for (const role of ROLES) {
      for (const side of ['inside', 'outside'] as const) {
        const { browser, account } = await signedIn(role, SCOPES[ROLE_LEVEL[role][0]!][side]);
        const form = new FormData();
        form.set('village', MATOUXI);
        form.set('kind', 'finance');
        form.set('dry_run', '1');
        form.set('file', new File([ledger], 'ledger.csv', { type: 'text/csv' }));
        const res = await browser.postForm('/console/upload/', form);
        const expected = allows(account, 'publish-finance', MATOUXI).ok ? 200 : 403;
        expect(res.status, `${role} ${side}`).toBe(expected);
        outcomes.push(`${role}:${side}:${res.status}`);
      }
    }
    expect(outcomes).toContain('village-accountant:inside:200');
    expect(outcomes).toContain('village-accountant:outside:403');
    expect(await f.store.currentPublications(MATOUXI)).toEqual([]);
  });

  it('open a round: every role inside and outside its scope may open one over 王家坪镇 exactly as the table says', async () => {
    const outcomes: string[] = [];
    for (const role of ROLES) {
      for (const side of ['inside', 'outside'] as const) {
        const { browser, account } = await signedIn(role, SCOPES[ROLE_LEVEL[role][0]!][side]);
        const res = await browser.post('/console/rounds/', { scope: '430802108', title: '第三轮巡察', team: '区委第三巡察组', start: '2026-11-01', end: '2026-12-31', contact: '0744-8222110' });
        expect(res.status, `${role} ${side}`).toBe(allows(account, 'open-round', '430802108').ok ? 303 : 403);
        outcomes.push(`${role}:${side}:${res.status}`);
      }
    }
    expect(outcomes).toContain('county-discipline:inside:303');
    expect(outcomes).toContain('county-discipline:outside:403');
  });

  it('offers the offices with accounts under the village and those the county’s settings name as dispatch targets', async () => {
    await f.store.saveFlagSettings({ code: '430802', document: { publication: { mode: 'after-explanation', workingDays: 5 }, calendarStart: null, disabled: [], rules: {}, decisionChecks: {}, departments: ['永定区农业农村局'] }, at: new Date().toISOString(), actor: '永定区纪委' });
    const { browser } = await signedIn('township-discipline', '430802108');
    const id = (await complaint('received')).publicId;
    await browser.get(`/console/complaints/${id}/`);
    const offered = [...browser.lastHtml.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toContain('永定区农业农村局');
    expect(offered).toContain(DEPARTMENT);
  });

  it('lets a village secretary preview and record the 四议两公开 登记表, and no one else record it', async () => {
    const register = readFileSync(new URL('../fixtures/430821211227-龙岗村-四议两公开登记表.xlsx', import.meta.url));
    const send = (b: ConsoleClient, dryRun: boolean) => {
      const form = new FormData();
      form.set('file', new File([register], '登记表.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      if (dryRun) form.set('dry_run', '1');
      return b.postForm('/console/decisions/', form);
    };
    const { browser: accountant } = await signedIn('village-accountant', '430821211227');
    expect((await send(accountant, false)).status).toBe(403);
    const { browser: secretary } = await signedIn('village-secretary', '430821211227');
    expect((await send(secretary, true)).status).toBe(200);
    expect(secretary.lastHtml).toContain('村集体荒山（老鸦坡）经营权流转：需说明');
    expect(await f.store.listDecisionMatters('430821211227')).toEqual([]);
    expect((await send(secretary, false)).status).toBe(200);
    expect(secretary.lastHtml).toContain('已登记 13 条记录');
    expect(secretary.lastHtml).toContain('href="/v/430821211227/decisions/');
    expect((await f.store.listDecisionMatters('430821211227')).length).toBe(2);

    // a PDF of the 党员大会 minutes on the first matter's third step entry, kept, not published
    const matter = (await f.store.listDecisionMatters('430821211227'))[0]!;
    const stepSeq = matter.entries.find((e) => e.entry === 'step' && e.value.step === 'party-members-meeting')!.seq;
    const evidence = (b: ConsoleClient, step: string) => {
      const form = new FormData();
      form.set('step', step);
      form.set('kind', 'meeting-minutes');
      form.set('name', '党员大会会议记录');
      form.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'minutes.pdf', { type: 'application/pdf' }));
      return b.postForm('/console/decisions/evidence', form);
    };
    await secretary.get('/console/decisions/');
    expect(secretary.lastHtml).toContain(`value="${matter.id}:${stepSeq}"`);
    expect((await evidence(secretary, `${matter.id}:${stepSeq}`)).status).toBe(200);
    expect(secretary.lastHtml).toContain('材料已存档');
    expect((await f.store.getDecisionMatter(matter.id))!.entries.at(-1)).toMatchObject({ entry: 'evidence', value: { stepSeq } });
    // another village's secretary is told there is no such matter
    const { browser: elsewhere } = await signedIn('village-secretary', MATOUXI);
    await elsewhere.get('/console/decisions/');
    expect((await evidence(elsewhere, `${matter.id}:${stepSeq}`)).status).toBe(404);
  });

  it('lists the complaints of a township for its staff, and refuses the list to a village secretary', async () => {
    const { browser } = await signedIn('township-discipline', '430802108');
    expect((await browser.get('/console/complaints/?status=received')).status).toBe(200);
    expect(browser.lastHtml).toMatch(/href="\/console\/complaints\/\d+\/"/);
    const { browser: secretary } = await signedIn('village-secretary', MATOUXI);
    expect((await secretary.get('/console/complaints/')).status).toBe(403);
  });

  it('publishes a project list with a site photo of its second project from the console', async () => {
    const { browser } = await signedIn('village-secretary', '430821211227');
    await browser.get('/console/upload/');
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 120, b: 90 } } }).jpeg().withExif({ IFD0: { Make: 'Phone' } }).toBuffer();
    const form = new FormData();
    form.set('village', '430821211227');
    form.set('kind', 'project');
    form.set('file', new File([readFileSync(new URL('../fixtures/430821211227-龙岗村-2026年工程项目公示.xlsx', import.meta.url))], 'projects.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    form.set('photo_project', '2');
    form.append('photos', new File([new Uint8Array(jpeg)], 'site.jpg', { type: 'image/jpeg' }));
    expect((await browser.postForm('/console/upload/', form)).status).toBe(200);
    expect(browser.lastHtml).toContain('已公开');
    const [published] = await f.store.currentPublications('430821211227');
    if (published?.content.kind !== 'project') throw new Error('expected the project list');
    expect(published.content.projects.map((p) => p.photos.length)).toEqual([0, 1, 0, 0]);
  });

  // Issue 17: recorded with its 小微权力 item and a screenshot of the original words, which only
  // those who may see the complainant's contact see, each view logged.
  it('records a complaint with its power item and the screenshot of the original words, shown to those who may see the contact only', async () => {
    const { browser, account } = await signedIn('township-discipline', '430802108');
    await browser.get('/console/complaints/new/');
    expect(browser.lastHtml).toContain('惠农补贴资金申报和发放');
    const form = new FormData();
    // an hour ago, as the form's datetime-local field holds China time
    const heardAt = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 16);
    const fields = { channel: 'letter', heard_at: heardAt, village: MATOUXI, category: '惠农补贴', text: '三组有几户耕地补贴没发。', power_item: 'subsidy-payout', suggested: '1', suggested_category: '惠农补贴', suggested_power_item: 'subsidy-payout' };
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const letter = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#fdfdf5' } }).jpeg().toBuffer();
    form.set('original', new File([new Uint8Array(letter)], 'letter.jpg', { type: 'image/jpeg' }));
    form.set('intake_key', 'double-tap-key-0123456789');
    // a double tap: the same form twice at once records one complaint, and both answers are its slip
    const [saved, again] = await Promise.all([browser.postForm('/console/complaints/new/', form), browser.postForm('/console/complaints/new/', form)]);
    const [html, html2] = await Promise.all([saved.text(), again.text()]);
    expect(saved.status, html.slice(0, 400)).toBe(200);
    expect(again.status).toBe(200);
    expect(html).toContain('原始截图已保存');
    expect(html).toContain('惠农补贴资金申报和发放');
    const id = /第 (\d+) 号/.exec(html)![1]!;
    expect(/第 (\d+) 号/.exec(html2)![1]).toBe(id);
    expect(await f.store.getComplaintByPublicId(String(Number(id) + 1))).toBeNull();
    const stored = (await f.store.getComplaintByPublicId(id))!;
    expect(stored).toMatchObject({ channel: 'letter', intake: { powerItem: 'subsidy-payout' } });
    expect(await f.store.listOriginals(id)).toHaveLength(1);

    await browser.get(`/console/complaints/${id}/`);
    expect(browser.lastHtml).toContain('涉及小微权力：惠农补贴资金申报和发放');
    // corrected by a 确定 step: the page names the new item, the history both
    expect((await browser.post(`/console/complaints/${id}/classify`, { power_item: 'financial-disclosure' })).status).toBe(303);
    await browser.get(`/console/complaints/${id}/`);
    expect(browser.lastHtml).toContain('涉及小微权力：村级财务公开');
    expect((await f.store.getComplaintByPublicId(id))?.events.at(-1)).toMatchObject({ type: 'classify', powerItem: 'financial-disclosure', actor: '测试单位' });
    expect((await browser.post(`/console/complaints/${id}/classify`, { power_item: 'no-such-power' })).status).toBe(422);
    const href = `/console/complaints/${id}/originals/1`;
    expect(browser.lastHtml).toContain(href);
    const image = await browser.get(href);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await f.store.listEvents(account.id, 5)).map((e) => e.type)).toContain('original-viewed');
    // 补传 a second from the work page
    const more = new FormData();
    more.set('original', new File([new Uint8Array(await sharp({ create: { width: 300, height: 500, channels: 3, background: '#fff' } }).png().toBuffer())], 'p.png', { type: 'image/png' }));
    expect((await browser.postForm(`/console/complaints/${id}/originals`, more)).status).toBe(303);
    expect(await f.store.listOriginals(id)).toHaveLength(2);

    // the village's supervision chair reads the complaint, not its original
    const { browser: chair } = await signedIn('supervision-chair', MATOUXI);
    await chair.get(`/console/complaints/${id}/`);
    expect(chair.lastHtml).toContain('三组有几户耕地补贴没发');
    expect(chair.lastHtml).not.toContain(href);
    expect((await chair.get(href)).status).toBe(403);
    // nor does anyone outside the township
    const { browser: outside } = await signedIn('township-discipline', '430821211');
    expect((await outside.get(href)).status).toBe(404);
  });

  it('shows a county’s classification rules and where they miss to those who record there, and lets the county save a new version', async () => {
    const { browser: township } = await signedIn('township-discipline', '430802108');
    expect((await township.get('/console/complaints/')).status).toBe(200);
    expect(township.lastHtml).toContain('/console/classification/');
    expect((await township.get('/console/classification/')).status).toBe(200);
    expect(township.lastHtml).toContain('平台默认的分类规则');
    expect(township.lastHtml).toContain('只有县级纪委');
    const download = await township.get('/console/classification/rules.json?county=430802');
    expect(download.headers.get('content-disposition')).toContain('classify-rules-430802.json');
    const rules = (await download.json()) as { version: string; rules: unknown[] };
    const upload = (browser: typeof township, document: unknown) => {
      const form = new FormData();
      form.set('rules', new File([JSON.stringify(document)], 'rules.json', { type: 'application/json' }));
      return browser.postForm('/console/classification/upload?county=430802', form);
    };
    expect((await upload(township, rules)).status).toBe(403);

    const { browser: county, account } = await signedIn('county-discipline', '430802');
    await county.get('/console/classification/');
    expect((await upload(county, { ...rules, rules: [] })).status).toBe(422);
    expect(county.lastHtml).toContain('至少一条规则');
    expect(await f.store.currentRuleSet('430802')).toBeNull();
    expect((await upload(county, { ...rules, version: '永定区-2026-1' })).status).toBe(200);
    expect(county.lastHtml).toContain('已保存为第 1 版');
    expect(county.lastHtml).toContain('永定区分类规则第 1 版');
    expect((await f.store.currentRuleSet('430802'))?.rules.version).toBe('永定区-2026-1');
    expect((await f.store.listEvents(account.id, 5)).map((e) => e.type)).toContain('classify-rules-saved');

    // the village's supervision chair does not record complaints: no rules page
    const { browser: chair } = await signedIn('supervision-chair', MATOUXI);
    expect((await chair.get('/console/classification/')).status).toBe(404);
    // nor does a township elsewhere see this county's
    const { browser: outside } = await signedIn('township-discipline', '430821211');
    expect((await outside.get('/console/classification/?county=430802')).status).toBe(404);
  });

  it('offers the open complaints of the village with like words on a complaint’s page, each merged into with one button', async () => {
    const { browser } = await signedIn('township-discipline', '430802108');
    // words none of the walk's complaints use, so these two are each other's best match
    const file = (text: string, tail: number) =>
      f.store.fileComplaint(newComplaint({ village: MATOUXI, category: '工程项目', text, anonymous: false } as never, trackingCodeFrom(Uint8Array.from([9, tail, 1, 2, 3, 4, 0])), new Date().toISOString()));
    const first = await file('三组修水渠的钱公示了，可水渠修到一半就停工了，没人管。', 1);
    const second = await file('三组的水渠修到一半停工好几个月了，修水渠的钱去哪了？', 2);
    await browser.get(`/console/complaints/${second.publicId}/`);
    expect(browser.lastHtml).toContain('说的可能是同一件事');
    expect(browser.lastHtml).toContain(`并入第 ${first.publicId} 号`);
    expect(browser.lastHtml).not.toContain(`并入第 ${second.publicId} 号`);
    expect((await browser.post(`/console/complaints/${second.publicId}/merge`, { into: first.publicId })).status).toBe(303);
    expect((await f.store.getComplaint(second.trackingCode))?.events.at(-1)).toMatchObject({ type: 'merge-into', into: first.publicId });
    // a merged one is no longer open: neither offered nor offering
    await browser.get(`/console/complaints/${first.publicId}/`);
    expect(browser.lastHtml).not.toContain(`并入第 ${second.publicId} 号`);
    // the village's supervision chair reads the page but merges nothing, and is offered nothing
    const { browser: chair } = await signedIn('supervision-chair', MATOUXI);
    await chair.get(`/console/complaints/${first.publicId}/`);
    expect(chair.lastHtml).not.toContain('说的可能是同一件事');
  });

  it('records every view of a complainant’s contact in the account’s log', async () => {
    const { browser, account } = await signedIn('township-discipline', '430802108');
    const id = (await complaint('received')).publicId;
    await browser.post(`/console/complaints/${id}/contact`, {});
    expect(browser.lastHtml).toContain('13800000000');
    expect((await f.store.listEvents(account.id, 5)).map((e) => [e.type, e.detail])).toContainEqual(['contact-viewed', `投诉 ${id}`]);
  });

  it('names the office, not the person, in what the public sees of an action', async () => {
    const { browser } = await signedIn('township-discipline', '430802108');
    const c = await complaint('received');
    expect((await browser.post(`/console/complaints/${c.publicId}/dispatch`, { department: DEPARTMENT })).status).toBe(303);
    const after = (await f.store.getComplaint(c.trackingCode))!;
    expect(after.events.at(-1)).toMatchObject({ type: 'dispatch', actor: '测试单位', department: DEPARTMENT });
  });

  it('tells the office a complaint is dispatched to, and reminds in the morning of what is due, through the notifier', async () => {
    const file = join(f.config.dataDir, 'notifications.jsonl');
    const { browser } = await signedIn('township-discipline', '430802108');
    const { account: staff } = await signedIn('department-staff', '430802108');
    const c = await complaint('received');
    expect((await browser.post(`/console/complaints/${c.publicId}/dispatch`, { department: DEPARTMENT })).status).toBe(303);
    const lines = () => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { accountId: string; reason: string; text: string; link: string });
    const told = lines().filter((l) => l.reason === 'dispatched' && l.text.startsWith(`投诉 ${c.publicId}（`));
    expect(told.map((l) => l.accountId)).toContain(staff.id);
    expect(told.every((l) => l.link.endsWith(`/console/complaints/${c.publicId}/`))).toBe(true);
    // the walk left complaints waiting in 马头溪村: the morning run names them to those who act on them
    const sent = await f.portal.reminders.runNow();
    expect(sent).toBeGreaterThan(0);
    expect(lines().filter((l) => l.reason === 'reminder').length).toBe(sent);
  });
});
