import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPublication } from '../data/new-publication.ts';
import { seedDemo } from '../scripts/lib/runtime.ts';
import { csvErrors, dataPackageErrors, readCsv, type SchemaField } from '../test/support/frictionless.ts';
import { createBulkData } from './bulk-data.ts';
import { townshipSummary } from '../data/store/summary-contract.ts';
import { createDataTwins } from './data-twins.ts';
import { KANGJIAPING, LONGGANG, MATOUXI, testApp, type TestApp } from './test-support.ts';
import { importFixture, layoutFixture } from '../test/support/layout-fixtures.ts';

/** The demo's sample data in the test region: 永定区 (马头溪村 …) and 慈利县 (龙岗村, 康家坪村 …). */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await seedDemo(t.store, t.config, () => new Date('2026-11-25T00:00:00.000Z'));
});
afterEach(async () => {
  await t.cleanup();
});

const BASE = 'https://cunwu.example.cn';
const CILI = '430821';
const YONGDING = '430802';

interface Resource {
  name: string;
  path: string;
  bytes?: number;
  hash?: string;
  sample?: boolean;
  publication?: { id: string; kind: string };
  schema: { fields: SchemaField[] };
}
interface BulkIndex {
  counties: Array<{ code: string; name: string; villages: number; publications: number; summaryTables: number; lastChange: string | null; zip: string; datapackage: string }>;
}
interface Package {
  title: string;
  resources: Resource[];
}

async function twinBytes(path: string): Promise<Uint8Array> {
  const res = await createDataTwins(t.store, t.config).request(path);
  expect(res.status, path).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function zipOf(bulk: ReturnType<typeof createBulkData>, county: string) {
  const res = await bulk.request(`/data/${county}.zip`);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const zip = await JSZip.loadAsync(bytes);
  const pkg = JSON.parse(await zip.file('datapackage.json')!.async('string')) as Package;
  return { res, bytes, zip, pkg, etag: res.headers.get('etag') };
}

describe('bulk data', () => {
  it('describe each village’s CSVs in a data package that validates, each CSV with its schema’s header and cells that cast, every kind covered', async () => {
    const bulk = createBulkData(t.store, t.config);
    const kinds = new Set<string>();
    for (const village of [MATOUXI, LONGGANG, KANGJIAPING]) {
      const res = await bulk.request(`/v/${village}/datapackage.json`);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const pkg = (await res.json()) as Package;
      expect(dataPackageErrors(pkg)).toEqual([]);
      expect(pkg.title.startsWith('【示例数据】')).toBe(true);
      for (const r of pkg.resources) {
        expect(r.path.startsWith(`${BASE}/v/${village}/`)).toBe(true);
        expect(csvErrors(new TextDecoder().decode(await twinBytes(r.path.slice(BASE.length))), r.schema.fields), r.name).toEqual([]);
        if (r.publication) kinds.add(r.publication.kind);
      }
    }
    expect([...kinds].sort()).toEqual(['contract', 'finance', 'project', 'subsidy']);
    expect((await bulk.request('/v/430802108999/datapackage.json')).status).toBe(404);
  });

  it('zip a county’s CSVs with its data package: it validates, lists every file in the zip with its size and SHA-256, each the same file its URL serves', async () => {
    const bulk = createBulkData(t.store, t.config);
    const { res, zip, pkg } = await zipOf(bulk, CILI);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${CILI}.zip"; filename*=UTF-8''${encodeURIComponent('慈利县-村务公开数据（含示例数据）.zip')}`);
    expect(dataPackageErrors(pkg)).toEqual([]);
    const entries = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(entries.sort()).toEqual(['datapackage.json', ...pkg.resources.map((r) => r.path)].sort());
    expect(pkg.resources.map((r) => r.path)).toContain(`v/${KANGJIAPING}/index.csv`);
    for (const r of pkg.resources) {
      const bytes = await zip.file(r.path)!.async('uint8array');
      expect(r.bytes).toBe(bytes.byteLength);
      expect(r.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(Buffer.from(bytes).equals(Buffer.from(await twinBytes(`/${r.path}`))), r.path).toBe(true);
      expect(csvErrors(new TextDecoder().decode(bytes), r.schema.fields), r.name).toEqual([]);
    }
    // no village of another county
    expect(entries.some((n) => n.includes(MATOUXI))).toBe(false);
    expect((await bulk.request('/data/430899.zip')).status).toBe(404);
  });

  it('serve an unchanged county the zip made before, and a new one once anything in it changes; a change elsewhere leaves it be', async () => {
    const bulk = createBulkData(t.store, t.config);
    const first = await zipOf(bulk, CILI);
    const again = await zipOf(bulk, CILI);
    expect(again.etag).toBe(first.etag);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect((await bulk.request(`/data/${CILI}.zip`, { headers: { 'if-none-match': first.etag! } })).status).toBe(304);
    const head = await bulk.request(`/data/${CILI}.zip`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), head.headers.get('etag')]).toEqual([200, String(first.bytes.byteLength), first.etag]);

    // a correction in 永定区 is not 慈利县's business
    const ledger = (await t.store.currentPublications(MATOUXI)).find((p) => p.kind === 'finance')!;
    await t.store.publish(newPublication({ village: MATOUXI, content: ledger.content, publishedAt: '2026-11-26T01:00:00.000Z', sample: true, source: { filename: null, format: 'json' } }));
    expect((await zipOf(bulk, CILI)).etag).toBe(first.etag);

    // a takedown in 慈利县: its CSV leaves the zip, the village's index says why
    const works = (await t.store.currentPublications(LONGGANG)).find((p) => p.kind === 'project')!;
    await t.store.tombstone(works.id, '误公开了个人信息', '2026-11-26T02:00:00.000Z');
    const taken = await zipOf(bulk, CILI);
    expect(taken.etag).not.toBe(first.etag);
    expect(taken.zip.file(`v/${LONGGANG}/p/${works.id}/index.csv`)).toBeNull();
    expect(first.zip.file(`v/${LONGGANG}/p/${works.id}/index.csv`)).not.toBeNull();
    const index = readCsv((await taken.zip.file(`v/${LONGGANG}/index.csv`)!.async('string')).replace(/^\uFEFF/, ''));
    expect(index.find((row) => row[0] === works.id)).toEqual(expect.arrayContaining(['已撤下', '误公开了个人信息']));

    // a new version in 慈利县: the zip holds it and not the version it corrects
    const contract = (await t.store.currentPublications(KANGJIAPING)).find((p) => p.kind === 'contract')!;
    const outcome = await t.store.publish(newPublication({ village: KANGJIAPING, content: contract.content, publishedAt: '2026-11-26T03:00:00.000Z', sample: true, source: { filename: null, format: 'json' } }));
    const corrected = await zipOf(bulk, CILI);
    expect(corrected.etag).not.toBe(taken.etag);
    expect(corrected.zip.file(`v/${KANGJIAPING}/p/${outcome.publication.id}/index.csv`)).not.toBeNull();
    expect(corrected.zip.file(`v/${KANGJIAPING}/p/${contract.id}/index.csv`)).toBeNull();
    // the county's older zips are gone from disk
    expect((await readdir(join(t.config.dataDir, 'bulk'))).filter((n) => n.startsWith(`${CILI}-`))).toHaveLength(1);
  });

  it('put the summary tables in force of a county and its townships in its zip and its package, each CSV the one its page serves; a correction replaces its version', async () => {
    const bulk = createBulkData(t.store, t.config);
    // the demo published one table for 王家坪镇 and one for 永定区
    const demo = await zipOf(bulk, YONGDING);
    expect(demo.pkg.resources.filter((r) => r.path.startsWith('r/')).map((r) => r.path)).toEqual([`r/${YONGDING}/summary/1/index.csv`, 'r/430802108/summary/1/index.csv']);
    expect(demo.res.headers.get('content-disposition')).toContain(encodeURIComponent('（含示例数据）'));
    const ours = await t.store.publishSummary(townshipSummary(100), '2026-11-26T01:00:00.000Z');
    const withTable = await zipOf(bulk, YONGDING);
    expect(withTable.etag).not.toBe(demo.etag);
    expect(dataPackageErrors(withTable.pkg)).toEqual([]);
    const tables = withTable.pkg.resources.filter((r) => r.path.startsWith('r/'));
    expect(tables.map((r) => r.path)).toEqual([`r/${YONGDING}/summary/1/index.csv`, 'r/430802108/summary/1/index.csv', `r/430802108/summary/${ours.seq}/index.csv`]);
    for (const r of tables) {
      const bytes = await withTable.zip.file(r.path)!.async('uint8array');
      expect(r.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(Buffer.from(bytes).equals(Buffer.from(await twinBytes(`/${r.path}`))), r.path).toBe(true);
      expect(csvErrors(new TextDecoder().decode(bytes), r.schema.fields), r.name).toEqual([]);
    }
    // 慈利县 has none of them
    expect((await zipOf(bulk, CILI)).pkg.resources.some((r) => r.path.startsWith('r/'))).toBe(false);
    // beside the township's page, with full addresses
    const township = (await (await bulk.request('/r/430802108/datapackage.json')).json()) as Package;
    expect(township.resources.filter((r) => r.path.includes('/summary/')).map((r) => r.path)).toEqual([1, ours.seq].map((n) => `${t.config.baseUrl}/r/430802108/summary/${n}/index.csv`));

    const corrected = await t.store.publishSummary(townshipSummary(200), '2026-11-26T02:00:00.000Z');
    const after = await zipOf(bulk, YONGDING);
    expect(after.pkg.resources.filter((r) => r.path.startsWith('r/')).map((r) => r.path)).toEqual([`r/${YONGDING}/summary/1/index.csv`, 'r/430802108/summary/1/index.csv', `r/430802108/summary/${corrected.seq}/index.csv`]);
    expect(after.zip.file(`r/430802108/summary/${ours.seq}/index.csv`)).toBeNull();
  });

  it('list every county with its zip, its counts and its last change', async () => {
    const bulk = createBulkData(t.store, t.config);
    const index = async () => (await (await bulk.request('/data/index.json')).json()) as BulkIndex;
    const before = await index();
    expect(before.counties.map((c) => [c.code, c.name])).toEqual([[YONGDING, '永定区'], [CILI, '慈利县']]);
    for (const county of before.counties) {
      const stats = [...(await t.store.publicationStats(county.code)).values()];
      const tables = await t.store.listSummariesUnder(county.code);
      expect(county.publications).toBe(stats.reduce((n, s) => n + s.count, 0));
      expect(county.summaryTables).toBe(tables.filter((s) => !tables.some((later) => later.scope === s.scope && later.supersedes === s.seq)).length);
      expect(county.lastChange).toBe([...stats.map((s) => s.lastPublishedAt), ...tables.map((s) => s.publishedAt)].sort().at(-1));
      expect(county.zip).toBe(`${BASE}/data/${county.code}.zip`);
      expect(county.datapackage).toBe(`${BASE}/r/${county.code}/datapackage.json`);
      expect((await bulk.request(county.zip.slice(BASE.length))).status).toBe(200);
    }
    expect(before.counties.find((c) => c.code === CILI)?.villages).toBe(3);
    const works = (await t.store.currentPublications(LONGGANG)).find((p) => p.kind === 'project')!;
    await t.store.tombstone(works.id, '误公开了个人信息', '2027-01-02T00:00:00.000Z');
    const after = await index();
    expect(after.counties.find((c) => c.code === CILI)?.lastChange).toBe('2027-01-02T00:00:00.000Z');
    expect(after.counties.find((c) => c.code === YONGDING)?.lastChange).toBe(before.counties.find((c) => c.code === YONGDING)?.lastChange);
  });

  it('list a county whose township published a summary table before any village published, with its zip, and a county with neither without one', async () => {
    const fresh = await testApp();
    try {
      await fresh.store.publishSummary(townshipSummary(100), '2026-11-26T01:00:00.000Z');
      const bulk = createBulkData(fresh.store, fresh.config);
      const index = (await (await bulk.request('/data/index.json')).json()) as BulkIndex;
      const yongding = index.counties.find((c) => c.code === YONGDING)!;
      expect([yongding.publications, yongding.summaryTables, yongding.lastChange]).toEqual([0, 1, '2026-11-26T01:00:00.000Z']);
      expect([yongding.zip, yongding.datapackage]).toEqual([`${BASE}/data/${YONGDING}.zip`, `${BASE}/r/${YONGDING}/datapackage.json`]);
      expect((await bulk.request(yongding.zip.slice(BASE.length))).status).toBe(200);
      const cili = index.counties.find((c) => c.code === CILI)!;
      expect([cili.summaryTables, cili.lastChange, cili.zip, cili.datapackage]).toEqual([0, null, null, null]);
      expect((await bulk.request(`/data/${CILI}.zip`)).status).toBe(404);
    } finally {
      await fresh.cleanup();
    }
  });

  it('describe a county’s and a township’s villages beside their pages, the county’s as its zip does with full addresses', async () => {
    const bulk = createBulkData(t.store, t.config);
    const county = (await (await bulk.request(`/r/${CILI}/datapackage.json`)).json()) as Package;
    expect(dataPackageErrors(county)).toEqual([]);
    const { pkg } = await zipOf(bulk, CILI);
    expect(county.resources.map((r) => r.path)).toEqual(pkg.resources.map((r) => `${BASE}/${r.path}`));
    const township = (await (await bulk.request(`/r/${KANGJIAPING.slice(0, 9)}/datapackage.json`)).json()) as Package;
    expect(dataPackageErrors(township)).toEqual([]);
    expect(township.resources.length).toBeGreaterThan(0);
    expect(township.resources.every((r) => r.path.startsWith(`${BASE}/v/${KANGJIAPING.slice(0, 9)}`))).toBe(true);
    expect((await bulk.request('/r/430899/datapackage.json')).status).toBe(404);
  });

  it('describe the columns a village kept as written in the schemas of its CSV, beside the page, in the region and in the zip', async () => {
    const imported = await importFixture(layoutFixture('subsidy-total-first-unknown-columns.csv'), 'subsidy');
    if (!imported.ok) throw new Error('the fixture imports');
    const { publication } = await t.store.publish(newPublication({ village: MATOUXI, content: imported.content, publishedAt: '2026-11-26T04:00:00.000Z', sample: false, source: { filename: null, format: 'csv' } }));
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await twinBytes(`/v/${MATOUXI}/p/${publication.id}/index.csv`));
    expect(readCsv(csv.replace(/^\uFEFF/, ''))[0]).toEqual(expect.arrayContaining(['组别', '家庭人口', '特困供养金（元）']));
    const bulk = createBulkData(t.store, t.config);
    const village = (await (await bulk.request(`/v/${MATOUXI}/datapackage.json`)).json()) as Package;
    const county = (await (await bulk.request(`/r/${YONGDING}/datapackage.json`)).json()) as Package;
    const { pkg, zip } = await zipOf(bulk, YONGDING);
    for (const found of [village, county, pkg]) {
      expect(dataPackageErrors(found)).toEqual([]);
      const resource = found.resources.find((r) => r.publication?.id === publication.id)!;
      expect(csvErrors(csv, resource.schema.fields)).toEqual([]);
    }
    const zipped = await zip.file(`v/${MATOUXI}/p/${publication.id}/index.csv`)!.async('string');
    expect(zipped).toBe(csv);
  });
});
