import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// The accountant's path: token, village, kind, file → preview → publish, then the village page.
const LEDGER = fileURLToPath(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));

describe.skipIf(!chromiumPath && !inCI)('the upload page (Chromium)', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await openBrowserPortal();
  });

  afterAll(async () => {
    await b?.close();
  });

  /** The upload form filled in for 马头溪村 with a fresh token; `file` is a path or in-memory file. */
  async function fillForm(tab: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await tab.goto(`${b.origin}/upload/`);
    await tab.fill('#token', await b.portal.token('430802108214'));
    await tab.fill('#village', '430802108214');
    await tab.selectOption('#kind', 'finance');
    await tab.setInputFiles('#file', file);
    await tab.click('#check');
  }

  it('previews the ledger with its totals, publishes only on confirmation, and links to the page', async () => {
    const context = await b.phone();
    const tab = await context.newPage();
    await fillForm(tab, LEDGER);
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('98,488.40');
    expect(await tab.locator('#out').innerText()).toContain('110,323.02');
    expect(await b.portal.store.listPublications('430802108214')).toHaveLength(0); // a preview publishes nothing

    await tab.getByRole('button', { name: '确认发布' }).click();
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('已发布');
    const published = await b.portal.store.listPublications('430802108214');
    expect(published).toHaveLength(1);

    // The link is the permanent public address (PORTAL_BASE_URL), here a made-up host.
    const href = await tab.getByRole('link', { name: '查看公开页面' }).getAttribute('href');
    expect(href).toBe(`http://portal.test/v/430802108214/p/${published[0]!.id}/`);
    await tab.goto(`${b.origin}${new URL(href!).pathname}`);
    expect(await tab.locator('body').innerText()).toContain('支付银行账户管理费');
    await context.close();
  });

  it('shows what is wrong, row and column, when the total row disagrees', async () => {
    const context = await b.phone();
    const tab = await context.newPage();
    const ledger = new TextDecoder('gbk').decode(readFileSync(LEDGER)).replace('"98,488.40"', '"98,488.41"');
    await fillForm(tab, { name: 'ledger.csv', mimeType: 'text/csv', buffer: Buffer.from(ledger, 'utf8') });
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('第 20 行');
    expect(await tab.locator('#out').innerText()).toContain('98,488.41');
    expect(await tab.getByRole('button', { name: '确认发布' }).count()).toBe(0);
    await context.close();
  });
});
