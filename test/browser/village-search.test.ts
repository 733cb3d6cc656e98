import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// The village page's search box on a 360 px phone: with JavaScript the village's own index is
// searched in the page (loaded only once the box is used); without it the form goes to /search/.
describe.skipIf(!chromiumPath && !inCI)('searching a village from its page (Chromium)', () => {
  let b: BrowserPortal;
  let id: string;

  beforeAll(async () => {
    b = await openBrowserPortal();
    id = (await b.portal.publishLedger()).publication.id;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('lists the 土地流转 row under the box, linking to its highlighted row, and loads nothing before the box is used', async () => {
    const context = await b.phone();
    const tab = await context.newPage();
    const requested: string[] = [];
    tab.on('request', (r) => requested.push(new URL(r.url()).pathname));
    expect((await tab.goto(`${b.origin}/v/430802108214/`))?.status()).toBe(200);
    await tab.waitForLoadState('load');
    expect(requested).toEqual(['/v/430802108214/']);

    await tab.getByRole('searchbox').fill('土地流转');
    const hit = tab.locator('#sr a[href$="#r5"]');
    await hit.waitFor();
    expect(await hit.getAttribute('href')).toBe(`/v/430802108214/p/${id}/#r5`);
    expect(await tab.locator('#sr li').count()).toBe(1);
    expect(await tab.locator('#sr li mark').allTextContents()).toEqual(['土地流转']);
    expect(requested).toContain('/v/430802108214/search-index.json');
    expect(requested.filter((p) => p.startsWith('/_astro/'))).toHaveLength(1);

    // the button searches in the page too, rather than leaving for /search/
    await tab.getByRole('button', { name: '搜索' }).click();
    await tab.locator('#sr li').first().waitFor();
    expect(new URL(tab.url()).pathname).toBe('/v/430802108214/');

    await hit.click();
    await tab.waitForURL(`**/p/${id}/#r5`);
    const background = await tab.evaluate('getComputedStyle(document.getElementById("r5")).backgroundColor');
    expect(background).toBe('rgb(255, 244, 194)'); // tr:target
    const widths = (await tab.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await context.close();
  });

  it('sends the form to /search/ with JavaScript off, which finds the same row', async () => {
    const context = await b.phone({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/v/430802108214/`);
    await tab.getByRole('searchbox').fill('土地流转');
    await tab.getByRole('button', { name: '搜索' }).click();
    await tab.waitForURL('**/search/?**');
    const url = new URL(tab.url());
    expect(url.searchParams.get('village')).toBe('430802108214');
    expect(url.searchParams.get('q')).toBe('土地流转');
    expect(await tab.locator(`a[href="/v/430802108214/p/${id}/#r5"]`).count()).toBeGreaterThan(0);
    await context.close();
  });
});
