import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';
import type { GridRow } from './grid.ts';
import type { ImportResult } from './import-result.ts';
import { mergeTotalBlocks } from './total-blocks.ts';

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'subsidy') throw new Error('not subsidy');
  return result.content;
}

const row = (n: number, ...cells: GridRow['cells']): GridRow => ({ row: n, cells });

describe('a 合计 over more than one row', () => {
  const BLOCK = 'subsidy-total-block-by-category.csv';

  it('reads a 合计 block by category as one total, checks it, and keeps its lines as notes (CSV)', async () => {
    const c = ok(await importFixture(layoutFixture(BLOCK), 'subsidy'));
    expect(c.rows).toHaveLength(5);
    expect(c.totals).toMatchObject({ amount: 151_397, quantity: '14.33', count: 5 });
    expect(c.notes).toEqual(expect.arrayContaining(['合计  耕地  5.43  573.68', '园地  8.90  940.29']));
  });

  it('reads the XLSX with 合计 merged down the block to the same content', async () => {
    const csv = await importFixture(layoutFixture(BLOCK), 'subsidy');
    const xlsx = await importFixture(await csvAsXlsx(layoutFixture(BLOCK), ['A8:B9']), 'subsidy');
    expect(ok(xlsx)).toEqual(ok(csv));
  });

  it('refuses a block whose parts do not add up, naming the 合计 row', async () => {
    const text = new TextDecoder().decode(layoutFixture(BLOCK)).replace(',,园地,8.90,,940.29', ',,园地,8.90,,940.30');
    const result = await importFixture(new TextEncoder().encode(text), 'subsidy');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row])).toEqual([['total-mismatch', 8]]);
  });

  it('reads a tall merged 合计 as one row, not two, in XLSX as in CSV', async () => {
    const fixture = layoutFixture('subsidy-tall-total.csv');
    const csv = ok(await importFixture(fixture, 'subsidy'));
    const xlsx = ok(await importFixture(await csvAsXlsx(fixture, ['A8:B9', 'C8:C9', 'D8:D9', 'E8:E9']), 'subsidy'));
    expect(xlsx).toEqual(csv);
    expect(csv.totals.amount).toBe(151_397);
  });

  it('takes a first row that already is the sum of the parts under it (其中) as the total', () => {
    const out = mergeTotalBlocks([row(3, '1', '张三', '1000'), row(4, '2', '李四', '500'), row(5, '合计', null, '1500'), row(6, null, '其中耕地', '1000'), row(7, null, '其中林地', '500')]);
    expect(out.body.map((r) => r.cells)).toEqual([['1', '张三', '1000'], ['2', '李四', '500'], ['合计', null, '1500']]);
    expect(out.notes.map((n) => n.row)).toEqual([5, 6, 7]);
  });

  it('leaves a 合计 right under the header alone: the rows under it are entries', () => {
    const body = [row(3, '合计', null, '1500'), row(4, null, '张三', '1000'), row(5, null, '李四', '500')];
    expect(mergeTotalBlocks(body)).toEqual({ body, notes: [] });
  });

  it('stops a block at a row with a label of its own or another label in its label column', () => {
    const body = [row(3, '1', '张三', '1000'), row(4, '合计', null, '1000'), row(5, '本年累计', null, '3000')];
    expect(mergeTotalBlocks(body).body).toEqual(body);
  });
});

