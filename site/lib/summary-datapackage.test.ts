import { describe, expect, it } from 'vitest';
import { townshipSummary } from '../../data/store/summary-contract.ts';
import type { StoredSummary } from '../../data/store/summary-store.ts';
import { csvErrors, dataPackageErrors, type SchemaField } from '../../test/support/frictionless.ts';
import { tableCsv } from './csv-export.ts';
import { summaryPackage } from './summary-datapackage.ts';
import { summaryTwinTable } from './summary-page-view.ts';

const BASE = 'https://cunwu.example';
const stored = (document = townshipSummary(100)): StoredSummary => ({ scope: '430802108', seq: 3, series: 's', version: 2, supersedes: 1, document, publishedAt: '2026-10-01T08:00:00.000Z', logIndex: 9 });

describe('the Data Package beside a summary table', () => {
  it('validates against the Tabular Data Package schema and names the CSV twin by its full address', () => {
    const pkg = summaryPackage(stored(), '王家坪镇', BASE);
    expect(dataPackageErrors(pkg)).toEqual([]);
    expect(pkg.resources[0]!.path).toBe(`${BASE}/r/430802108/summary/3/index.csv`);
    expect(pkg.created).toBe('2026-10-01T16:00:00+08:00');
    // the same check refuses a root-relative path, so it can fail
    expect(dataPackageErrors({ ...pkg, resources: [{ ...pkg.resources[0]!, path: '/r/430802108/summary/3/index.csv' }] })).not.toEqual([]);
  });

  it('describes the CSV exactly: its header is the schema’s fields in order and every cell fits its field', () => {
    const s = stored();
    const fields = summaryPackage(s, '王家坪镇', BASE).resources[0]!.schema.fields as unknown as SchemaField[];
    const csv = tableCsv(summaryTwinTable(s));
    expect(fields.map((f) => f.name)).toEqual(['行', '村名', '区划代码', '户数', '补贴金额（元）']);
    expect(csvErrors(csv, fields)).toEqual([]);
    // a code that is not a division code breaks its field's pattern
    const broken = { ...s, document: { ...s.document, rows: s.document.rows.map((r, i) => (i === 0 ? { ...r, place: '43080210821x' } : r)) } };
    expect(csvErrors(tableCsv(summaryTwinTable(broken)), fields)).not.toEqual([]);
  });

  it('gives a kept column that repeats a known header a name of its own, so field names stay unique', () => {
    const s = stored({ ...townshipSummary(100), columns: ['区划代码'] });
    const names = (summaryPackage(s, '王家坪镇', BASE).resources[0]!.schema.fields as unknown as SchemaField[]).map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('区划代码（原表）');
  });
});
