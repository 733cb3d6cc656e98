import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZip, deflatedZeros, sampleParts } from '../data/import/zip-test-support.ts';
import { bearer, FIXTURE_NAMES, FIXTURES, json, LONGGANG, MATOUXI, postForm, postRaw, testApp, XLSX_TYPE, type TestApp } from './test-support.ts';

/**
 * The format of an upload is decided by its bytes; a name or declared type that says otherwise
 * gets a 415 naming what the file really is, and nothing is published.
 */

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ bodyLimitBytes: 4 * 1024 * 1024 });
});
afterEach(async () => {
  await t.cleanup();
});

const text = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;
const matouxi = () => bearer(t.tokens.matouxi);

async function refused(res: Response, looksLike: RegExp): Promise<void> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(415);
  expect(body.error.code).toBe('unsupported-media-type');
  expect(body.error.message).toMatch(looksLike);
}

describe('uploads are checked by their bytes', () => {
  it('refuses a CSV named .xlsx, or declared as an XLSX, naming it as CSV text', async () => {
    await refused(await postForm(t, MATOUXI, { kind: 'subsidy' }, { bytes: FIXTURES.subsidy, name: '花名册.xlsx', type: XLSX_TYPE }, matouxi()), /CSV 文本[\s\S]*CSV text/);
    await refused(await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, { ...matouxi(), 'content-type': XLSX_TYPE }), /CSV text/);
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
  });

  it('refuses a workbook named .csv, a web page named .xls and a program named .csv', async () => {
    await refused(await postForm(t, LONGGANG, { kind: 'project' }, { bytes: FIXTURES.project, name: '项目.csv', type: 'text/csv' }, bearer(t.tokens.longgang)), /Excel 工作簿/);
    const html = text('<!DOCTYPE html><html><body><table><tr><td>日期</td><td>摘要</td></tr></table></body></html>');
    await refused(await postRaw(t, MATOUXI, 'kind=finance', html, { ...matouxi(), 'content-type': 'application/vnd.ms-excel', 'content-disposition': 'attachment; filename="ledger.xls"' }), /网页（HTML）/);
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    await refused(await postForm(t, MATOUXI, { kind: 'finance' }, { bytes: elf, name: '财务.csv', type: 'text/csv' }, matouxi()), /Linux 程序/);
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
    expect(await t.store.listPublications(LONGGANG)).toEqual([]);
  });

  it('refuses a body declared as JSON that is not, and reports where JSON that looks like JSON fails to parse', async () => {
    await refused(await postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, { ...matouxi(), 'content-type': 'application/json' }), /CSV/);
    const broken = await postRaw(t, MATOUXI, 'kind=finance', text('{"period": "2026-Q3", "entries": [}'), { ...matouxi(), 'content-type': 'application/json' });
    const body = await json(broken);
    expect(broken.status).toBe(422);
    expect(body.errors[0]).toMatchObject({ code: 'unreadable-file' });
    expect(body.errors[0].message).toContain('JSON');
  });

  it('still reads a file whose name and type say nothing, by its bytes', async () => {
    const res = await postRaw(t, LONGGANG, 'kind=project', FIXTURES.project, { ...bearer(t.tokens.longgang), 'content-type': 'application/octet-stream' });
    expect(res.status).toBe(201);
    const named = await postForm(t, MATOUXI, { kind: 'finance' }, { bytes: FIXTURES.finance, name: FIXTURE_NAMES.finance, type: 'application/vnd.ms-excel' }, matouxi());
    expect(named.status).toBe(201);
  });

  it('refuses an XLSX zip bomb with 422 before opening it', async () => {
    const zeros = await deflatedZeros(300 * 1024 * 1024);
    const parts = [...sampleParts()].filter(([name]) => name !== 'xl/sharedStrings.xml').map(([name, data]) => ({ name, data }));
    const bomb = buildZip([...parts, { name: 'xl/sharedStrings.xml', compressed: zeros.compressed, declaredSize: 300 * 1024 * 1024, crc: zeros.crc }]);
    const res = await postForm(t, LONGGANG, { kind: 'project' }, { bytes: bomb, name: FIXTURE_NAMES.project, type: XLSX_TYPE }, bearer(t.tokens.longgang));
    const body = await json(res);
    expect(res.status).toBe(422);
    expect(body.errors[0]).toMatchObject({ code: 'unsafe-zip' });
    expect(await t.store.listPublications(LONGGANG)).toEqual([]);
  });
});
