import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../ingest/server.ts';
import { chromiumPath, inCI, requireChromium } from '../support/environment.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// A villager's phone: 360×640, sometimes with JavaScript off. Skips only on a machine without
// Chromium; under CI=true a missing browser fails the run instead.
const FINANCE = new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url);

describe.skipIf(!chromiumPath && !inCI)('the village page on a 360 px phone (Chromium)', () => {
  let portal: PortalFixture;
  let browser: Browser;
  let server: { close: () => Promise<void>; port: number };

  beforeAll(async () => {
    const executablePath = requireChromium();
    portal = await openPortalFixture();
    const token = await portal.token('430802108214');
    const res = await portal.app.request('/api/v1/villages/430802108214/publications?kind=finance', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      body: readFileSync(FINANCE),
    });
    expect(res.status).toBe(201);
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

  for (const javaScriptEnabled of [true, false]) {
    it(`shows the totals without horizontal scroll (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, deviceScaleFactor: 2 });
      const tab = await context.newPage();
      const response = await tab.goto(`http://127.0.0.1:${server.port}/v/430802108214/`);
      expect(response?.status()).toBe(200);
      const widths = await tab.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, font: parseFloat(getComputedStyle(document.body).fontSize) })') as { scroll: number; client: number; font: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      expect(widths.font).toBeGreaterThanOrEqual(16);
      for (const figure of ['98,488.40', '74,399.50', '110,323.02']) {
        await expect.poll(() => tab.getByText(figure, { exact: false }).first().isVisible()).toBe(true);
      }
      if (javaScriptEnabled) await tab.screenshot({ path: `${portal.config.dataDir}/village-360.png`, fullPage: false });
      await context.close();
    });
  }
});
