import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';
import { publicationTable } from '../../site/lib/publication-table.ts';
import { rowSearchText } from '../search/tokenize.ts';
import type { ImportResult } from './import-result.ts';

const FIXTURE = 'subsidy-total-first-unknown-columns.csv';

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  return result;
}

describe('columns the importer does not know are published as written', () => {
  it('keeps 组别, 家庭人口 and 特困供养金 under their own headers, names them in the dry run, and checks a 合计 placed first', async () => {
    const result = ok(await importFixture(layoutFixture(FIXTURE), 'subsidy'));
    const c = result.content;
    if (c.kind !== 'subsidy') throw new Error('not subsidy');
    expect(c.totals).toMatchObject({ amount: 151_397, quantity: '14.33', count: 5 });
    expect(c.extraColumns).toEqual(['组别', '家庭人口', '特困供养金（元）']);
    expect(c.rows[1]).toMatchObject({ name: '欧翠英', extra: ['一组', '2', '1200.00'] });
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unknown-columns-kept', row: 2 })]);
    expect(result.warnings[0]!.message).toBe('未识别的列：B列“组别”、D列“家庭人口”、E列“特困供养金（元）”，将原样公开。');
    expect(result.columns.map((r) => `${r.column} ${r.header} → ${r.readAs}`)).toEqual([
      'A 序号 → 序号',
      'B 组别 → 未识别，原样公开',
      'C 户主姓名 → 姓名',
      'D 家庭人口 → 未识别，原样公开',
      'E 特困供养金（元） → 未识别，原样公开',
      'F 补贴面积（亩） → 数量',
      'G 补贴标准（元/亩） → 标准（单价）',
      'H 补贴金额（元） → 发放金额',
    ]);
  });

  it('reads the XLSX of the same sheet to the same content', async () => {
    const fromCsv = ok(await importFixture(layoutFixture(FIXTURE), 'subsidy'));
    const fromXlsx = ok(await importFixture(await csvAsXlsx(layoutFixture(FIXTURE)), 'subsidy'));
    expect(fromXlsx.content).toEqual(fromCsv.content);
  });

  it('refuses a 合计 placed first that does not add up, naming its row', async () => {
    const text = new TextDecoder().decode(layoutFixture(FIXTURE)).replace(',1513.97\n', ',1513.98\n');
    const result = await importFixture(new TextEncoder().encode(text), 'subsidy');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row, e.column])).toEqual([['total-mismatch', 3, 'H']]);
  });

  it('shows the kept columns on the publication page, in the search text, and masks numbers in them', async () => {
    const text = new TextDecoder().decode(layoutFixture(FIXTURE)).replace('1,一组,李小平', '1,一组 13826092975,李小平');
    const result = ok(await importFixture(new TextEncoder().encode(text), 'subsidy'));
    const table = publicationTable(result.content, { mode: 'full' });
    expect(table.columns.map((col) => col.label)).toEqual(expect.arrayContaining(['组别', '家庭人口', '特困供养金（元）']));
    const group = table.columns.findIndex((col) => col.label === '组别');
    expect(table.rows[0]!.cells[group]).toBe('一组 138****2975');
    expect(table.totals?.[group]).toBe('');
    expect(JSON.stringify(result)).not.toContain('13826092975');
    const search = rowSearchText({ content: result.content });
    expect(search.find((r) => r.row === 5)?.text).toContain('1200.00');
  });

  it('gives a table without unknown columns no extra fields, so its content (and digest) is what it was', async () => {
    const csv = '样板村2026年耕地地力保护补贴发放花名册\n序号,户主姓名,面积（亩）,补贴标准（元/亩）,补贴金额（元）\n1,李小平,3.70,105.65,390.91\n';
    const c = ok(await importFixture(new TextEncoder().encode(csv), 'subsidy')).content;
    expect('extraColumns' in c).toBe(false);
    expect(c.kind === 'subsidy' && 'extra' in c.rows[0]!).toBe(false);
  });
});
