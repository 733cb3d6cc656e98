import { describe, expect, it } from 'vitest';
import { townshipSummary } from '../../data/store/summary-contract.ts';
import type { StoredSummary } from '../../data/store/summary-store.ts';
import type { RegionSummary } from '../../data/summary/region-summary.ts';
import { buildSummaryPageView, currentSummaries, summaryChanges, summaryListItems } from './summary-page-view.ts';

const SITE = { name: '阳光村务', regionName: '张家界市', baseUrl: 'https://cunwu.example' };
const stored = (seq: number, version: number, supersedes: number | null, document: RegionSummary): StoredSummary => ({ scope: '430802108', seq, series: `${document.period}|${document.title}`, version, supersedes, document, publishedAt: `2026-10-0${seq}T08:00:00.000Z`, logIndex: seq });

describe('a summary table’s page', () => {
  const first = stored(1, 1, null, townshipSummary(100));
  const other = stored(2, 1, null, townshipSummary(5, '王家坪镇2026年生态公益林补偿汇总表'));
  const second = stored(3, 2, 1, townshipSummary(200));
  const all = [first, other, second];
  const view = (s: StoredSummary) => buildSummaryPageView({ site: SITE, region: { name: '王家坪镇', href: '/r/430802108/' }, crumbs: [], all, summary: s });

  it('links a village row to its village and a township row to its page, and leaves a row without a place unlinked', () => {
    const withTownship: RegionSummary = { ...townshipSummary(100), rows: [...townshipSummary(100).rows, { row: 6, label: '外地', place: null, amount: 0, cells: [null] }] };
    const page = view(stored(1, 1, null, withTownship));
    expect(page.rows.map((r) => [r.label, r.href])).toEqual([
      ['马头溪村', '/v/430802108214/'],
      ['宋家溪村', '/v/430802108202/'],
      ['外地', null],
    ]);
    expect(page.unlinked).toBe(1);
    expect(page.rows[2]!.cells).toEqual(['']);
  });

  it('says a corrected version was corrected and links to the newest; the newest says what it changed', () => {
    expect(view(first).superseded).toEqual({ href: '/r/430802108/summary/3/', version: 2 });
    const newest = view(second);
    expect(newest.superseded).toBeNull();
    expect(newest.supersedes).toEqual({ href: '/r/430802108/summary/1/', version: 1, changes: ['宋家溪村：1.00 → 2.00 元', '合计：12,346.67 → 12,347.67 元'] });
    expect(newest.history.map((h) => [h.version, h.current, h.isThis])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);
  });

  it('lists on the region’s page the version in force of each table, newest first', () => {
    expect(currentSummaries(all).map((s) => s.seq)).toEqual([2, 3]);
    expect(summaryListItems(all).map((i) => [i.href, i.version])).toEqual([
      ['/r/430802108/summary/3/', 2],
      ['/r/430802108/summary/2/', 1],
    ]);
  });
});

describe('what a correction changed', () => {
  const base = townshipSummary(100);
  it('names rows added and gone, kept cells changed, and a label written twice by its turn', () => {
    const after: RegionSummary = {
      ...base,
      rows: [{ ...base.rows[0]!, cells: ['213'] }, { row: 6, label: '木山村', place: '430802108203', amount: 50, cells: ['9'] }],
      total: base.rows[0]!.amount + 50,
    };
    expect(summaryChanges(base, after)).toEqual(['马头溪村：户数 212 → 213', '新增：木山村 0.50 元', '删去：宋家溪村 1.00 元', '合计：12,346.67 → 12,346.17 元']);
    const twice = (amounts: number[]): RegionSummary => ({ ...base, rowsAre: 'category', rows: amounts.map((amount, i) => ({ row: 4 + i, label: '其他', place: null, amount, cells: [null] })), total: amounts.reduce((a, b) => a + b, 0) });
    expect(summaryChanges(twice([100, 200]), twice([100, 300]))).toEqual(['其他：2.00 → 3.00 元', '合计：3.00 → 4.00 元']);
    expect(summaryChanges(base, { ...base, notes: ['单位：元', '制表人：张三'] })).toEqual([]);
  });
});
