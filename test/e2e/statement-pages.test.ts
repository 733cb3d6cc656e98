import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { layoutFixture } from '../support/layout-fixtures.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// A 收支对照表 and a 收益分配表 uploaded through the API as 财务报表 (issue 15): both stand side by
// side for one year, each shown on the village page and its own page with every line, in the
// data twins, and found by search; a corrected 收支对照表 supersedes only its own kind.
const MATOUXI = '430802108214';

let portal: PortalFixture;
let token = '';
const ids: Record<string, string> = {};

async function upload(file: string, body?: Uint8Array<ArrayBuffer>): Promise<Response> {
  return portal.app.request(`/api/v1/villages/${MATOUXI}/publications?kind=statement`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
    body: body ?? new Uint8Array(layoutFixture(file)),
  });
}

const get = (path: string) => Promise.resolve(portal.app.request(path));

beforeAll(async () => {
  portal = await openPortalFixture({}, { pagesIntervalMs: 20 });
  token = await portal.token(MATOUXI);
  for (const file of ['finance-side-by-side-statement.csv', 'finance-profit-distribution.csv']) {
    const res = await upload(file);
    expect(res.status, await res.clone().text()).toBe(201);
    ids[file] = ((await res.json()) as { publication: { id: string } }).publication.id;
  }
  await portal.pages.flush();
});
afterAll(async () => {
  await portal?.cleanup();
});

describe('a village’s financial statements', () => {
  it('lists both on the village page with the 合计 of each side', async () => {
    const html = await (await get(`/v/${MATOUXI}/`)).text();
    expect(html).toContain('id="statement">财务报表');
    expect(html).toContain(`href="/v/${MATOUXI}/p/${ids['finance-side-by-side-statement.csv']}/"`);
    expect(html).toContain('收入合计 144,000.00 元 · 支出合计 24,000.00 元');
    expect(html).toContain('可分配收益合计 135,000.00 元');
  });

  it('shows every line of each side on the statement’s page, amounts in 元 whatever the file’s unit', async () => {
    const html = await (await get(`/v/${MATOUXI}/p/${ids['finance-profit-distribution.csv']}/`)).text();
    expect(html).toContain('样板村2025年度收益及收益分配统计表');
    for (const text of ['收益项目', '分配项目', '年末未分配收益', '35,000.00', '120,000.00']) expect(html).toContain(text);
  });

  it('gives the lines in the CSV and XLSX twins, amounts as numbers in 元', async () => {
    const base = `/v/${MATOUXI}/p/${ids['finance-side-by-side-statement.csv']}/`;
    const csv = await (await get(`${base}index.csv`)).text();
    expect(csv).toContain('栏,项目,行次,金额(元),合计行');
    expect(csv).toContain('支出项目,管理费用,11,20000.00,否');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await get(`${base}index.xlsx`)).arrayBuffer()) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const values = sheet.getSheetValues().flat().filter((v) => typeof v === 'number');
    expect(values).toContain(144000);
  });

  it('is found by search, and counted with the village’s finances', async () => {
    const res = await get(`/api/v1/search?q=${encodeURIComponent('提取公积公益金')}`);
    const body = (await res.json()) as { total: number; facets: { kind: Record<string, number> }; results: Array<{ publication: { kind: string } }> };
    expect(body.total).toBe(1);
    expect(body.results[0]!.publication.kind).toBe('statement');
    expect(body.facets.kind).toEqual({ finance: 1 });
    const only = (await (await get(`/api/v1/search?q=${encodeURIComponent('管理费用')}&kind=statement`)).json()) as { total: number };
    expect(only.total).toBe(1);
  });

  it('supersedes a statement only by a correction of the same kind', async () => {
    const corrected = new TextDecoder().decode(layoutFixture('finance-side-by-side-statement.csv')).replace('管理费用,11,"20,000.00"', '管理费用,11,"19,000.00"').replace('支出合计,13,"24,000.00"', '支出合计,13,"23,000.00"');
    const res = await upload('', new TextEncoder().encode(corrected));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { publication: { version: number; supersedes: string | null } };
    expect(body.publication).toMatchObject({ version: 2, supersedes: ids['finance-side-by-side-statement.csv'] });
    expect((await portal.store.getPublication(ids['finance-profit-distribution.csv']!))?.supersededBy).toBeNull();
  });
});
