import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBuiltBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';
import { pageTypes } from '../support/page-types.ts';
import { sizeScan, type SizeScan } from '../support/size-scan.ts';

// Issue 16: axe-core (from the registry) finds no WCAG 2.2 A/AA violation on any page type a
// villager or a journalist opens, on a 360 px phone, in the ordinary mode and in 长辈模式.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[] }>;
}

describe.skipIf(!chromiumPath && !inCI)('accessibility of every page type (axe-core, text and target sizes; Chromium, 360 px)', () => {
  let b: BrowserPortal;
  let publication = '';

  beforeAll(async () => {
    const built = await openBuiltBrowserPortal({ demo: true });
    b = built;
    publication = built.publication;
  });

  afterAll(async () => {
    await b?.close();
  });

  const pages = () => pageTypes(publication);

  it('finds a violation when there is one (the control)', async () => {
    const context = await b.phone();
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/`);
    await tab.evaluate(`document.querySelector('main').append(Object.assign(document.createElement('input'), { type: 'text' }))`);
    await tab.evaluate(AXE);
    const ids = (await tab.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations.map((v) => v.id))`)) as string[];
    expect(ids).toContain('label');
    await context.close();
  });

  for (const elder of [false, true]) {
    it(`finds no WCAG 2.2 AA violation on any page type${elder ? ' in 长辈模式' : ''}`, async () => {
      const context = await b.phone();
      if (elder) await context.addCookies([{ name: 'cw_elder', value: '1', url: b.origin }]);
      const tab = await context.newPage();
      const found: string[] = [];
      for (const path of pages()) {
        const res = await tab.goto(`${b.origin}${path}`);
        expect(res?.status(), path).toBe(path === '/no/such/page/' ? 404 : 200);
        await tab.evaluate(AXE);
        const violations = (await tab.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as Violation[];
        for (const v of violations) found.push(`${path} ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }

  // Issue 16: in both modes, no text under 16 px and no touch target under 44×44 px on any page
  // type (a link inside a sentence excepted, as WCAG 2.5.8 does: its line of text decides its size).
  it('finds a small target and small text when there are some, and lets a link in a sentence be (the control)', async () => {
    const context = await b.phone();
    const tab = await context.newPage();
    await tab.goto(`${b.origin}/track/`);
    await tab.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<div><a href="/" id="tiny" style="font-size:12px">小</a></div><p>请看<a href="/" id="inline">这里</a>的说明。</p>')`);
    const scan = (await tab.evaluate(sizeScan(16))) as SizeScan;
    expect(scan.smallTargets.map((t) => t.text)).toEqual(['小']);
    expect(scan.smallText.map((t) => t.text)).toEqual(['小']);
    await context.close();
  });


  for (const elder of [false, true]) {
    it(`shows no text under 16 px and no target under 44×44 px${elder ? ' in 长辈模式' : ''}`, async () => {
      const context = await b.phone();
      if (elder) await context.addCookies([{ name: 'cw_elder', value: '1', url: b.origin }]);
      const tab = await context.newPage();
      const found: string[] = [];
      for (const path of pageTypes(publication)) {
        const res = await tab.goto(`${b.origin}${path}`);
        expect(res?.status(), path).toBe(path === '/no/such/page/' ? 404 : 200);
        const scan = (await tab.evaluate(sizeScan(16))) as SizeScan;
        for (const t of scan.smallText) found.push(`${path} text ${t.px}px <${t.tag}> ${t.text}`);
        for (const t of scan.smallTargets) found.push(`${path} target ${t.width}×${t.height} <${t.tag}> ${t.text}`);
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }
});
