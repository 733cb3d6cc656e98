import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';
import { ALL, financePayloads, LONGGANG, MATOUXI, PAYLOADS, storeXssPayloads, type StoredXss } from '../support/stored-xss.ts';

// Issue 6, hardening: the stored payloads of test/support/stored-xss.ts in Chromium. Every page
// that shows them — and the two scripts that put user content into the page themselves (the
// village search box, the upload preview) — shows them as text: no dialog opens, no element the
// payloads describe exists in the DOM, and the reader sees the payload's characters.
describe.skipIf(!chromiumPath && !inCI)('stored XSS payloads in Chromium', () => {
  let b: BrowserPortal;
  let s: StoredXss;
  const dialogs: string[] = [];

  beforeAll(async () => {
    b = await openBrowserPortal({ pagesIntervalMs: 20 });
    s = await storeXssPayloads(b.portal);
  });

  afterAll(async () => {
    await b?.close();
  });

  async function phone(): Promise<{ context: BrowserContext; tab: Page }> {
    const context = await b.phone();
    const tab = await context.newPage();
    tab.on('dialog', (d) => {
      dialogs.push(`${tab.url()}: ${d.message()}`);
      void d.dismiss();
    });
    return { context, tab };
  }

  /** Nothing the payloads describe became an element or a handler; the payload text is there to read. */
  async function expectInert(tab: Page, shown: readonly string[]): Promise<void> {
    const injected = await tab.evaluate(() =>
      [...document.querySelectorAll('img[src="x"], svg[onload], iframe, object, embed, [onerror], [onload], [onclick], a[href^="javascript:" i]')].map((e) => e.outerHTML.slice(0, 120)),
    );
    expect(injected, tab.url()).toEqual([]);
    const text = await tab.locator('body').innerText();
    for (const p of shown) expect(text, `${tab.url()}: ${p}`).toContain(p);
    expect(dialogs).toEqual([]);
  }

  it('shows the payloads as text on the village, publication, tracking, complaint, search and region pages', async () => {
    const { context, tab } = await phone();
    const pages: Array<[string, readonly string[]]> = [
      [`/v/${MATOUXI}/`, PAYLOADS],
      [`/v/${MATOUXI}/p/${s.finance}/`, PAYLOADS],
      [`/v/${MATOUXI}/p/${s.subsidy}/`, PAYLOADS],
      [`/v/${LONGGANG}/`, PAYLOADS],
      [`/v/${LONGGANG}/p/${s.project}/`, PAYLOADS],
      [`/track/?code=${s.trackingCode}`, [s.actor, `答复 ${ALL}`, `重新办理 ${ALL}`, `不满意 ${ALL}`, '"><img src=x onerror=alert(1)> <script>alert(1)</script>']],
      [`/v/${MATOUXI}/complaint/?p=${s.finance}&r=${s.row}`, [`摘要${s.row - 1} ${PAYLOADS[s.row - 1]}`]],
      [`/search/?q=${encodeURIComponent('摘要0')}&village=${MATOUXI}`, [PAYLOADS[0]]],
      ['/', []],
      ['/r/430802/', []],
      ['/r/430802108/', []],
    ];
    for (const [path, shown] of pages) {
      expect((await tab.goto(`${b.origin}${path}`))?.status(), path).toBe(200);
      await expectInert(tab, shown);
    }
    await context.close();
  });

  it('lists the search box’s hits as text (the worker’s results are put in the page by script)', async () => {
    const { context, tab } = await phone();
    await tab.goto(`${b.origin}/v/${MATOUXI}/`);
    await tab.getByRole('searchbox').fill('摘要0');
    await tab.locator('#sr li').first().waitFor();
    expect(await tab.locator('#sr').innerText()).toContain(PAYLOADS[0]);
    await expectInert(tab, [PAYLOADS[0]]);
    await context.close();
  });

  it('shows the upload preview of a file full of payloads as text', async () => {
    const { context, tab } = await phone();
    await tab.goto(`${b.origin}/upload/`);
    await tab.fill('#token', await b.portal.token(MATOUXI));
    await tab.fill('#village', MATOUXI);
    await tab.selectOption('#kind', 'finance');
    await tab.setInputFiles('#file', { name: '"><img src=x onerror=alert(1)>.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(financePayloads())) });
    await tab.click('#check');
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('预览');
    await expectInert(tab, PAYLOADS);
    await context.close();
  });

  it('shows a complaint typed full of payloads again as typed, then files it and shows it as text', async () => {
    const { context, tab } = await phone();
    await tab.goto(`${b.origin}/v/${MATOUXI}/complaint/`);
    await tab.getByLabel('问题类别').selectOption('其他');
    await tab.getByLabel(/反映内容/).fill(`反映内容 ${ALL}`);
    await tab.getByLabel('姓名', { exact: true }).fill('"><img src=x onerror=alert(1)>');
    // not a phone number (the browser lets it through, the server does not): the form comes back as typed
    await tab.getByLabel('电话', { exact: true }).fill('"><svg onload=1>');
    await tab.getByRole('button', { name: '提交', exact: true }).click();
    await tab.locator('#c-problems').waitFor();
    expect(await tab.getByLabel(/反映内容/).inputValue()).toBe(`反映内容 ${ALL}`);
    expect(await tab.getByLabel('姓名', { exact: true }).inputValue()).toBe('"><img src=x onerror=alert(1)>');
    expect(await tab.getByLabel('电话', { exact: true }).inputValue()).toBe('"><svg onload=1>');
    await expectInert(tab, []);

    await tab.getByLabel('电话', { exact: true }).fill('');
    await tab.getByRole('button', { name: '提交', exact: true }).click();
    // a complaint like it filed before (an earlier test's payloads) is offered first (issue 17):
    // its payloads must be as inert there, and 不一样 files this one
    await tab.locator('#c-similar').or(tab.locator('.steps')).first().waitFor();
    if (await tab.locator('#c-similar').count()) {
      await expectInert(tab, []);
      await tab.locator('#c-submit').click();
    }
    await tab.waitForURL('**/track/?code=*&new=1');
    await expectInert(tab, [`反映内容 ${ALL}`]);
    await context.close();
  });
});
