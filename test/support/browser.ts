import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { listen } from '../../ingest/server.ts';
import { launchChromium } from '../../scripts/lib/chromium-launch.ts';
import { requireChromium } from './environment.ts';
import { openPortalFixture, type PortalFixture, type PortalFixtureOptions } from './portal-fixture.ts';

export interface BrowserPortal {
  portal: PortalFixture;
  browser: Browser;
  origin: string;
  /** a cheap phone: 360×640, JavaScript on or off */
  phone(options?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The page fits a 360 px phone without sideways scrolling, in text of at least 16 px. */
export async function fitsThePhone(tab: Page): Promise<void> {
  const widths = (await tab.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, font: parseFloat(getComputedStyle(document.body).fontSize) })',
  )) as { scroll: number; client: number; font: number };
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  expect(widths.font).toBeGreaterThanOrEqual(16);
}

/** A browser portal with the field sample ledger published and every page built, as a villager finds the site. */
export async function openBuiltBrowserPortal(options: PortalFixtureOptions = {}): Promise<BrowserPortal & { publication: string }> {
  // one full build, after the upload: the site as a villager finds it once the ledger is out
  const b = await openBrowserPortal({ ...options, buildFirst: false });
  const publication = (await b.portal.publishLedger()).publication.id;
  await b.portal.builder.buildAll();
  return Object.assign(b, { publication });
}

/**
 * A whole portal listening on a loopback port and Debian's Chromium driving it, launched with
 * this machine's flags (scripts/lib/chromium-launch.ts).
 */
export async function openBrowserPortal(options: PortalFixtureOptions = {}): Promise<BrowserPortal> {
  const executablePath = requireChromium();
  const portal = await openPortalFixture({}, options);
  const server = await listen(portal.app, 0, '127.0.0.1');
  const browser = await launchChromium(executablePath);
  return {
    portal,
    browser,
    origin: `http://127.0.0.1:${server.port}`,
    phone: (options = {}) => browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, javaScriptEnabled: options.javaScriptEnabled ?? true }),
    async close() {
      await browser.close();
      await server.close();
      await portal.cleanup();
    },
  };
}
