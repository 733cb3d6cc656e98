import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// A villager's phone: 360×640, sometimes with JavaScript off. Skips only on a machine without
// Chromium; under CI=true a missing browser fails the run instead.
describe.skipIf(!chromiumPath && !inCI)('the village page on a 360 px phone (Chromium)', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await openBrowserPortal();
    await b.portal.publishLedger();
  });

  afterAll(async () => {
    await b?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`shows the totals without horizontal scroll (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await b.phone({ javaScriptEnabled });
      const tab = await context.newPage();
      const response = await tab.goto(`${b.origin}/v/430802108214/`);
      expect(response?.status()).toBe(200);
      const widths = (await tab.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, font: parseFloat(getComputedStyle(document.body).fontSize) })',
      )) as { scroll: number; client: number; font: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      expect(widths.font).toBeGreaterThanOrEqual(16);
      for (const figure of ['98,488.40', '74,399.50', '110,323.02']) {
        await expect.poll(() => tab.getByText(figure, { exact: false }).first().isVisible()).toBe(true);
      }
      await context.close();
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`says the latest ledger in one sentence, with a 朗读 button only where the browser can speak (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await b.phone({ javaScriptEnabled });
      const tab = await context.newPage();
      await tab.goto(`${b.origin}/v/430802108214/`);
      expect(await tab.locator('p.lead').textContent()).toMatch(/^2026年第三季度，本村收入 [\d,.]+ 元，支出 [\d,.]+ 元，期末结余 [\d,.]+ 元。$/);
      expect(await tab.locator('p.lead + p.words').textContent()).toMatch(/^大写：收入[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负]+，支出[^，]+，期末结余[^，]+。$/);
      const canSpeak = javaScriptEnabled && (await tab.evaluate("'speechSynthesis' in window"));
      expect(await tab.getByRole('button', { name: '朗读' }).isVisible()).toBe(canSpeak);
      await context.close();
    });
  }

  it('labels every field of a row shown as a card on the phone, the heading aside', async () => {
    const context = await b.phone({ javaScriptEnabled: false });
    const tab = await context.newPage();
    const publication = (await b.portal.store.currentPublications('430802108214')).find((p) => p.kind === 'finance')!;
    await tab.goto(`${b.origin}/v/430802108214/p/${publication.id}/`);
    const row = tab.locator('table.cards tbody tr').first();
    const unlabelled = await row.locator('td:not(.t):not(.q):not(:empty):not([data-l])').count();
    expect(unlabelled).toBe(0);
    // the date is said to be the date, as it shows: 日期 2026年7月3日
    expect(await row.locator('td[data-l="日期"]').count()).toBe(1);
    await context.close();
  });
});
