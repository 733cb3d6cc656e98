import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsThePhone, openBuiltBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// Issue 16, 长辈模式: on a 360 px phone with JavaScript off, a visible link turns on larger text
// and bigger targets; the choice is remembered from page to page and can be turned off again.
describe.skipIf(!chromiumPath && !inCI)('长辈模式 (Chromium)', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await openBuiltBrowserPortal();
  });

  afterAll(async () => {
    await b?.close();
  });

  const fontSize = (tab: import('playwright-core').Page, selector: string) => tab.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

  it('turns on with a visible link, stays on from page to page, and turns off again', async () => {
    const context = await b.phone({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/v/430802108214/`);
    const before = await fontSize(tab, 'body');
    await tab.getByRole('link', { name: '长辈模式' }).click();
    await tab.waitForURL(`${b.origin}/v/430802108214/`);
    expect(await tab.locator('html').getAttribute('class')).toBe('elder');
    expect(await fontSize(tab, 'body')).toBeGreaterThan(before);
    // no text under 18 px, labels and badges included (a chart's SVG text scales with the chart, and is left out)
    const texts = (await tab.evaluate(`[...document.querySelectorAll('body *')].filter((el) => !el.closest('svg') && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') && el.getClientRects().length > 0).map((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), what: el.tagName + '.' + el.className + ' ' + el.textContent.trim().slice(0, 20) }))`)) as Array<{ size: number; what: string }>;
    expect(texts.filter((t) => t.size < 18)).toEqual([]);
    await fitsThePhone(tab);
    // remembered on the next page, without JavaScript
    await tab.goto(`${b.origin}/`);
    expect(await tab.locator('html').getAttribute('class')).toBe('elder');
    await tab.getByRole('link', { name: '长辈模式' }).click();
    await tab.waitForURL(`${b.origin}/`);
    expect(await tab.locator('html').getAttribute('class')).toBeNull();
    await context.close();
  });
});
