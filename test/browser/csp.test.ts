import { fileURLToPath } from 'node:url';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// Issue 6, hardening: the Content-Security-Policy blocks nothing the site itself does. Every
// script-driven path a villager or an official takes — the search box and its worker, the upload
// preview and publish, filing and following a complaint, the search page, the poster — runs in
// Chromium under the policy with no `securitypolicyviolation` and no "Refused to …" in the
// console of the page or of the worker. A control shows the listener does catch a violation.
const MATOUXI = '430802108214';
const LEDGER = fileURLToPath(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));

interface Violation {
  where: string;
  what: string;
}

describe.skipIf(!chromiumPath && !inCI)('the Content-Security-Policy in Chromium', () => {
  let b: BrowserPortal;
  let id = '';

  beforeAll(async () => {
    b = await openBrowserPortal();
    id = (await b.portal.publishLedger()).publication.id;
  });

  afterAll(async () => {
    await b?.close();
  });

  /** A phone whose pages report every CSP violation (and every CSP console line, pages and workers) into `violations`. */
  async function watchedPhone(violations: Violation[]): Promise<BrowserContext> {
    const context = await b.phone();
    // A binding reaches Node at once, so a violation just before a navigation is not lost.
    await context.exposeBinding('__reportCsp', ({ frame }, what: string) => {
      violations.push({ where: frame.url(), what });
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp(what: string): void }).__reportCsp(`${e.effectiveDirective} blocked ${e.blockedURI} ${e.sample}`);
      });
    });
    const fromConsole = (where: () => string) => (m: ConsoleMessage) => {
      if (/content.security.policy|refused to/i.test(m.text())) violations.push({ where: where(), what: m.text() });
    };
    context.on('page', (page) => watch(page, violations, fromConsole));
    return context;
  }

  function watch(page: Page, violations: Violation[], fromConsole: (where: () => string) => (m: ConsoleMessage) => void): void {
    page.on('console', fromConsole(() => page.url()));
    page.on('worker', (worker) => worker.on('console', fromConsole(() => worker.url())));
    // A script the policy broke some other way (e.g. an eval it needed) shows as an error here.
    page.on('pageerror', (error) => violations.push({ where: page.url(), what: `uncaught: ${error.message}` }));
  }

  it('catches a violation when there is one (the control)', async () => {
    const violations: Violation[] = [];
    const context = await watchedPhone(violations);
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/v/${MATOUXI}/`);
    // What stored markup would try if it slipped past the escaping: an inline script and a handler.
    await tab.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true;';
      document.body.appendChild(s);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:,x');
      img.setAttribute('onerror', 'window.__ran = true');
      document.body.appendChild(img);
    });
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(1);
    expect(await tab.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    expect(violations.some((v) => v.what.includes('script-src'))).toBe(true);
    await context.close();
  });

  it('lets the village page, its search worker, the publication page and the poster run with no violation', async () => {
    const violations: Violation[] = [];
    const context = await watchedPhone(violations);
    const tab = await context.newPage();
    const requested: string[] = [];
    tab.on('request', (r) => requested.push(new URL(r.url()).pathname));
    expect((await tab.goto(`${b.origin}/v/${MATOUXI}/`))?.status()).toBe(200);
    // The poster preview is a link, fetched only when asked for (issue 16); the page itself loads no image of it.
    expect(await tab.locator('img[src*="poster.png"]').count()).toBe(0);
    expect(requested.some((p) => p.endsWith('/poster.png'))).toBe(false);
    const preview = await tab.request.get(`${b.origin}${await tab.getByRole('link', { name: /先看看海报的样子/ }).getAttribute('href')}`);
    expect(preview.headers()['content-type']).toBe('image/png');

    await tab.getByRole('searchbox').fill('土地流转');
    await tab.locator(`#sr a[href="/v/${MATOUXI}/p/${id}/#r5"]`).waitFor();
    // answered by the worker in the page, not by the /search/ fallback
    expect(new URL(tab.url()).pathname).toBe(`/v/${MATOUXI}/`);
    expect(requested.filter((p) => p.startsWith('/_astro/'))).toHaveLength(1);

    await tab.locator(`#sr a[href="/v/${MATOUXI}/p/${id}/#r5"]`).click();
    await tab.waitForURL(`**/p/${id}/#r5`);
    expect(await tab.locator('#r5').count()).toBe(1);

    expect((await tab.goto(`${b.origin}/v/${MATOUXI}/poster.pdf`))?.status()).toBe(200);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('lets the upload page preview and publish through the API with no violation', async () => {
    const violations: Violation[] = [];
    const context = await watchedPhone(violations);
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/upload/`);
    await tab.fill('#token', await b.portal.token(MATOUXI));
    await tab.fill('#village', MATOUXI);
    await tab.selectOption('#kind', 'finance');
    await tab.setInputFiles('#file', LEDGER);
    await tab.click('#check');
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('98,488.40');
    await tab.getByRole('button', { name: '确认发布' }).click();
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('已发布');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('lets a villager file a complaint about a row, follow it, and search, with no violation', async () => {
    const violations: Violation[] = [];
    const context = await watchedPhone(violations);
    const tab = await context.newPage();
    expect((await tab.goto(`${b.origin}/v/${MATOUXI}/complaint/?p=${id}&r=5`))?.status()).toBe(200);
    await tab.getByLabel('问题类别').selectOption('财务公开');
    await tab.getByLabel(/反映内容/).fill('这一笔土地流转收入是哪几户的？');
    await tab.getByRole('button', { name: '提交', exact: true }).click();
    // the form posts to /api/v1/complaints (form-action) and is redirected to the tracking page
    await tab.waitForURL('**/track/?code=*&new=1');
    expect(await tab.locator('#status').textContent()).toBe('已受理');

    await tab.goto(`${b.origin}/track/`);
    await tab.getByLabel('查询码').fill('AAAAA-AAAAA');
    await tab.getByRole('button', { name: '查询' }).click();
    await tab.waitForURL('**/track/?code=*');

    await tab.goto(`${b.origin}/search/?q=${encodeURIComponent('土地流转')}`);
    // (the upload test above published a second version: the hits link to whichever is current)
    expect(await tab.locator(`a[href^="/v/${MATOUXI}/p/"][href$="/#r5"]`).count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await context.close();
  });
});
