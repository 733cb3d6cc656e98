import type { Hono } from 'hono';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account, NewAccount } from '../data/accounts/account.ts';
import { openSession } from '../data/accounts/sign-in.ts';
import { SERVER_ENTRY } from '../scripts/lib/astro-bundle.ts';
import { loadRenderer, type RenderFn } from '../site/build/page-builder.ts';
import { SUMMARY_UPLOAD_FIELDS as F, summaryRegions } from '../site/lib/console-summary-upload-view.ts';
import { CONSOLE_PATHS } from '../site/lib/urls.ts';
import { ConsoleClient } from '../test/support/console-client.ts';
import { layoutFixture } from '../test/support/layout-fixtures.ts';
import { createPortalApp } from './portal-app.ts';
import { SUMMARY_BODY_LIMIT } from './publish-summary.ts';
import { DIVISIONS, MATOUXI, testApp, type TestApp } from './test-support.ts';

// Issue 15 in the console: 上传汇总表, a township's, county's or city's summary table previewed and
// published signed in, for the regions the permission table gives the account, through the whole
// portal so the page is the real one (the SSR bundle the test setup builds).

const WANGJIAPING = '430802108';
const SANGUANSI = '430821211';
const TITLE = '王家坪镇2026年耕地地力保护补贴资金发放汇总表';

let render: RenderFn;
beforeAll(async () => {
  render = await loadRenderer(SERVER_ENTRY);
});

let t: TestApp;
let portal: Hono;
let summaryChanges: string[];
beforeEach(async () => {
  t = await testApp();
  summaryChanges = [];
  // the sessions below are opened on the system clock: the portal reads the same one
  portal = createPortalApp({ store: t.store, clock: () => new Date(), config: t.config, siteDir: t.config.dataDir, afterPublish: async () => {}, afterSummary: (s) => summaryChanges.push(s), render });
});
afterEach(async () => {
  await t.cleanup();
});

let n = 0;
/** A browser signed in as a fresh, active account of this role at this scope, its home page read. */
async function signedIn(fields: Pick<NewAccount, 'role' | 'scope'>): Promise<{ browser: ConsoleClient; account: Account }> {
  n += 1;
  const made = await t.store.createAccounts([{ name: `测试${n}`, mobile: `1370000${String(n).padStart(4, '0')}`, office: '测试单位', title: '测试', department: fields.role === 'county-bureau' ? '永定区财政局' : null, admin: false, ...fields }], {
    at: new Date().toISOString(),
    by: null,
  });
  if (made.kind !== 'created') throw new Error(made.kind);
  await t.store.setPassword(made.accounts[0]!.id, '{}');
  const account = (await t.store.getAccount(made.accounts[0]!.id))!;
  const { secret } = await openSession(t.store, account, { address: null, userAgent: null }, new Date());
  const browser = new ConsoleClient(portal);
  browser.cookies.set('cw_session', secret);
  await browser.get(CONSOLE_PATHS.home);
  return { browser, account };
}

/** The form as the page posts it; `dryRun` ticks 只预览核对, as the page does by default. */
function summaryForm(region: string, bytes: Uint8Array, options: { dryRun?: boolean; name?: string } = {}): FormData {
  const form = new FormData();
  form.set(F.region, region);
  form.set(F.period, '');
  if (options.dryRun ?? true) form.set(F.dryRun, '1');
  form.set(F.file, new File([bytes as Uint8Array<ArrayBuffer>], options.name ?? '汇总表.csv', { type: 'text/csv' }));
  return form;
}

const byVillage = () => layoutFixture('summary-township-by-village.csv');
/** The same table with one village's amount, and so the 合计, corrected by 0.10 元. */
const corrected = () => new TextEncoder().encode(new TextDecoder().decode(byVillage()).replace('62122.20', '62122.30').replace('401982.41', '401982.51'));
const regionOptions = (html: string) => [...html.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);

describe('上传汇总表 in the console', () => {
  it('lets a township-finance account preview 王家坪镇’s summary table, then publish it, and the store lists it', async () => {
    const { browser, account } = await signedIn({ role: 'township-finance', scope: WANGJIAPING });
    expect(browser.lastHtml).toContain(`href="${CONSOLE_PATHS.summaryUpload}"`);
    expect(browser.lastHtml).toContain('上传汇总表');
    expect((await browser.get(CONSOLE_PATHS.summaryUpload)).status).toBe(200);
    expect(regionOptions(browser.lastHtml)).toEqual([WANGJIAPING]);
    expect(browser.lastHtml).toMatch(/name="dry_run" value="1" checked/);

    const preview = await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, byVillage()));
    expect(preview.status, browser.lastHtml.slice(0, 2000)).toBe(200);
    expect(browser.lastHtml).toContain('预览：可以公开');
    expect(browser.lastHtml).toContain(TITLE);
    expect(browser.lastHtml).toContain('401,982.41 元');
    // five villages, of which only 马头溪村 is among the test region's divisions
    expect(browser.lastHtml).toContain('共 5 行，其中 1 行对应到本地区的乡镇或村');
    expect(browser.lastHtml).toContain('各列的识别结果');
    expect(browser.lastHtml).toContain('宋家溪村'); // a warning names the villages not found
    expect(await t.store.listSummaries(WANGJIAPING)).toEqual([]);
    expect(summaryChanges).toEqual([]);

    const published = await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, byVillage(), { dryRun: false }));
    expect(published.status).toBe(200);
    expect(browser.lastHtml).toContain('已公开');
    expect(browser.lastHtml).toContain('这是第 1 版');
    expect(browser.lastHtml).toContain(`href="/r/${WANGJIAPING}/summary/1/"`);
    const listed = await t.store.listSummaries(WANGJIAPING);
    expect(listed.map((s) => [s.seq, s.version, s.document.title, s.document.total])).toEqual([[1, 1, TITLE, 40_198_241]]);
    expect(listed[0]!.document.rows.find((r) => r.label === '马头溪村')?.place).toBe(MATOUXI);
    expect(summaryChanges).toEqual([WANGJIAPING]);
    expect(await t.store.listEvents(account.id, 10)).toContainEqual(expect.objectContaining({ type: 'publish', detail: `summary:${WANGJIAPING}/1` }));
  });

  it('publishes a second upload of the same title and period as 第2版, correcting the first, and says so in the preview', async () => {
    const { browser } = await signedIn({ role: 'township-finance', scope: WANGJIAPING });
    await browser.get(CONSOLE_PATHS.summaryUpload);
    expect((await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, byVillage(), { dryRun: false }))).status).toBe(200);
    expect((await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, corrected()))).status).toBe(200);
    expect(browser.lastHtml).toContain('公开后将更正第 1 版（成为第 2 版）');
    expect((await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, corrected(), { dryRun: false }))).status).toBe(200);
    expect(browser.lastHtml).toContain('这是第 2 版，已更正第 1 版');
    expect(browser.lastHtml).toContain(`href="/r/${WANGJIAPING}/summary/2/"`);
    expect((await t.store.listSummaries(WANGJIAPING)).map((s) => [s.seq, s.version, s.supersedes])).toEqual([
      [1, 1, null],
      [2, 2, 1],
    ]);
  });

  it('shows a village accountant no link to it, and refuses its post for the township with 403, storing nothing', async () => {
    const { browser } = await signedIn({ role: 'village-accountant', scope: MATOUXI });
    expect(browser.lastHtml).toContain('上传公开材料'); // the home page it did read
    expect(browser.lastHtml).not.toContain(CONSOLE_PATHS.summaryUpload);
    expect(browser.lastHtml).not.toContain('上传汇总表');
    const res = await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, byVillage(), { dryRun: false }));
    expect(res.status).toBe(403);
    expect(browser.lastHtml).toContain('您的岗位不能为这个地区公开汇总表。');
    expect(await t.store.listSummaries(WANGJIAPING)).toEqual([]);
  });

  it('refuses a township account a summary for another township with 403, and does not offer it', async () => {
    const { browser } = await signedIn({ role: 'township-finance', scope: WANGJIAPING });
    await browser.get(CONSOLE_PATHS.summaryUpload);
    expect(regionOptions(browser.lastHtml)).not.toContain(SANGUANSI);
    const res = await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(SANGUANSI, byVillage(), { dryRun: false }));
    expect(res.status).toBe(403);
    expect(await t.store.listSummaries(SANGUANSI)).toEqual([]);
    // nor its county, above it
    expect((await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm('430802', byVillage(), { dryRun: false }))).status).toBe(403);
    expect(await t.store.listSummaries('430802')).toEqual([]);
  });

  it('refuses a post without its CSRF field, or from another site, storing nothing', async () => {
    const { browser } = await signedIn({ role: 'township-finance', scope: WANGJIAPING });
    await browser.get(CONSOLE_PATHS.summaryUpload);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const withoutField = await portal.request(CONSOLE_PATHS.summaryUpload, { method: 'POST', body: summaryForm(WANGJIAPING, byVillage(), { dryRun: false }), headers: { cookie } });
    expect(withoutField.status).toBe(403);
    expect(await withoutField.text()).toContain('页面已过期，请重新提交。');
    const form = summaryForm(WANGJIAPING, byVillage(), { dryRun: false });
    form.set('_csrf', browser.csrf);
    const crossSite = await portal.request(CONSOLE_PATHS.summaryUpload, { method: 'POST', body: form, headers: { cookie, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(await t.store.listSummaries(WANGJIAPING)).toEqual([]);
    // the same form with its field is taken: what was refused was the missing field and the other site
    expect((await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, byVillage(), { dryRun: false }))).status).toBe(200);
    expect(await t.store.listSummaries(WANGJIAPING)).toHaveLength(1);
  });

  it('refuses a file over the summary limit with 413, before reading it', async () => {
    const { browser } = await signedIn({ role: 'township-finance', scope: WANGJIAPING });
    await browser.get(CONSOLE_PATHS.summaryUpload);
    const res = await browser.postForm(CONSOLE_PATHS.summaryUpload, summaryForm(WANGJIAPING, new Uint8Array(SUMMARY_BODY_LIMIT + 1).fill(0x31), { dryRun: false }));
    expect(res.status).toBe(413);
    expect(await t.store.listSummaries(WANGJIAPING)).toEqual([]);
  });

  it('offers a city account the city, its counties and their townships, and a township account its township only', () => {
    const account = (role: Account['role'], scope: string) => ({ role, scope, admin: false }) as Account;
    expect(summaryRegions(account('city', '430800'), DIVISIONS).map((d) => d.code)).toEqual(['4308', '430802', WANGJIAPING, '430821', SANGUANSI, '430821212']);
    expect(summaryRegions(account('county-bureau', '430821'), DIVISIONS).map((d) => d.code)).toEqual(['430821', SANGUANSI, '430821212']);
    expect(summaryRegions(account('township-finance', WANGJIAPING), DIVISIONS).map((d) => d.code)).toEqual([WANGJIAPING]);
    expect(summaryRegions(account('township-discipline', WANGJIAPING), DIVISIONS)).toEqual([]);
  });
});
