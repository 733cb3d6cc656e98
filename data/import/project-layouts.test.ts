import { describe, expect, it } from 'vitest';
import { csvAsXlsx, importFixture, layoutFixture } from '../../test/support/layout-fixtures.ts';
import { publicationTable as pageTable } from '../../site/lib/publication-table.ts';
import { publicationTable as twinTable } from '../../site/lib/twin-tables.ts';
import type { Publication, ProjectContent } from '../publication.ts';
import type { ImportResult } from './import-result.ts';

function projects(result: ImportResult): ProjectContent {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'project') throw new Error('not project');
  return result.content;
}

const FIXTURE = 'project-funding-split.csv';
const WAN = 1_000_000; // fen in 1 万元

describe('project lists with funds split by source under 资金来源', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`reads 国补 / 财政奖补 / 村民自筹 / 缺口资金 in 万元, 工程造价 as the budget, 两项合计 as the total, the period from the sign-off line (${format})`, async () => {
      const file = format === 'csv' ? layoutFixture(FIXTURE) : await csvAsXlsx(layoutFixture(FIXTURE), ['F3:I3']);
      const result = await importFixture(file, 'project');
      const c = projects(result);
      expect(c.period).toBe('2024');
      expect(c.projects.map((p) => [p.name, p.budget, p.funding])).toEqual([
        ['通组公路硬化', 48 * WAN, [{ source: '国补', amount: 20 * WAN }, { source: '财政奖补', amount: 15 * WAN }, { source: '村民自筹', amount: 8 * WAN }, { source: '缺口资金', amount: 5 * WAN }]],
        ['山塘清淤扩容', 12 * WAN, [{ source: '国补', amount: 0 }, { source: '财政奖补', amount: 8 * WAN }, { source: '村民自筹', amount: 4 * WAN }, { source: '缺口资金', amount: 0 }]],
      ]);
      expect(c.totals.budget).toBe(60 * WAN);
      expect(c.extraColumns).toEqual(['序号', '建设内容']);
      if (!result.ok) return;
      expect(result.columns.filter((r) => r.field?.startsWith('funding:')).map((r) => `${r.column} ${r.readAs}（${r.unit}）`)).toEqual([
        'F 资金来源：国补（万元）', 'G 资金来源：财政奖补（万元）', 'H 资金来源：村民自筹（万元）', 'I 资金来源：缺口资金（万元）',
      ]);
    });
  }

  it('refuses a project whose sources do not add up to its 工程造价, naming the row', async () => {
    const text = new TextDecoder().decode(layoutFixture(FIXTURE)).replace('48,20,15,8,5', '48,20,15,8,6');
    const result = await importFixture(new TextEncoder().encode(text), 'project');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.row])).toEqual([['funding-mismatch', 5], ['total-mismatch', 7]]);
  });

  it('shows the funds by source on the page and in the data twins', async () => {
    const content = projects(await importFixture(layoutFixture(FIXTURE), 'project'));
    const page = pageTable(content, { mode: 'full' });
    const column = page.columns.findIndex((c) => c.label === '资金构成');
    expect(page.rows[0]!.cells[column]).toBe('国补 200,000.00；财政奖补 150,000.00；村民自筹 80,000.00；缺口资金 50,000.00');
    const twin = twinTable({ content } as Publication);
    const header = twin.columns.findIndex((c) => c.header === '资金构成(元)');
    expect(twin.rows[1]![header]).toBe('国补 0.00; 财政奖补 80000.00; 村民自筹 40000.00; 缺口资金 0.00');
  });
});
