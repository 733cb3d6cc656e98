import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../ingest/server.ts';
import { chromiumPath, inCI, requireChromium } from '../support/environment.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The accountant's path: token, village, kind, file → preview → publish, then the village page.
const LEDGER = fileURLToPath(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));

describe.skipIf(!chromiumPath && !inCI)('the upload page (Chromium)', () => {
  let portal: PortalFixture;
  let browser: Browser;
  let server: { close: () => Promise<void>; port: number };

  beforeAll(async () => {
    const executablePath = requireChromium();
    portal = await openPortalFixture();
    server = await listen(portal.app, 0, '127.0.0.1');
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await portal?.cleanup();
  });

  it('previews the ledger with its totals, publishes only on confirmation, and links to the page', async () => {
    const token = await portal.token('430802108214');
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const tab = await context.newPage();
    await tab.goto(`http://127.0.0.1:${server.port}/upload/`);
    await tab.fill('#token', token);
    await tab.fill('#village', '430802108214');
    await tab.selectOption('#kind', 'finance');
    await tab.setInputFiles('#file', LEDGER);
    await tab.click('#check');

    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('98,488.40');
    expect(await tab.locator('#out').innerText()).toContain('110,323.02');
    expect(await portal.store.listPublications('430802108214')).toHaveLength(0); // a preview publishes nothing

    await tab.getByRole('button', { name: '确认发布' }).click();
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('已发布');
    const published = await portal.store.listPublications('430802108214');
    expect(published).toHaveLength(1);

    // The link is the permanent public address (PORTAL_BASE_URL), here a made-up host.
    const href = await tab.getByRole('link', { name: '查看公开页面' }).getAttribute('href');
    expect(href).toBe(`http://portal.test/v/430802108214/p/${published[0]!.id}/`);
    await tab.goto(`http://127.0.0.1:${server.port}${new URL(href!).pathname}`);
    expect(await tab.locator('body').innerText()).toContain('支付银行账户管理费');
    await context.close();
  });

  it('shows what is wrong, row and column, when the total row disagrees', async () => {
    const token = await portal.token('430802108214');
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const tab = await context.newPage();
    await tab.goto(`http://127.0.0.1:${server.port}/upload/`);
    await tab.fill('#token', token);
    await tab.fill('#village', '430802108214');
    const ledger = new TextDecoder('gbk').decode(readFileSync(LEDGER)).replace('"98,488.40"', '"98,488.41"');
    await tab.setInputFiles('#file', { name: 'ledger.csv', mimeType: 'text/csv', buffer: Buffer.from(ledger, 'utf8') });
    await tab.click('#check');
    await expect.poll(() => tab.locator('#out').innerText(), { timeout: 10_000 }).toContain('第 20 行');
    expect(await tab.locator('#out').innerText()).toContain('98,488.41');
    expect(await tab.getByRole('button', { name: '确认发布' }).count()).toBe(0);
    await context.close();
  });
});
