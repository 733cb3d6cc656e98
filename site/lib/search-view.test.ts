import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchPage as StoreSearchPage, SearchQuery } from '../../data/store/store.ts';
import type { SiteInfo } from './page-model.ts';
import { buildSearchView, hrefWith, villagesMatching, type SearchViewInput } from './search-view.ts';
import { DIVISIONS } from './test-fixtures.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const names = new Map(DIVISIONS.map((d) => [d.code, d.name]));
const counties = DIVISIONS.filter((d) => d.level === 'county');

const hit = (row: number, text: string, over: Partial<SearchHit> = {}): SearchHit => ({
  village: '430802108214',
  publicationId: 'p1',
  kind: 'finance',
  period: '2026-Q3',
  publishedAt: '2026-10-10T00:00:00Z',
  row,
  text,
  score: 1,
  ...over,
});
const query = (q: string, over: Partial<SearchQuery> = {}): SearchQuery => ({ q, sort: 'relevance', page: 1, pageSize: 20, ...over });
const result = (hits: SearchHit[], over: Partial<StoreSearchPage> = {}): StoreSearchPage => ({
  total: hits.length,
  facets: { county: { '430802': hits.length }, kind: { finance: hits.length } },
  hits,
  fallback: false,
  window: null,
  ...over,
});
const input = (over: Partial<SearchViewInput>): SearchViewInput => ({
  site,
  raw: {},
  query: null,
  errors: [],
  result: null,
  names,
  counties,
  nearVillages: [],
  ...over,
});

describe('search page view', () => {
  it('lists each hit with its village, place, kind, period, row anchor and marked snippet', () => {
    const view = buildSearchView(
      input({ raw: { q: '土地流转' }, query: query('土地流转'), result: result([hit(5, '2026-07-03 收到土地流转租金 20,150.00')]) }),
    );
    expect(view.title).toBe('搜索“土地流转”');
    expect(view.summary).toBe('找到 1 条结果');
    expect(view.results).toEqual([
      {
        href: '/v/430802108214/p/p1/#r5',
        villageName: '马头溪村',
        place: '永定区 · 沅古坪镇',
        kindLabel: '财务收支',
        periodLabel: '2026年第三季度',
        rowLabel: '第5行',
        snippet: [
          { text: '2026-07-03 收到', hit: false },
          { text: '土地流转', hit: true },
          { text: '租金 20,150.00', hit: false },
        ],
        sample: false,
      },
    ]);
    expect(view.csvHref).toBe(`/api/v1/search.csv?q=${encodeURIComponent('土地流转')}`);
  });

  it('marks a hit in sample data 示例数据', () => {
    const view = buildSearchView(input({ raw: { q: '公开' }, query: query('公开'), result: result([hit(0, '财务收支明细公开表')]), samples: new Set(['p1']) }));
    expect(view.results[0]?.sample).toBe(true);
  });

  it('links a title-and-notes hit (row 0) to the publication page itself', () => {
    const view = buildSearchView(input({ raw: { q: '公开' }, query: query('公开'), result: result([hit(0, '财务收支明细公开表')]) }));
    expect(view.results[0]?.href).toBe('/v/430802108214/p/p1/');
    expect(view.results[0]?.rowLabel).toBeNull();
  });

  it('refills the form and keeps filters it has no control for as hidden fields', () => {
    const raw = { q: '补贴', kind: 'subsidy', village: '430802108214', min: '100', sort: 'date' };
    const view = buildSearchView(input({ raw, query: query('补贴', { kind: 'subsidy', village: '430802108214', min: 10000, sort: 'date' }), result: result([]) }));
    expect(view.query).toBe('补贴');
    expect(view.kindOptions.find((o) => o.selected)?.value).toBe('subsidy');
    expect(view.sortOptions.find((o) => o.selected)?.value).toBe('date');
    expect(view.hidden).toEqual([{ name: 'village', value: '430802108214' }]);
    // the amount is a field of the form's 更多条件, open because one of them is set
    expect(view.ranges).toEqual({ from: '', to: '', min: '100', max: '' });
    expect(view.moreOpen).toBe(true);
    expect(view.scope).toEqual({ label: '只搜索 永定区 · 沅古坪镇 · 马头溪村', removeHref: hrefWith(raw, { village: '' }) });
    expect(view.scope?.removeHref).not.toContain('village=');
  });

  it('offers every township by county, the date and amount ranges, and sorting by amount', () => {
    const raw = { q: '', township: '430802108', from: '2026-07-01', sort: 'amount' };
    const view = buildSearchView(
      input({
        raw,
        query: query('', { township: '430802108', from: '2026-07-01', sort: 'amount' }),
        result: result([]),
        counties: [{ code: '430802', name: '永定区' }, { code: '430821', name: '慈利县' }],
        townships: [{ code: '430802108', name: '王家坪镇' }, { code: '430821211', name: '龙潭河镇' }],
      }),
    );
    expect(view.townshipGroups.map((g) => [g.label, g.options.map((o) => `${o.label}${o.selected ? '*' : ''}`)])).toEqual([['永定区', ['王家坪镇*']], ['慈利县', ['龙潭河镇']]]);
    expect(view.ranges.from).toBe('2026-07-01');
    expect(view.sortOptions.map((o) => o.value)).toEqual(['relevance', 'date', 'amount']);
    expect(view.sortOptions.find((o) => o.selected)?.value).toBe('amount');
    expect(view.title).toBe('浏览村务公开材料');
    expect(view.summary).toBe('没有符合这些条件的公开内容');
    expect(view.noHits?.dropFilters?.label).toBe('去掉筛选条件，浏览全部公开材料');
  });

  it('shows the results added up with a column for each amount some group has, and says when only the newest were counted', () => {
    const raw = { q: '补贴', group: 'period' };
    const row = (key: string, amount: number | null) => ({ key, rows: 2, income: null, expense: null, amount, budget: null, contractAmount: null, paid: null });
    const view = buildSearchView(
      input({ raw, query: query('补贴'), result: result([]), totals: { group: 'period', rows: [row('2026-Q2', 12_345), row('2026-Q3', null)], counted: 10_000, complete: false } }),
    );
    expect(view.totals?.title).toBe('按期间汇总（金额单位：元）');
    expect(view.totals?.note).toBe('结果超过 10,000 条，这里只汇总了最新的 10,000 条。');
    expect(view.totals?.table.columns.map((c) => c.label)).toEqual(['期间', '条数', '发放或租金']);
    expect(view.totals?.table.rows.map((r) => r.cells)).toEqual([['2026年第二季度', '2', '123.45'], ['2026年第三季度', '2', '']]);
    expect(view.totals?.closeHref).not.toContain('group=');
  });

  it('turns facets into links that add a filter, or remove it when selected, and go back to page 1', () => {
    const raw = { q: '工程', kind: 'project', page: '3' };
    const view = buildSearchView(
      input({
        raw,
        query: query('工程', { kind: 'project', page: 3 }),
        result: result([], { total: 45, facets: { county: { '430821': 30, '430802': 15 }, kind: { project: 45 } } }),
      }),
    );
    expect(view.facets.county.map((f) => `${f.label} ${f.count}`)).toEqual(['永定区 15', '慈利县 30']);
    expect(view.facets.county[1]?.href).toBe(`/search/?q=${encodeURIComponent('工程')}&county=430821&kind=project`);
    expect(view.facets.kind).toEqual([{ label: '工程项目', count: 45, selected: true, href: `/search/?q=${encodeURIComponent('工程')}` }]);
  });

  it('pages with previous and next links and a window of page numbers', () => {
    const raw = { q: '村', page: '3' };
    const view = buildSearchView(input({ raw, query: query('村', { page: 3, pageSize: 10 }), result: result([], { total: 95 }) }));
    const p = view.pagination;
    expect(p?.label).toBe('第 3 / 10 页');
    expect(p?.prev).toBe(`/search/?q=${encodeURIComponent('村')}&page=2`);
    expect(p?.next).toBe(`/search/?q=${encodeURIComponent('村')}&page=4`);
    expect(p?.pages.map((x) => x.n)).toEqual([1, 2, 3, 4, 5]);
    expect(p?.pages.find((x) => x.current)?.n).toBe(3);
    // page 1 is the plain URL, without page=1
    expect(p?.pages[0]?.href).toBe(`/search/?q=${encodeURIComponent('村')}`);
    const onePage = buildSearchView(input({ raw: { q: '村' }, query: query('村'), result: result([hit(5, '村')]) }));
    expect(onePage.pagination).toBeNull();
  });

  it('lists the places the query names first, each linked to its page with the places above it', () => {
    const view = buildSearchView(input({ raw: { q: 'mtx' }, query: query('mtx'), result: result([]), places: [{ code: '430802108214', name: '马头溪村' }, { code: '430802108', name: '沅古坪镇' }, { code: '430802', name: '永定区' }] }));
    expect(view.places).toEqual([
      { label: '马头溪村（永定区 · 沅古坪镇）', href: '/v/430802108214/' },
      { label: '沅古坪镇（永定区）', href: '/r/430802108/' },
      { label: '永定区', href: '/r/430802/' },
    ]);
  });

  it('on no hits offers the search without filters and villages whose names share a word', () => {
    const raw = { q: '马头溪', kind: 'project' };
    const near = villagesMatching(DIVISIONS, '马头溪');
    const view = buildSearchView(input({ raw, query: query('马头溪', { kind: 'project' }), result: result([]), nearVillages: near }));
    expect(view.summary).toBe('没有找到与“马头溪”相关的公开内容');
    expect(view.noHits?.dropFilters?.href).toBe(`/search/?q=${encodeURIComponent('马头溪')}`);
    expect(view.noHits?.villages).toEqual([{ label: '马头溪村（永定区 · 沅古坪镇 · 马头溪村）', href: '/v/430802108214/' }]);
    expect(view.csvHref).toBeNull();
  });

  it('offers no filter-free search when there was no filter', () => {
    const view = buildSearchView(input({ raw: { q: '无此词' }, query: query('无此词'), result: result([]) }));
    expect(view.noHits).toEqual({ dropFilters: null, villages: [] });
  });

  it('shows the empty form, and the errors of a bad query, without running a search', () => {
    const empty = buildSearchView(input({}));
    expect(empty.searched).toBe(false);
    expect(empty.title).toBe('搜索村务公开材料');
    expect(empty.countyOptions.map((o) => o.label)).toEqual(['全部县（区）', '永定区', '慈利县']);
    const bad = buildSearchView(input({ raw: { q: 'x', village: '1' }, errors: ['村代码须为 12 位数字 / village must be a 12-digit code'] }));
    expect(bad.searched).toBe(false);
    expect(bad.errors).toHaveLength(1);
  });

  it('says when the hits are only partial matches', () => {
    const view = buildSearchView(input({ raw: { q: '土地流转' }, query: query('土地流转'), result: result([hit(5, '土地')], { fallback: true }) }));
    expect(view.fallback).toBe(true);
  });

  it('says when the facets of a broad query count only its newest matches', () => {
    const broad = buildSearchView(input({ raw: { q: '补贴' }, query: query('补贴'), result: result([hit(5, '补贴')], { total: 354_491, window: 10_000 }) }));
    expect(broad.windowNote).toContain('最新的 10,000 条');
    const narrow = buildSearchView(input({ raw: { q: '补贴' }, query: query('补贴'), result: result([hit(5, '补贴')]) }));
    expect(narrow.windowNote).toBeNull();
  });
});

describe('villages matching a query', () => {
  it('ranks villages by how many of the query’s words their names contain', () => {
    expect(villagesMatching(DIVISIONS, '三岔溪').map((d) => d.name)).toEqual(['三岔溪村']);
    expect(villagesMatching(DIVISIONS, '溪村').map((d) => d.name)).toEqual(['马头溪村', '三岔溪村']);
    expect(villagesMatching(DIVISIONS, '龙岗 溪村').map((d) => d.name)).toEqual(['马头溪村', '三岔溪村', '龙岗村']);
  });

  it('suggests nothing for a query without Chinese, and never a township or county', () => {
    expect(villagesMatching(DIVISIONS, '20150')).toEqual([]);
    expect(villagesMatching(DIVISIONS, '永定').map((d) => d.level)).toEqual([]);
  });
});
