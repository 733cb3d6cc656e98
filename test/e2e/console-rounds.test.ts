import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../data/accounts/role.ts';
import { foldRound } from '../../data/rectification/round-fold.ts';
import { signedInAccount } from '../support/console-account.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 13, point 3: the county's discipline commission runs an inspection round from the console —
// opens it, adds problems and tasks, and closes it — and the village answers on the task's page.

const MATOUXI = '430802108214';
let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture();
});
afterAll(async () => {
  await f?.cleanup();
});

const signedIn = (role: Role, scope: string, office: string) => signedInAccount(f, { role, scope, office });

const roundIdFrom = (res: Response) => /^\/console\/rounds\/(\d+)\/$/.exec(res.headers.get('location') ?? '')?.[1];

describe('inspection rounds in the console', () => {
  it('opens a round, adds a problem and a task, takes the village’s evidence, closes the task and then the round', async () => {
    const { browser: county, account } = await signedIn('county-discipline', '430802', '永定区纪委监委');
    expect(county.lastHtml).toContain('href="/console/rounds/"');
    await county.get('/console/rounds/');
    expect(county.lastHtml).toContain('<option value="430802108"');

    const opened = await county.post('/console/rounds/', { scope: '430802108', title: '2026年第三轮巡察', team: '区委第三巡察组', start: '2026-11-01', end: '2026-12-31', contact: '0744-8222110' });
    expect(opened.status).toBe(303);
    const id = roundIdFrom(opened)!;
    expect(id).toBeDefined();
    await county.get(`/console/rounds/${id}/`);
    expect(county.lastHtml).toContain('2026年第三轮巡察');

    // an ID number typed into the description is masked before it is kept; 1200.50 元 is 120050 fen
    expect((await county.post(`/console/rounds/${id}/problem`, { village: MATOUXI, source: 'inspection', description: '报销单据缺失，经手人身份证 430802199001011234。', amount: '1,200.50' })).status).toBe(303);
    expect((await county.post(`/console/rounds/${id}/task`, { problem: 'P1', measure: '补齐报销单据并公开', responsible: '村党支部书记', village: '', deadline: '2026-12-20', immediate: '1' })).status).toBe(303);
    const stored = (await f.store.getRound(id))!;
    const state = foldRound(stored, '2026-12-01');
    expect(state.problems[0]).toMatchObject({ village: MATOUXI, amount: 120050 });
    expect(state.problems[0]!.description).not.toContain('430802199001011234');
    expect(state.tasks[0]).toMatchObject({ id: 'T1', village: MATOUXI, immediate: true, state: 'open' });
    expect(stored.events.map((e) => e.actor)).toEqual(['永定区纪委监委', '永定区纪委监委', '永定区纪委监委']);
    expect((await f.store.listEvents(account.id, 10)).map((e) => e.type)).toEqual(expect.arrayContaining(['rectification-open-round', 'rectification-add-problem', 'rectification-add-task']));
    // the round's public notice follows (rebuilt after the change, not within this request)
    await vi.waitFor(
      async () => {
        const notice = await f.app.request(`/rectification/${id}/`);
        expect(await notice.text()).toContain('补齐报销单据并公开');
      },
      { timeout: 15_000, interval: 50 },
    );

    // the round cannot close while its 立行立改 task is open: said in Chinese on the page
    expect((await county.post(`/console/rounds/${id}/close`, { summary: '整改完成。' })).status).toBe(409);
    expect(county.lastHtml).toContain('立行立改任务 T1 尚未销号');

    const { browser: secretary } = await signedIn('village-secretary', MATOUXI, '马头溪村村委会');
    await secretary.get(`/console/rounds/${id}/`);
    expect(secretary.lastHtml).toContain(`/console/rounds/${id}/tasks/T1/`);
    expect(secretary.lastHtml).not.toContain('登记问题');
    expect((await secretary.post(`/console/rounds/${id}/problem`, { village: MATOUXI, source: 'inspection', description: '自己加的问题' })).status).toBe(403);
    await secretary.get(`/console/rounds/${id}/tasks/T1/`);
    expect((await secretary.post(`/console/rounds/${id}/tasks/T1/submit`, { text: '单据已补齐，已在公开栏公开。' })).status).toBe(303);
    await county.get(`/console/rounds/${id}/tasks/T1/`);
    expect((await county.post(`/console/rounds/${id}/tasks/T1/review`, { decision: 'close', reason: '材料属实，销号。' })).status).toBe(303);
    await county.get(`/console/rounds/${id}/`);
    expect((await county.post(`/console/rounds/${id}/recovery`, { problem: 'P1', amount: '300', note: '已退回村集体账户' })).status).toBe(303);
    expect((await county.post(`/console/rounds/${id}/rule`, { rule: '' })).status).toBe(422);
    expect(county.lastHtml).toContain('制度名称：');
    expect((await county.post(`/console/rounds/${id}/rule`, { rule: '马头溪村报销审批办法' })).status).toBe(303);
    await county.get(`/console/rounds/${id}/`);
    expect(county.lastHtml).toContain('300.00 元');
    expect(county.lastHtml).toContain('马头溪村报销审批办法');
    expect((await county.post(`/console/rounds/${id}/close`, { summary: '本轮问题均已整改。' })).status).toBe(303);
    expect(foldRound((await f.store.getRound(id))!, '2026-12-01').closed).toMatchObject({ summary: '本轮问题均已整改。', actor: '永定区纪委监委' });
    await county.get(`/console/rounds/${id}/`);
    expect(county.lastHtml).not.toContain('登记问题');
  });

  it('says what is wrong with the opening form by field, and keeps what was typed', async () => {
    const { browser } = await signedIn('county-discipline', '430802', '永定区纪委监委');
    await browser.get('/console/rounds/');
    const res = await browser.post('/console/rounds/', { scope: '430802108', title: '第四轮巡察', team: '', start: '2026-12-01', end: '2026-11-01', contact: '0744-8222110' });
    expect(res.status).toBe(422);
    expect(browser.lastHtml).toContain('结束日期：结束日期不能早于开始日期');
    expect(browser.lastHtml).toContain('巡察组：');
    expect(browser.lastHtml).toContain('value="第四轮巡察"');
    const elsewhere = await browser.post('/console/rounds/', { scope: '430821211', title: '第四轮巡察', team: '区委巡察组', start: '2026-11-01', end: '2026-12-01', contact: '0744-8222110' });
    expect(elsewhere.status).toBe(403);
  });

  it('refuses an amount that is not money, naming the field', async () => {
    const { browser } = await signedIn('county-discipline', '430802', '永定区纪委监委');
    await browser.get('/console/rounds/');
    const id = roundIdFrom(await browser.post('/console/rounds/', { scope: '430802108', title: '第五轮巡察', team: '区委第五巡察组', start: '2026-11-01', end: '2026-12-31', contact: '0744-8222110' }))!;
    await browser.get(`/console/rounds/${id}/`);
    expect((await browser.post(`/console/rounds/${id}/problem`, { village: MATOUXI, source: 'audit', description: '账目不清。', amount: '一千二' })).status).toBe(422);
    expect(browser.lastHtml).toContain('涉及金额：');
    expect(foldRound((await f.store.getRound(id))!, '2026-12-01').problems).toEqual([]);
  });

  it('refuses the rounds screens to a role that does not run rounds', async () => {
    const { browser } = await signedIn('township-finance', '430802108', '王家坪镇经管站');
    expect(browser.lastHtml).not.toContain('href="/console/rounds/"');
    expect((await browser.get('/console/rounds/')).status).toBe(403);
  });
});
