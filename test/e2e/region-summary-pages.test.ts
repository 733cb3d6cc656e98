import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionSummaryDigest } from '../../data/log/log-leaf.ts';
import { canonicalJson } from '../../data/canonical-json.ts';
import { csvErrors, dataPackageErrors, type SchemaField } from '../support/frictionless.ts';
import { layoutFixture } from '../support/layout-fixtures.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Summary tables through the real portal (issue 15): 王家坪镇's table of its villages' payouts on the
// township page, its own page with each village row linking to the village, its twins; 永定区's
// table by township on the county page; 张家界市's on the home page; a correction as a new
// version whose first version says it was corrected.
const TOWNSHIP = '430802108';
const COUNTY = '430802';
const MATOUXI = '430802108214';

let portal: PortalFixture;

async function upload(scope: string, body: Uint8Array): Promise<Response> {
  return portal.app.request(`/api/v1/regions/${scope}/summaries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await portal.token(scope)}`, 'Content-Type': 'text/csv' },
    body: new Uint8Array(body),
  });
}

const get = (path: string) => Promise.resolve(portal.app.request(path));
const text = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

beforeAll(async () => {
  portal = await openPortalFixture({}, { pagesIntervalMs: 20 });
  for (const [scope, file] of [
    [TOWNSHIP, 'summary-township-by-village.csv'],
    [COUNTY, 'summary-county-wan.csv'],
  ] as const) {
    const res = await upload(scope, layoutFixture(file));
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const city = new TextDecoder().decode(layoutFixture('subsidy-township-summary.csv')).replace('永定区', '张家界市').replace('乡镇', '区县').replace('王家坪镇', '永定区').replace('沅古坪镇', '慈利县');
  const res = await upload('4308', new TextEncoder().encode(city));
  expect(res.status, await res.clone().text()).toBe(201);
  await portal.pages.flush();
});
afterAll(async () => {
  await portal?.cleanup();
});

describe('a region’s summary tables on the portal', () => {
  it('lists the township’s table on the township page, with its total', async () => {
    const html = await text(`/r/${TOWNSHIP}/`);
    expect(html).toContain('王家坪镇公开的汇总表');
    expect(html).toContain(`href="/r/${TOWNSHIP}/summary/1/"`);
    expect(html).toContain('王家坪镇2026年耕地地力保护补贴资金发放汇总表');
    expect(html).toContain('合计 401,982.41 元');
  });

  it('shows every row on the table’s own page, each village linking to its page, and the kept columns under their headers', async () => {
    const html = await text(`/r/${TOWNSHIP}/summary/1/`);
    expect(html).toContain(`<a href="/v/${MATOUXI}/">马头溪村</a>`);
    for (const cell of ['补贴户数', '补贴面积（亩）', '108,238.43', '1024.50', '含退耕还林地块', '401,982.41']) expect(html).toContain(cell);
    expect(html).toContain('第1版');
  });

  it('lists the county’s table by township on the county page, amounts in 元 whatever the file’s unit, townships linked', async () => {
    expect(await text(`/r/${COUNTY}/`)).toContain(`href="/r/${COUNTY}/summary/1/"`);
    const html = await text(`/r/${COUNTY}/summary/1/`);
    expect(html).toContain(`<a href="/r/${TOWNSHIP}/">王家坪镇</a>`);
    expect(html).toContain('201,000.00');
    expect(html).toContain('476,956.00');
  });

  it('lists the city’s table on the home page, its counties linked on its page', async () => {
    expect(await text('/')).toContain('href="/r/4308/summary/1/"');
    const html = await text('/r/4308/summary/1/');
    expect(html).toContain(`<a href="/r/${COUNTY}/">永定区</a>`);
    expect(html).toContain('<a href="/">张家界市</a>');
  });

  it('gives the table as JSON whose digest is the logged one, and as CSV and XLSX with codes as text and amounts as numbers', async () => {
    const base = `/r/${TOWNSHIP}/summary/1/`;
    const twin = JSON.parse(await text(`${base}index.json`)) as { sha256: string; logIndex: number; document: unknown };
    expect(regionSummaryDigest(twin.document)).toBe(twin.sha256);
    const [leaf] = await portal.store.logLeaves(twin.logIndex, twin.logIndex + 1);
    expect(JSON.parse(leaf!.leaf).sha256).toBe(twin.sha256);
    expect(canonicalJson(twin.document)).toContain('"马头溪村"');
    const csv = await get(`${base}index.csv`);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment;/);
    const csvText = await csv.text();
    expect(csvText).toContain('行,村（社区）,区划代码,补贴户数,补贴面积（亩）,备注,补贴金额（元）');
    expect(csvText).toContain(`马头溪村,${MATOUXI},236,1024.50,,108238.43`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await get(`${base}index.xlsx`)).arrayBuffer()) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells = sheet.getSheetValues().flat();
    expect(cells).toContain(MATOUXI);
    expect(cells).toContain(108238.43);
    // and a Data Package beside them that describes the CSV
    const pkg = JSON.parse(await text(`${base}datapackage.json`)) as { resources: Array<{ path: string; schema: { fields: SchemaField[] } }> };
    expect(dataPackageErrors(pkg)).toEqual([]);
    expect(pkg.resources[0]!.path).toBe(`http://portal.test${base}index.csv`);
    expect(csvErrors(csvText, pkg.resources[0]!.schema.fields)).toEqual([]);
  });

  it('publishes a correction as the next version: the first says it was corrected and links to the newest', async () => {
    const corrected = new TextDecoder().decode(layoutFixture('summary-township-by-village.csv')).replace('62122.20', '62122.30').replace('401982.41', '401982.51');
    const res = await upload(TOWNSHIP, new TextEncoder().encode(corrected));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { summary: { seq: number; version: number } }).summary).toMatchObject({ seq: 2, version: 2 });
    await portal.pages.flush();
    const first = await text(`/r/${TOWNSHIP}/summary/1/`);
    expect(first).toContain('此版本已被更正');
    expect(first).toContain(`href="/r/${TOWNSHIP}/summary/2/"`);
    const township = await text(`/r/${TOWNSHIP}/`);
    expect(township).toContain(`href="/r/${TOWNSHIP}/summary/2/"`);
    expect(township).not.toContain(`href="/r/${TOWNSHIP}/summary/1/"`);
    expect(township).toContain('合计 401,982.51 元');
    // and the new version says what it changed
    const second = await text(`/r/${TOWNSHIP}/summary/2/`);
    expect(second).toContain('与第1版相比');
    expect(second).toContain('九龙山村：62,122.20 → 62,122.30 元');
  });

  it('keeps the pages through a full rebuild', async () => {
    await portal.builder.buildAll();
    expect(await text(`/r/${TOWNSHIP}/summary/2/`)).toContain('本版更正了');
    expect(await text(`/r/${COUNTY}/summary/1/`)).toContain('王家坪镇');
  });
});
