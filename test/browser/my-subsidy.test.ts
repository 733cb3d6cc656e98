import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsThePhone, openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// Issue 16, 查我的补贴: on a 360 px phone with JavaScript off, a villager of the sample 马头溪村
// list finds their own row by name and ID number; a wrong ID, or the right ID with another name,
// finds nothing; the number is never in the address bar or the page.
describe.skipIf(!chromiumPath && !inCI)('looking up one’s own subsidies (Chromium)', () => {
  let b: BrowserPortal;
  // the sample list's 17th person, whose full ID the village left unmasked (masked when published)
  const GU = { name: '谷世军', id: '430802196401241328' };

  beforeAll(async () => {
    b = await openBrowserPortal({ demo: true });
  });

  afterAll(async () => {
    await b?.close();
  });

  const lookUp = async (name: string, id: string) => {
    const context = await b.phone({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/subsidy/`);
    await tab.getByLabel('姓名').fill(name);
    await tab.getByLabel(/身份证号/).fill(id);
    await tab.getByRole('button', { name: '查询' }).click();
    await tab.getByRole('status').waitFor();
    return { context, tab };
  };

  it('finds the sample person’s row, and never shows or sends the number in the address', async () => {
    const { context, tab } = await lookUp(GU.name, GU.id);
    expect(await tab.getByRole('status').textContent()).toBe('查到 1 条补贴记录。');
    expect(await tab.getByRole('listitem').filter({ hasText: '676.16 元' }).count()).toBe(1);
    expect(tab.url()).toBe(`${b.origin}/subsidy/`);
    expect(await tab.content()).not.toContain(GU.id);
    await fitsThePhone(tab);
    await tab.getByRole('link', { name: /耕地地力保护补贴/ }).click();
    await tab.waitForURL(/\/v\/430802108214\/p\/[^/]+\/#r19$/);
    await context.close();
  });

  it('finds nothing with a wrong ID number, or with the right one and another name', async () => {
    for (const [name, id] of [[GU.name, '430802196401241336'], ['李小平', GU.id]] as const) {
      const { context, tab } = await lookUp(name, id);
      expect(await tab.getByRole('status').textContent()).toContain('没有查到');
      expect(await tab.getByRole('listitem').filter({ hasText: '元' }).count()).toBe(0);
      await context.close();
    }
  });
});
