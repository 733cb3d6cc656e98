import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PublicationKind } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';
import { csvErrors, dataPackageErrors, type SchemaField } from '../../test/support/frictionless.ts';
import { tableCsv } from './csv-export.ts';
import { beijingTime } from '../../data/beijing-time.ts';
import { dataPackage, schemaOf, tableField, type PackageVillage } from './datapackage.ts';
import { KIND_COLUMNS, VILLAGE_COLUMNS } from './field-dictionary.ts';
import { financeContent, projectContent, publication, subsidyContent, summaryOf } from './test-fixtures.ts';
import { publicationTable, villageTable } from './twin-tables.ts';

const BASE = 'https://cunwu.example.cn';
const MATOUXI = '430802108214';

const oldLedger = publication(financeContent('2026-Q2', [{ summary: '收村集体土地租金', income: 2_015_000, account: '租赁收入' }, { summary: '付保洁工资', expense: 30_000 }]), { id: 'f1', supersededBy: 'f2', publishedAt: '2026-07-10T02:00:00.000Z' });
const ledger = publication(financeContent('2026-Q2', [{ summary: '收村集体土地租金', income: 2_015_000 }, { summary: '冲减多记收入', income: -30_000 }]), { id: 'f2', version: 2, supersedes: 'f1', publishedAt: '2026-10-10T02:00:00.000Z' });
const subsidy = publication(subsidyContent('耕地地力保护补贴', [{ name: '张三', amount: 12_345, idNumber: '430802********7238' }]), { id: 's1', publishedAt: '2026-10-11T03:00:00.000Z' });
const works = publication({ ...projectContent(), title: '【示例数据】2026年工程项目公示' }, { id: 'w1', sample: true, publishedAt: '2026-10-09T00:00:00.000Z' });
const takenDown = publication(subsidyContent('生猪补贴', [{ name: '李四', amount: 500 }]), { id: 's9', publishedAt: '2026-10-05T00:00:00.000Z' });
const takedowns = new Map<string, Takedown>([['s9', { publicationId: 's9', reason: '误公开了手机号', at: '2026-10-12T09:30:00.000Z', logIndex: 7 }]]);
const all = [ledger, oldLedger, subsidy, works, takenDown];
const village: PackageVillage = { code: MATOUXI, name: '马头溪村', history: all.map(summaryOf) };
const place = { code: MATOUXI, fullName: '湖南省张家界市永定区王家坪镇马头溪村' };

describe('the village data package', () => {
  const pkg = dataPackage(place, [village], { baseUrl: BASE, paths: 'url', takedowns });

  it('validates against the official Tabular Data Package v1 schema', () => {
    expect(dataPackageErrors(pkg)).toEqual([]);
    expect(pkg.name).toBe(`cunwu-${MATOUXI}`);
  });

  it('is refused by that schema when a path is root-relative or a name has capitals, so the check can fail', () => {
    const [first, ...rest] = pkg.resources;
    expect(dataPackageErrors({ ...pkg, resources: [{ ...first!, path: '/v/430802108214/index.csv' }, ...rest] })).not.toEqual([]);
    expect(dataPackageErrors({ ...pkg, name: 'Cunwu 马头溪村' })).not.toEqual([]);
    expect(dataPackageErrors({ ...pkg, resources: [{ ...first!, schema: { fields: [{ name: '金额', type: 'money' }] } }] })).not.toEqual([]);
  });

  it('lists the index and each current version not taken down, with the full addresses of their CSVs', () => {
    expect(pkg.resources.map((r) => r.path)).toEqual([
      `${BASE}/v/${MATOUXI}/index.csv`,
      `${BASE}/v/${MATOUXI}/p/f2/index.csv`,
      `${BASE}/v/${MATOUXI}/p/s1/index.csv`,
      `${BASE}/v/${MATOUXI}/p/w1/index.csv`,
    ]);
    expect(pkg.resources.map((r) => r.name)).toEqual([`${MATOUXI}-index`, `${MATOUXI}-finance-f2`, `${MATOUXI}-subsidy-s1`, `${MATOUXI}-project-w1`]);
    expect(JSON.stringify(pkg)).not.toContain('生猪补贴');
  });

  it('labels sample data as sample, in the package and in its resource', () => {
    expect(pkg.title).toBe('【示例数据】湖南省张家界市永定区王家坪镇马头溪村村务公开数据');
    expect(pkg.description).toContain('不是真实的村务信息');
    const sample = pkg.resources.find((r) => r.name.endsWith('-w1'));
    expect(sample).toMatchObject({ sample: true, title: '马头溪村 · 【示例数据】2026年工程项目公示（第1版）' });
    expect(pkg.resources.find((r) => r.name.endsWith('-f2'))).toMatchObject({ sample: false });
    const real = dataPackage(place, [{ ...village, history: [summaryOf(ledger)] }], { baseUrl: BASE, paths: 'url', takedowns });
    expect(real.title).not.toContain('示例');
  });

  it('says when its state came to be, in Beijing time with the offset: the newest publication or takedown', () => {
    expect(pkg.created).toBe('2026-10-12T17:30:00+08:00');
    expect(beijingTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01T00:00:00+08:00');
  });

  it('describes each resource with the schema of its kind, whose fields are the CSV’s header in order and whose typed cells cast', () => {
    const csvOf = new Map<string, string>([
      [`${BASE}/v/${MATOUXI}/index.csv`, tableCsv(villageTable(MATOUXI, village.history, BASE, takedowns))],
      ...[ledger, subsidy, works].map((p) => [`${BASE}/v/${MATOUXI}/p/${p.id}/index.csv`, tableCsv(publicationTable(p))] as [string, string]),
    ]);
    for (const r of pkg.resources) {
      const fields = r.schema.fields as unknown as SchemaField[];
      expect(csvErrors(csvOf.get(r.path)!, fields), r.name).toEqual([]);
    }
    // the amounts are yuan with two places, the negative correction included
    expect(csvOf.get(`${BASE}/v/${MATOUXI}/p/f2/index.csv`)).toContain(',-300.00,');
  });

  it('finds a cell that does not cast, so the cell check can fail', () => {
    const fields = schemaOf(KIND_COLUMNS.finance).fields as unknown as SchemaField[];
    const csv = tableCsv(publicationTable(ledger)).replace('20150.00', '20150.5').replace('2026-07-01', '2026-07-32');
    expect(csvErrors(csv, fields)).toEqual(['2:日期 "2026-07-32"', '2:收入(元) "20150.5"']);
  });

  it('puts paths relative to the zip’s datapackage.json, with each file’s size and SHA-256 when known', () => {
    const files = new Map([[`/v/${MATOUXI}/index.csv`, { bytes: 120, sha256: 'ab'.repeat(32) }]]);
    const zipped = dataPackage(place, [village], { baseUrl: BASE, paths: 'zip', takedowns, files });
    expect(dataPackageErrors(zipped)).toEqual([]);
    expect(zipped.resources[0]).toMatchObject({ path: `v/${MATOUXI}/index.csv`, bytes: 120, hash: `sha256:${'ab'.repeat(32)}` });
    expect(zipped.resources[1]).not.toHaveProperty('bytes');
    expect(zipped.resources[1]?.path).toBe(`v/${MATOUXI}/p/f2/index.csv`);
  });
});

describe('the field dictionary', () => {
  it('gives every column of every kind and of the index a type, an English name and a meaning in Chinese and English', () => {
    for (const columns of [...PublicationKind.options.map((k) => KIND_COLUMNS[k]), VILLAGE_COLUMNS]) {
      expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
      for (const c of columns) {
        expect(c.title.trim(), c.header).not.toBe('');
        expect(c.zh, c.header).toMatch(/[\u4e00-\u9fff]/);
        expect(c.en, c.header).toMatch(/[a-z]{3}/);
        if (c.type === 'amount') expect(c.unit, c.header).toMatch(/^元/);
      }
    }
  });

  it('is what the twin tables print: the CSV’s header of each kind is the dictionary’s, and each row has a cell per column', () => {
    for (const p of [ledger, subsidy, works]) {
      const table = publicationTable(p);
      expect(table.columns.map((c) => c.header)).toEqual(KIND_COLUMNS[p.kind].map((c) => c.header));
      for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    }
    const index = villageTable(MATOUXI, village.history, BASE, takedowns);
    expect(index.columns.map((c) => c.header)).toEqual(VILLAGE_COLUMNS.map((c) => c.header));
    for (const row of index.rows) expect(row).toHaveLength(VILLAGE_COLUMNS.length);
  });

  it('says that masked numbers are masked, and describes amounts as numbers in yuan', () => {
    const masked = Object.values(KIND_COLUMNS).flat().filter((c) => c.header.includes('已脱敏'));
    expect(masked.map((c) => c.header).sort()).toEqual(['电话(已脱敏)', '身份证号(已脱敏)', '身份证号(已脱敏)', '银行卡号(已脱敏)'].sort());
    for (const c of masked) expect(`${c.zh} ${c.en}`).toMatch(/已脱敏.*Masked/);
    const income = schemaOf(KIND_COLUMNS.finance).fields.find((f) => f.name === '收入(元)');
    expect(income).toMatchObject({ type: 'number', unit: '元', bareNumber: true, decimalChar: '.' });
    expect(schemaOf(KIND_COLUMNS.finance).fields.find((f) => f.name === '凭证号')).toMatchObject({ type: 'string' });
  });

  it('is what docs/bulk-data.md tells readers: each column’s row there gives its type and unit', () => {
    const doc = readFileSync(new URL('../../docs/bulk-data.md', import.meta.url), 'utf8');
    for (const c of [...VILLAGE_COLUMNS, ...Object.values(KIND_COLUMNS).flat()]) {
      const f = tableField(c) as { type: string; format?: string };
      const type = f.format && f.format !== 'default' ? `${f.type} (${f.format})` : f.type;
      expect(doc, c.header).toContain(`| ${c.header} | ${type} | ${c.unit ?? ''} |`);
    }
  });
});
