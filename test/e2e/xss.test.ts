import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';
import { INLINE_SCRIPTS } from '../../site/lib/inline-scripts.ts';
import { isScriptUrl, scanHtml, URL_ATTRIBUTES } from '../support/html-scan.ts';
import { ALL, FORMULAS, LONGGANG, MATOUXI, PAYLOADS, storeXssPayloads, type StoredXss } from '../support/stored-xss.ts';

// Issue 6, hardening: no unescaped user content anywhere in the site. Payloads go into every
// text field through the API — three publications, a complaint, the staff workflow and the
// staff token's name — and every page that shows them (built or rendered per request) shows
// them as text; the data twins keep them as data, and the CSV twins are formula-safe.
// test/browser/xss.test.ts loads the same pages in Chromium.
let portal: PortalFixture;
let s: StoredXss;

beforeAll(async () => {
  portal = await openPortalFixture({}, { pagesIntervalMs: 20 });
  s = await storeXssPayloads(portal);
});

afterAll(async () => {
  await portal?.cleanup();
});

const get = async (path: string, init?: RequestInit) => portal.app.request(path, init);

/** Fails on any payload that reached the page as markup rather than text. */
function expectNoRawMarkup(html: string, where: string): void {
  for (const el of scanHtml(html).elements) {
    const what = `${where}: <${el.name} ${el.attributes.map(([n, v]) => `${n}="${v}"`).join(' ')}>`;
    expect(el.attributes.filter(([name]) => name.startsWith('on')), `${what}: an event handler attribute`).toEqual([]);
    for (const [name, value] of el.attributes) if (URL_ATTRIBUTES.has(name)) expect(isScriptUrl(value), `${what}: a script URL`).toBe(false);
    expect(['iframe', 'object', 'embed', 'base', 'frame', 'math'], what).not.toContain(el.name);
    if (el.name === 'img') expect(el.attributes.find(([n]) => n === 'src')?.[1], what).not.toBe('x');
    // The only scripts: our two inline ones (by their text) and files from this origin.
    if (el.name === 'script' && el.rawText !== null && el.rawText.trim() !== '') expect(OUR_SCRIPTS, `${where}: an inline script that is not ours`).toContain(el.rawText);
  }
}

/** Every payload is on the page, as text a reader sees (template syntax not evaluated). */
function expectShownAsText(html: string, where: string, payloads: readonly string[] = PAYLOADS): void {
  const { text } = scanHtml(html);
  for (const p of payloads) expect(text, `${where}: ${p}`).toContain(p);
}

const OUR_SCRIPTS = Object.values(INLINE_SCRIPTS);

describe('stored XSS payloads render as text', () => {
  const shown = (): Array<[string, string]> => [
    ['village page', `/v/${MATOUXI}/`],
    ['finance page', `/v/${MATOUXI}/p/${s.finance}/`],
    ['subsidy page', `/v/${MATOUXI}/p/${s.subsidy}/`],
    ['project village page', `/v/${LONGGANG}/`],
    ['project page', `/v/${LONGGANG}/p/${s.project}/`],
    ['tracking page', `/track/?code=${s.trackingCode}`],
    ['complaint page about the row', `/v/${MATOUXI}/complaint/?p=${s.finance}&r=${s.row}`],
    ['search page', `/search/?q=${encodeURIComponent('摘要0')}&village=${MATOUXI}`],
  ];

  it('shows every payload as text on each page that shows user content', async () => {
    for (const [what, path] of shown()) {
      const res = await get(path);
      expect(res.status, `${what} ${path}`).toBe(200);
      const html = await res.text();
      expectNoRawMarkup(html, what);
      // the search page and the complaint page show one row (a snippet of it): that row's payload
      if (what === 'search page') expectShownAsText(html, what, [PAYLOADS[0]]);
      else if (what === 'complaint page about the row') expectShownAsText(html, what, [PAYLOADS[2], ALL]);
      else expectShownAsText(html, what);
    }
  });

  it('shows the staff token’s name, the departments, replies and the villager’s feedback as text in the tracking history', async () => {
    const html = await (await get(`/track/?code=${s.trackingCode}`)).text();
    expectShownAsText(html, 'tracking page', [s.actor, `答复 ${ALL}`, `办结 ${ALL}`, `不满意 ${ALL}`, `重新办理 ${ALL}`, `反映内容 ${ALL}`, '"><img src=x onerror=alert(1)> <script>alert(1)</script>']);
    expectNoRawMarkup(html, 'tracking page');
  });

  it('has no payload markup in any built page: region pages, home page, every village and publication page', async () => {
    await portal.pages.flush();
    const files = htmlFiles(portal.siteDir);
    expect(files.length).toBeGreaterThan(100);
    let withPayloads = 0;
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      expectNoRawMarkup(html, relative(portal.siteDir, file));
      if (scanHtml(html).text.includes(PAYLOADS[0])) withPayloads += 1;
    }
    // the three publication pages and the two village pages at least (so the scan saw them)
    expect(withPayloads).toBeGreaterThanOrEqual(5);
    for (const path of ['/', '/r/430802/', '/r/430802108/', '/r/430821211/']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expectNoRawMarkup(await res.text(), path);
    }
  });

  it('shows a rejected complaint form again with what was typed, as text', async () => {
    const csrf = '0123456789abcdefghjkmnpqrstvwxyz';
    const res = await get('/api/v1/complaints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `cw_csrf=${csrf}`, Origin: new URL(portal.config.baseUrl).origin },
      body: new URLSearchParams({
        _csrf: csrf,
        village: MATOUXI,
        category: '', // missing: the form comes back with everything else as typed
        text: `反映内容 ${ALL}`,
        contact_name: '"><img src=x onerror=alert(1)>',
        contact_phone: '</textarea><svg onload=alert(1)>',
        publicationId: s.finance,
        row: String(s.row),
      }).toString(),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expectNoRawMarkup(html, 'complaint form shown again');
    const page = scanHtml(html);
    expect(page.elements.find((e) => e.name === 'textarea')?.rawText).toBe(`反映内容 ${ALL}`);
    const input = (id: string) => page.elements.find((e) => e.name === 'input' && e.attributes.some(([n, v]) => n === 'id' && v === id));
    expect(input('c-name')?.attributes).toContainEqual(['value', '"><img src=x onerror=alert(1)>']);
    expect(input('c-phone')?.attributes).toContainEqual(['value', '</textarea><svg onload=alert(1)>']);
  });

  it('does not reflect markup from the query string into the search page or a poster error page', async () => {
    for (const path of [`/search/?q=${encodeURIComponent(ALL)}`, `/search/?q=x&min=${encodeURIComponent(PAYLOADS[1])}`, `/v/${MATOUXI}/poster.pdf?size=${encodeURIComponent(PAYLOADS[0])}`, `/track/?code=${encodeURIComponent(PAYLOADS[3])}`]) {
      const html = await (await get(path)).text();
      expectNoRawMarkup(html, path);
    }
  });
});

describe('the data twins and the API keep the payloads as data', () => {
  it('serves them unchanged in JSON, as JSON that no browser sniffs into HTML', async () => {
    const res = await get(`/v/${MATOUXI}/p/${s.finance}/index.json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const doc = (await res.json()) as { content: { entries: Array<{ voucher: string }> } };
    expect(doc.content.entries.slice(0, PAYLOADS.length).map((e) => e.voucher)).toEqual([...PAYLOADS]);

    const search = await get(`/api/v1/search?q=${encodeURIComponent('摘要0')}&village=${MATOUXI}`);
    expect(search.headers.get('content-type')).toMatch(/^application\/json/);
    expect(search.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await search.text()).toContain(JSON.stringify(PAYLOADS[0]).slice(1, -1));
  });

  it('neutralises every cell a spreadsheet would run as a formula, in every CSV twin and the search CSV', async () => {
    const csvs: Array<[string, string]> = [
      ['finance CSV', `/v/${MATOUXI}/p/${s.finance}/index.csv`],
      ['subsidy CSV', `/v/${MATOUXI}/p/${s.subsidy}/index.csv`],
      ['project CSV', `/v/${LONGGANG}/p/${s.project}/index.csv`],
      ['village CSV', `/v/${MATOUXI}/index.csv`],
      ['search CSV', `/api/v1/search.csv?q=${encodeURIComponent('HYPERLINK')}`],
    ];
    const seen = new Set<string>();
    for (const [what, path] of csvs) {
      const res = await get(path);
      expect(res.status, what).toBe(200);
      expect(res.headers.get('content-type'), what).toBe('text/csv; charset=utf-8');
      const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
      expect(rows.length, what).toBeGreaterThan(1);
      for (const row of rows) {
        for (const cell of row) {
          // A plain number (an amount, -300.00 included) is a number; anything else may not start a formula.
          if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
          expect(cell, `${what}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
          if (cell.startsWith("'")) seen.add(cell.slice(1));
        }
      }
    }
    // The formula cells are all there, neutralised with a leading apostrophe, not dropped.
    for (const f of FORMULAS.filter((f) => !/^\s/.test(f))) expect(seen, f).toContain(f);
    expect([...seen].some((c) => c.includes('=1+1') && /^[\t\r]/.test(c)) || [...seen].includes('=1+1')).toBe(true);
  });
});

// ——— helpers ———

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

/** RFC 4180 as the twins write it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
