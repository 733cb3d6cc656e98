import { describe, expect, it } from 'vitest';
import { csvGrid } from './csv-grid.ts';
import { findLayout } from './table-layout.ts';
import { programmeFromTitle } from './subsidy-checks.ts';

describe('findLayout', () => {
  it('separates title and note rows, the header, data and footer lines', () => {
    const grid = csvGrid(['某村2026年7月财务公开', '', '公开单位：某村,,,公开日期：2026年8月1日', '日期,摘要,收入,支出', '2026-07-01,租金,1.00,', '制表人：张三,,审核人：李四,', '2026-07-02,电费,,2.00', '注：本表经村务监督委员会审核'].join('\n'));
    const layout = findLayout(grid, 'finance');
    if (layout.kind !== 'ok') throw new Error('no header');
    expect(layout.title).toBe('某村2026年7月财务公开');
    expect(layout.headerRows).toEqual([4]);
    expect(layout.body.map((r) => r.row)).toEqual([5, 7]);
    expect(layout.notes).toEqual(['某村2026年7月财务公开', '公开单位：某村  公开日期：2026年8月1日', '制表人：张三  审核人：李四', '注：本表经村务监督委员会审核']);
  });

  it('reports the headers it found when none fits the kind', () => {
    const layout = findLayout(csvGrid('项目名称,建设地点,预算金额\n修路,一组,10'), 'finance');
    expect(layout).toEqual({ kind: 'no-header', found: ['项目名称', '建设地点', '预算金额'] });
  });
});

describe('programmeFromTitle', () => {
  it.each([
    ['马头溪村2026年耕地地力保护补贴发放花名册', '耕地地力保护补贴'],
    ['关于青山社区2026年度城乡居民养老保险补贴资金发放情况的公示', '城乡居民养老保险补贴'],
    ['柳树村农村危房改造补助名册', '农村危房改造补助'],
  ])('%s → %s', (title, programme) => {
    expect(programmeFromTitle(title)).toBe(programme);
  });
});
