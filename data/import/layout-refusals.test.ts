import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';

/** Tables recognised and refused with the reason named, never read wrongly (layout-refusals.ts). */
describe('two tables in one sheet', () => {
  it('refuses a sheet holding a second table, naming the row of its header, in CSV and XLSX', async () => {
    for (const file of [layoutFixture('subsidy-two-tables.csv'), await csvAsXlsx(layoutFixture('subsidy-two-tables.csv'))]) {
      const result = await importFixture(file, 'subsidy');
      expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row])).toEqual([['two-tables', 8]]);
    }
  });

  it('still reads a header repeated on each printed page as the same table', async () => {
    const lines = new TextDecoder().decode(layoutFixture('subsidy-two-tables.csv')).split('\n').slice(0, 5);
    // title, header, two rows, the header again (a new printed page), 合计
    const repeated = [...lines.slice(0, 4), lines[1], lines[4]].join('\n');
    const result = await importFixture(new TextEncoder().encode(repeated), 'subsidy');
    expect(result.ok).toBe(true);
  });
});

describe('tables that are not a village list', () => {
  const refusal = async (file: Uint8Array, kind: 'finance' | 'subsidy') => {
    const result = await importFixture(file, kind);
    return result.ok ? null : result.errors;
  };

  it('refuses a 收支对照表 laid out side by side, saying so, from CSV and XLSX', async () => {
    for (const file of [layoutFixture('finance-side-by-side-statement.csv'), await csvAsXlsx(layoutFixture('finance-side-by-side-statement.csv'))]) {
      const errors = await refusal(file, 'finance');
      expect(errors?.map((e) => [e.code, e.row])).toEqual([['side-by-side-statement', 3]]);
      expect(errors?.[0]?.message).toContain('左右并排的报表');
    }
  });

  it('refuses a 收益分配统计表 in 万元 the same way: its lines are neither income nor expense', async () => {
    const errors = await refusal(layoutFixture('finance-profit-distribution.csv'), 'finance');
    expect(errors?.map((e) => e.code)).toEqual(['side-by-side-statement']);
  });

  it('refuses a township summary uploaded as a village subsidy list, naming its 乡镇 column', async () => {
    const errors = await refusal(layoutFixture('subsidy-township-summary.csv'), 'subsidy');
    expect(errors?.map((e) => [e.code, e.row, e.column])).toEqual([['summary-table', 3, 'B']]);
    expect(errors?.[0]?.message).toContain('按乡镇汇总的表');
    // and says where such a table is published instead
    expect(errors?.[0]?.message).toContain('/api/v1/regions/{区划代码}/summaries');
  });
});
