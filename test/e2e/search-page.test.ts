import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The search page is the one page rendered per request: through the portal on one port,
// after an official has published, with JavaScript nowhere in the path.
const FINANCE = readFileSync(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));
const MATOUXI = '430802108214';

let portal: PortalFixture;
let publicationId = '';
beforeAll(async () => {
  portal = await openPortalFixture();
  const token = await portal.token(MATOUXI);
  const res = await portal.app.request(`/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
    body: FINANCE,
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  publicationId = JSON.parse(text).publication.id;
});
afterAll(async () => {
  await portal?.cleanup();
});

const get = (path: string) => Promise.resolve(portal.app.request(path));

describe('the search page', () => {
  it('finds the ledger row in the village and marks the words that matched', async () => {
    const res = await get(`/search/?q=${encodeURIComponent('土地流转')}&village=${MATOUXI}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('找到 1 条结果');
    expect(html).toContain('<mark>土地流转</mark>');
    expect(html).toContain(`href="/v/${MATOUXI}/p/${publicationId}/#r5"`);
    expect(html).toContain('20,150.00');
    // the village filter is kept as a hidden field, so the next search stays in the village
    expect(html).toMatch(new RegExp(`<input type="hidden" name="village" value="${MATOUXI}"`));
    expect(html).not.toMatch(/<script/);
  });

  it('browses without a keyword once the form is sent, largest amounts first when asked, and only asks for words before', async () => {
    const bare = await (await get('/search/')).text();
    expect(bare).not.toContain('id="results"');
    const res = await get(`/search/?q=&kind=finance&township=${MATOUXI.slice(0, 9)}&sort=amount`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('浏览村务公开材料');
    expect(html).toMatch(/共 \d+ 条，新的在前/);
    // 55,000.00 (记-003, 上级转移支付) is the ledger's largest line: first when sorted by amount
    const first = html.indexOf('<ol class="l">');
    expect(html.slice(first, html.indexOf('</li>', first))).toContain('收到上级转移支付（村级组织运转经费） 补助收入 55,000.00');
    expect(html).toMatch(/<option value="amount" selected>按金额（大的在前）<\/option>/);
    expect(html).toMatch(new RegExp(`<option value="${MATOUXI.slice(0, 9)}" selected>`));
    expect(html).toContain('<details open>');
  });

  it('adds the results up by village when asked, in 元, and goes back without', async () => {
    const plain = await (await get(`/search/?q=&village=${MATOUXI}&kind=finance`)).text();
    expect(plain).not.toContain('id="totals-h"');
    const link = plain.match(/<a href="([^"]*group=village[^"]*)">按村汇总<\/a>/)?.[1]?.replace(/&amp;|&#38;/g, '&');
    expect(link).toBeDefined();
    const html = await (await get(link!)).text();
    expect(html, link).toContain('按村汇总（金额单位：元）');
    // the ledger's own totals: income 98,488.40 and expense 74,399.50 in the sample
    const table = html.slice(html.indexOf('id="totals-h"'), html.indexOf('</table>', html.indexOf('id="totals-h"')));
    expect(table).toContain('马头溪村');
    expect(table).toContain('98,488.40');
    expect(table).toContain('74,399.50');
    expect(html).toContain('不看汇总');
  });

  it('escapes the query wherever it is printed back', async () => {
    const res = await get(`/search/?q=${encodeURIComponent('"><img src=x onerror=alert(1)>土地')}`);
    const html = await res.text();
    // inside a quoted attribute only the quote matters; everywhere else the tag must be text
    expect(html).toContain('value="&#34;><img src=x');
    expect(html.replace(/value="[^"]*"/g, '')).not.toContain('<img');
    expect(html).toContain('<title>搜索“&quot;&gt;&lt;img src=x');
  });

  it('says so when nothing matched and offers to search without the filter', async () => {
    const html = await (await get(`/search/?q=${encodeURIComponent('土地流转')}&kind=project`)).text();
    expect(html).toContain('没有找到与“土地流转”相关的公开内容');
    expect(html).toContain(`href="/search/?q=${encodeURIComponent('土地流转')}"`);
  });

  it('shows the empty form without a query, and the problem on a bad filter', async () => {
    const empty = await get('/search/');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('name="q"');
    const bad = await get(`/search/?q=x&village=123`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('村代码须为 12 位数字');
  });

  it('redirects /search to the page with its slash, keeping the query', async () => {
    const res = await get('/search?q=abc');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/search/?q=abc');
  });

  it('puts a search form for the village on the village page', async () => {
    const html = await (await get(`/v/${MATOUXI}/`)).text();
    expect(html).toContain('在本村公开材料中搜索');
    expect(html).toMatch(/<form method="get" action="\/search\/"/);
    expect(html).toContain(`<input type="hidden" name="village" value="${MATOUXI}">`);
  });
});
