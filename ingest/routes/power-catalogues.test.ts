import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powerCatalogueDigest } from '../../data/log/log-leaf.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import { countyProjectThreshold } from '../../data/power/test-catalogues.ts';
import { bearer, json, LONGGANG, MATOUXI, testApp, type TestApp } from '../test-support.ts';

// Issue 11, point 1: a county publishes its own 小微权力清单 (its thresholds differ); its villages
// inherit it, others keep the default; versions are append-only, each a leaf in the log.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

const publish = (body: unknown, token: string, query = '') =>
  t.app.request(`/api/v1/power-catalogues${query}`, { method: 'POST', body: JSON.stringify(body), headers: { ...bearer(token), 'content-type': 'application/json' } });

describe('a county’s own power list', () => {
  it('checks a list in a dry run, naming the item and field of each problem, and publishes nothing', async () => {
    const county = countyProjectThreshold('430821', 20);
    const ok = await publish(county, t.tokens.county, '?dryRun=1');
    expect(ok.status).toBe(200);
    expect((await json(ok)).dryRun).toBe(true);
    const broken = { ...county, items: county.items.map((i, n) => (n === 0 ? { ...i, steps: i.steps.map((s) => ({ ...s, actor: 'nobody' })) } : i)) };
    const bad = await publish(broken, t.tokens.county, '?dryRun=1');
    expect(bad.status).toBe(422);
    const body = await json(bad);
    expect(body.errors[0].field).toMatch(/^items\.0\.steps\.0\.actor$/);
    expect(body.errors[0].message).toContain(county.items[0]!.code);
    expect((await json(await t.app.request('/api/v1/power-catalogues'))).catalogues).toEqual([]);
    expect(t.catalogueChanges).toEqual([]);
  });

  it('refuses text no one can store or read, naming the item and field, and publishes nothing', async () => {
    const county = countyProjectThreshold('430821', 20);
    const broken = { ...county, items: county.items.map((i, n) => (n === 0 ? { ...i, code: `${i.code}\u0000` } : i)) };
    const res = await publish(broken, t.tokens.county, '?dryRun=1');
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.errors).toEqual([expect.objectContaining({ code: 'text-invalid', field: 'items.0.code', message: expect.stringMatching(/^items\.0\.code：含有不可见的控制字符 U\+0000/) })]);
  });

  it('lets only a token for the county or wider publish, and not the national default', async () => {
    expect((await publish(countyProjectThreshold('430821', 20), t.tokens.longgang)).status).toBe(403);
    expect((await publish(countyProjectThreshold('430802', 20), t.tokens.county)).status).toBe(403);
    expect((await publish(DEFAULT_CATALOGUE, t.tokens.region)).status).toBe(422);
  });

  it('publishes versions its villages inherit, each logged, and refuses a version name used before', async () => {
    const size = await t.store.logSize();
    const res = await publish(countyProjectThreshold('430821', 20), t.tokens.county);
    expect(res.status).toBe(201);
    const { catalogue } = await json(res);
    expect(catalogue).toMatchObject({ scope: '430821', seq: 1 });
    expect(await t.store.logSize()).toBe(size + 1);
    const [leaf] = await t.store.logLeaves(size, size + 1);
    expect(JSON.parse(leaf!.leaf).sha256).toBe(powerCatalogueDigest(catalogue.document));
    // its pages and its villages' follow
    expect(t.catalogueChanges).toEqual(['430821']);
    expect((await publish(countyProjectThreshold('430821', 30), t.tokens.county)).status).toBe(409);
    expect(t.catalogueChanges).toEqual(['430821']);

    const inherits = await json(await t.app.request(`/api/v1/villages/${LONGGANG}/power-catalogue`));
    expect(inherits.catalogue.version).toBe('430821-2026-1');
    expect(inherits.published).toMatchObject({ scope: '430821', seq: 1 });
    const elsewhere = await json(await t.app.request(`/api/v1/villages/${MATOUXI}/power-catalogue`));
    expect(elsewhere.catalogue.version).toBe(DEFAULT_CATALOGUE.version);
    expect(elsewhere.published).toBeNull();
  });
});

describe('a county’s power list as a spreadsheet', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const upload = (body: Uint8Array<ArrayBuffer> | string, type: string, query = '') =>
    t.app.request(`/api/v1/power-catalogues${query}`, { method: 'POST', body, headers: { ...bearer(t.tokens.county), 'content-type': type } });
  /** the downloaded default made into 慈利县's own list, its version and scope changed in the preamble */
  const countyCsv = async (version: string) => {
    const csv = await (await t.app.request('/api/v1/power-catalogues/default.csv')).text();
    return csv.replace(`清单版本,${DEFAULT_CATALOGUE.version}`, `清单版本,${version}`).replace('适用范围,\r\n', '适用范围,430821\r\n');
  };

  it('downloads the national default as CSV and XLSX, which read back as the same list in a dry run', async () => {
    const csv = await t.app.request('/api/v1/power-catalogues/default.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // a UTF-8 BOM first, so Excel on Windows reads the Chinese right
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).startsWith('清单版本,')).toBe(true);
    const dry = await json(await upload(await countyCsv('430821-2026-7'), 'text/csv', '?dryRun=1'));
    expect(dry.catalogue.items).toEqual(DEFAULT_CATALOGUE.items);
    expect(dry.catalogue).toMatchObject({ scope: '430821', version: '430821-2026-7' });

    const xlsx = await t.app.request('/api/v1/power-catalogues/default.xlsx');
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    // the default's empty scope is refused as an upload, naming the field
    const refused = await json(await upload(new Uint8Array(await xlsx.arrayBuffer()), XLSX, '?dryRun=1'));
    expect(refused.errors.map((e: { field: string }) => e.field)).toEqual(['scope']);
  });

  it('names the row and column of a wrong cell, and publishes nothing', async () => {
    const size = await t.store.logSize();
    const broken = (await countyCsv('430821-2026-8')).replace('党员大会,会议记录', '全体村民,会议记录');
    const res = await upload(broken, 'text/csv');
    expect(res.status).toBe(422);
    const [error] = (await json(res)).errors;
    expect(error).toMatchObject({ column: 'K', field: 'steps.actor' });
    expect(error.row).toBeGreaterThan(6);
    expect(error.message).toContain('全体村民');
    expect(await t.store.logSize()).toBe(size);
  });

  it('publishes an edited sheet with a county threshold, which its download then gives back', async () => {
    const csv = await countyCsv('430821-2026-9');
    const res = await upload(csv, 'text/csv');
    expect(res.status).toBe(201);
    const back = await t.app.request('/api/v1/power-catalogues/430821.csv');
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('清单版本,430821-2026-9');
    expect((await t.app.request('/api/v1/power-catalogues/430822.csv')).status).toBe(404);
  });
});
