import { formatFen } from '../../data/money.ts';
import { periodLabel } from '../../data/period.ts';
import { TOTAL_GROUPS, type SearchTotals, type TotalGroup } from '../../data/search/result-totals.ts';
import { PublicationKind } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import { snippet } from '../../data/search/snippet.ts';
import { queryTokens } from '../../data/search/tokenize.ts';
import type { SearchPage as StoreSearchPage, SearchQuery } from '../../data/store/store.ts';
import { KIND_LABEL } from './format.ts';
import type { FacetLink, Link, Pagination, SearchPage, SearchResultView, SelectOption, SiteInfo } from './page-model.ts';
import { publicationHref, regionHref, searchHref, villageHref } from './urls.ts';

/** The query-string fields of a search, in the order links write them. */
export const SEARCH_FIELDS = ['q', 'county', 'township', 'village', 'kind', 'from', 'to', 'min', 'max', 'sort', 'group', 'page', 'pageSize'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
/** The request's fields as typed (trimmed), for refilling the form and building links. */
export type RawSearchParams = Partial<Record<SearchField, string>>;

export interface SearchViewInput {
  site: SiteInfo;
  raw: RawSearchParams;
  /** the checked query, or null when there is nothing to run (no q, or a bad field) */
  query: SearchQuery | null;
  /** one line per bad field, bilingual */
  errors: string[];
  result: StoreSearchPage | null;
  /** division code → name, for every code the results, facets and filters mention */
  names: ReadonlyMap<string, string>;
  /** the region's counties, for the county select */
  counties: readonly Pick<Division, 'code' | 'name'>[];
  /** the region's townships, for the township select (grouped by county) */
  townships?: readonly Pick<Division, 'code' | 'name'>[];
  /** on no hits: villages whose names share a word with the query (see villagesMatching) */
  nearVillages: readonly Pick<Division, 'code' | 'name'>[];
  /** the places the query names (data/place-finder.ts) */
  places?: readonly Pick<Division, 'code' | 'name'>[];
  /** the ids of the hits' versions that are sample data */
  samples?: ReadonlySet<string>;
  /** the results added up, when the page asked for it (group=…) */
  totals?: SearchTotals | null;
}

/** The search page: the form (refilled), results with marked snippets, facets, pages, and help when nothing matched. */
export function buildSearchView(input: SearchViewInput): SearchPage {
  const { raw, query, result, names } = input;
  const q = raw.q ?? '';
  const name = (code: string) => names.get(code) ?? code;
  const link = (overrides: RawSearchParams) => hrefWith(raw, { page: '', ...overrides });

  const scope = raw.village ? { label: `只搜索 ${placeLabel(raw.village, name)}`, removeHref: link({ village: '', township: '' }) } : null;
  const hidden = (['village', 'pageSize'] as const)
    .filter((f) => raw[f] !== undefined && raw[f] !== '')
    .map((f) => ({ name: f, value: raw[f] ?? '' }));

  const results: SearchResultView[] = (result?.hits ?? []).map((hit) => ({
    href: `${publicationHref(hit.village, hit.publicationId)}${hit.row > 0 ? `#r${hit.row}` : ''}`,
    villageName: name(hit.village),
    place: `${name(hit.village.slice(0, 6))} · ${name(hit.village.slice(0, 9))}`,
    kindLabel: KIND_LABEL[hit.kind],
    periodLabel: periodLabel(hit.period),
    rowLabel: hit.row > 0 ? `第${hit.row}行` : null,
    snippet: snippet(hit.text, q),
    sample: input.samples?.has(hit.publicationId) ?? false,
  }));

  const total = result?.total ?? 0;
  const facets = {
    county: Object.entries(result?.facets.county ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, count]): FacetLink => {
        const selected = raw.county === code;
        return { label: name(code), count, selected, href: link({ county: selected ? '' : code }) };
      }),
    kind: KINDS.filter((k) => (result?.facets.kind[k] ?? 0) > 0).map((k): FacetLink => {
      const selected = raw.kind === k;
      return { label: KIND_LABEL[k], count: result?.facets.kind[k] ?? 0, selected, href: link({ kind: selected ? '' : k }) };
    }),
  };

  const filtered = (['county', 'township', 'village', 'kind', 'from', 'to', 'min', 'max'] as const).some((f) => raw[f]);
  const noHits =
    query && result && total === 0
      ? {
          dropFilters: filtered ? { label: q ? `去掉筛选条件，在全部村搜索“${q}”` : '去掉筛选条件，浏览全部公开材料', href: searchHref([['q', q]]) } : null,
          villages: input.nearVillages.map((v): Link => ({ label: `${v.name}（${placeLabel(v.code, name)}）`, href: villageHref(v.code) })),
        }
      : null;

  return {
    kind: 'search',
    site: input.site,
    title: q ? `搜索“${q}”` : query ? '浏览村务公开材料' : '搜索村务公开材料',
    description: '在各村公开的财务收支、补贴发放、工程项目中按关键词查找。',
    sample: false,
    action: searchHref(),
    query: q,
    hidden,
    kindOptions: options([['', '全部类型'], ...KINDS.map((k): [string, string] => [k, KIND_LABEL[k]])], raw.kind ?? ''),
    countyOptions: options([['', '全部县（区）'], ...input.counties.map((c): [string, string] => [c.code, c.name])], raw.county ?? ''),
    townshipGroups: input.counties.map((c) => ({
      label: c.name,
      options: options(
        (input.townships ?? []).filter((t) => t.code.startsWith(c.code)).map((t): [string, string] => [t.code, t.name]),
        raw.township ?? '',
      ),
    })).filter((g) => g.options.length > 0),
    ranges: { from: raw.from ?? '', to: raw.to ?? '', min: raw.min ?? '', max: raw.max ?? '' },
    moreOpen: (['township', 'from', 'to', 'min', 'max'] as const).some((f) => raw[f]),
    sortOptions: options([['relevance', '按相关度'], ['date', '按日期（新的在前）'], ['amount', '按金额（大的在前）']], raw.sort ?? 'relevance'),
    scope,
    errors: input.errors,
    searched: query !== null && result !== null,
    total,
    summary: result ? summaryOf(q, total) : '',
    fallback: result?.fallback ?? false,
    windowNote: result?.window ? windowNote(result.window) : null,
    facets,
    results,
    pagination: query && total > query.pageSize ? pagination(query.page, Math.ceil(total / query.pageSize), (n) => link({ page: n === 1 ? '' : String(n) })) : null,
    noHits,
    csvHref: query && total > 0 ? hrefWith(raw, { page: '' }).replace('/search/', '/api/v1/search.csv') : null,
    groupLinks:
      query && total > 0
        ? TOTAL_GROUPS.map((g): Link => ({ label: GROUP_LABEL[g], href: link({ group: raw.group === g ? '' : g }) }))
        : [],
    totals: input.totals ? totalsView(input.totals, name, hrefWith(raw, { page: '', group: '' })) : null,
    places: (input.places ?? []).map((p): Link => {
      const above = [6, 9].filter((n) => n < p.code.length).map((n) => name(p.code.slice(0, n)));
      return { label: above.length > 0 ? `${p.name}（${above.join(' · ')}）` : p.name, href: p.code.length === 12 ? villageHref(p.code) : regionHref(p.code) };
    }),
  };
}

/**
 * Villages whose names contain a word (a bigram, or a single character typed alone) of the
 * query: someone who typed a village's name most likely wants its page.
 */
export function villagesMatching(divisions: readonly Division[], q: string, limit = 5): Division[] {
  const words = queryTokens(q).filter((t) => /\p{Script=Han}/u.test(t));
  if (words.length === 0) return [];
  const scored = divisions
    .filter((d) => d.level === 'village')
    .map((d) => ({ d, score: words.filter((w) => d.name.includes(w)).length }))
    .filter((x) => x.score > 0);
  scored.sort((a, b) => b.score - a.score || a.d.code.localeCompare(b.d.code));
  return scored.slice(0, limit).map((x) => x.d);
}

/** A search link: the given fields replace the request's; empty ones are left out. */
export function hrefWith(raw: RawSearchParams, overrides: RawSearchParams): string {
  const merged: RawSearchParams = { ...raw, ...overrides };
  return searchHref(SEARCH_FIELDS.map((f) => [f, merged[f] ?? ''] as const));
}

// ——— private helpers ———

const KINDS: readonly PublicationKind[] = PublicationKind.options;

function placeLabel(code: string, name: (code: string) => string): string {
  return [...new Set([code.slice(0, 6), code.slice(0, 9), code])].map(name).join(' · ');
}

function options(pairs: readonly (readonly [string, string])[], selected: string): SelectOption[] {
  return pairs.map(([value, label]) => ({ value, label, selected: value === selected }));
}

/** Previous/next and up to five numbered pages around the current one. */
function pagination(current: number, last: number, href: (n: number) => string): Pagination {
  const from = Math.max(1, Math.min(current - 2, last - 4));
  const to = Math.min(last, from + 4);
  const pages = [];
  for (let n = from; n <= to; n++) pages.push({ n, href: href(n), current: n === current });
  return {
    label: `第 ${current} / ${last} 页`,
    prev: current > 1 ? href(current - 1) : null,
    next: current < last ? href(current + 1) : null,
    pages,
  };
}

const GROUP_LABEL: Record<TotalGroup, string> = { village: '按村汇总', township: '按乡镇汇总', period: '按期间汇总' };
const GROUP_HEADER: Record<TotalGroup, string> = { village: '村', township: '乡镇（街道）', period: '期间' };
const SUMS = [
  ['income', '收入'],
  ['expense', '支出'],
  ['amount', '发放或租金'],
  ['budget', '预算'],
  ['contractAmount', '合同金额'],
  ['paid', '已付'],
] as const;

/** The totals as a table: a column for each amount some group has, in 元. */
function totalsView(totals: SearchTotals, name: (code: string) => string, closeHref: string): SearchPage['totals'] {
  const sums = SUMS.filter(([field]) => totals.rows.some((r) => r[field] !== null));
  return {
    title: `${GROUP_LABEL[totals.group]}（金额单位：元）`,
    note: totals.complete ? `共 ${totals.counted} 条结果。` : `结果超过 ${totals.counted.toLocaleString('en')} 条，这里只汇总了最新的 ${totals.counted.toLocaleString('en')} 条。`,
    closeHref,
    table: {
      columns: [{ label: GROUP_HEADER[totals.group], num: false, wide: true }, { label: '条数', num: true, wide: false }, ...sums.map(([, label]) => ({ label, num: true, wide: false }))],
      rows: totals.rows.map((r, i) => ({
        row: i + 1,
        cells: [totals.group === 'period' ? periodLabel(r.key) : name(r.key), String(r.rows), ...sums.map(([field]) => (r[field] === null ? '' : formatFen(r[field]!)))],
      })),
      totals: null,
      totalRows: totals.rows.length,
    },
  };
}

function summaryOf(q: string, total: number): string {
  if (total > 0) return q ? `找到 ${total} 条结果` : `共 ${total} 条，新的在前`;
  return q ? `没有找到与“${q}”相关的公开内容` : '没有符合这些条件的公开内容';
}

/** Said when a broad query's facets were counted over its newest matches only (SearchPage.window). */
function windowNote(window: number): string {
  return `结果较多，分类计数和按金额排序只统计了最新的 ${window.toLocaleString('en')} 条。加上县（区）、类型或日期条件可以缩小范围。`;
}
