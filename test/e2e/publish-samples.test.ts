import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerVersion } from '../support/ledger-versions.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The acceptance path of the publishing pipeline, through the same app `npm start` serves (its
// pages rebuilt in the page thread, as the server does): each file from the field, uploaded with
// a token for its village, shows on the village page.
const FIXTURES = new URL('../fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
const FINANCE = '430802108214-马头溪村-2026Q3-财务收支明细.csv';
const SUBSIDY = '430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv';
const PROJECT = '430821211227-龙岗村-2026年工程项目公示.xlsx';
const RAW_ID = '430802196401241328';
const RAW_PHONE = '13826092975';

let portal: PortalFixture;
const responses: string[] = [];

async function upload(village: string, kind: string, body: Uint8Array<ArrayBuffer>, type: string, token: string | null) {
  const headers: Record<string, string> = { 'Content-Type': type };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await portal.app.request(`/api/v1/villages/${village}/publications?kind=${kind}`, { method: 'POST', headers, body });
  const text = await res.text();
  responses.push(text);
  return { status: res.status, json: JSON.parse(text) };
}

async function page(path: string): Promise<string> {
  const res = await portal.app.request(path);
  expect(res.status, path).toBe(200);
  const text = await res.text();
  responses.push(text);
  return text;
}

beforeAll(async () => {
  portal = await openPortalFixture({}, { pageThread: true });
});
afterAll(async () => {
  await portal?.cleanup();
});

describe('publishing the field samples end to end', () => {
  it('publishes the GBK finance ledger and the village page shows its totals', async () => {
    const token = await portal.token('430802108214');
    const { status, json } = await upload('430802108214', 'finance', fixture(FINANCE), 'text/csv', token);
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.publication).toMatchObject({ village: '430802108214', kind: 'finance', period: '2026-Q3', version: 1 });
    expect(json.publication.url).toBe(`http://portal.test/v/430802108214/p/${json.publication.id}/`);
    const html = await page('/v/430802108214/');
    for (const figure of ['98,488.40', '74,399.50', '110,323.02', '收到土地流转租金']) expect(html).toContain(figure);
    const pub = await page(`/v/430802108214/p/${json.publication.id}/`);
    expect(pub).toContain('支付银行账户管理费');
    const twin = JSON.parse(await page(`/v/430802108214/p/${json.publication.id}/index.json`));
    expect(JSON.stringify(twin)).toContain('11032302');
  });

  it('publishes the subsidy list with row 17 masked, and the raw numbers appear nowhere', async () => {
    const token = await portal.token('430802108'); // the township's token covers the village
    const { status, json } = await upload('430802108214', 'subsidy', fixture(SUBSIDY), 'text/csv; charset=utf-8', token);
    expect(status, JSON.stringify(json)).toBe(201);
    expect(JSON.stringify(json.warnings)).toMatch(/17/);
    const html = await page('/v/430802108214/');
    expect(html).toContain('15,770.40');
    const list = await page(`/v/430802108214/p/${json.publication.id}/`);
    expect(list).toContain('430802********1328');
    expect(list).toContain('谷世军');
    await page(`/v/430802108214/p/${json.publication.id}/index.csv`);
    await page('/api/v1/villages/430802108214/publications');
    await page(`/api/v1/publications/${json.publication.id}`);
    for (const body of responses) {
      expect(body).not.toContain(RAW_ID);
      expect(body).not.toContain(RAW_PHONE);
    }
    for (const file of walk(portal.siteDir)) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(RAW_ID) || text.includes(RAW_PHONE), file).toBe(false);
    }
  });

  it('publishes the XLSX project list with amounts in 万元', async () => {
    const token = await portal.token('430821'); // the county's token
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const { status, json } = await upload('430821211227', 'project', fixture(PROJECT), type, token);
    expect(status, JSON.stringify(json)).toBe(201);
    const html = await page('/v/430821211227/');
    expect(html).toContain('村部至小学段安全饮水管网改造');
    expect(html).toContain('469,300.00'); // 46.93 万元
  });

  it('refuses a ledger whose total row disagrees with its rows, naming the row, and publishes nothing', async () => {
    const token = await portal.token('430802108214');
    const before = await portal.store.listPublications('430802108214');
    const text = new TextDecoder('gbk').decode(fixture(FINANCE)).replace('"98,488.40"', '"98,488.41"');
    const { status, json } = await upload('430802108214', 'finance', new TextEncoder().encode(text), 'text/csv', token);
    expect(status).toBe(422);
    expect(json.ok).toBe(false);
    const error = json.errors.find((e: { row: number | null }) => e.row === 20);
    expect(error, JSON.stringify(json.errors)).toBeDefined();
    expect(error.message).toContain('98,488.41');
    expect(error.message).toContain('98,488.40');
    expect(await portal.store.listPublications('430802108214')).toHaveLength(before.length);
  });

  it('answers 403 to a token for another village and 401 without a token', async () => {
    const other = await portal.token('430821211227');
    expect((await upload('430802108214', 'finance', fixture(FINANCE), 'text/csv', other)).status).toBe(403);
    expect((await upload('430802108214', 'finance', fixture(FINANCE), 'text/csv', null)).status).toBe(401);
  });

  it('keeps the first version readable and marked when a corrected ledger supersedes it', async () => {
    const token = await portal.token('430802108214');
    const first = (await portal.store.currentPublications('430802108214')).find((p) => p.kind === 'finance');
    const { status, json } = await upload('430802108214', 'finance', ledgerVersion(1), 'text/csv', token);
    expect(status).toBe(201);
    expect(json.publication.version).toBe(2);
    const old = await page(`/v/430802108214/p/${first?.id}/`);
    expect(old).toContain(json.publication.id); // links to the version that replaced it
    const village = await page('/v/430802108214/');
    expect(village).toContain(first?.id);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.(html|json|csv)$/.test(name) ? [path] : [];
  });
}
