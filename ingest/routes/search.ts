import { attachmentDisposition } from '../attachment.ts';
import { Hono } from 'hono';
import { parseAmount } from '../../data/money.ts';
import { PublicationKind } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import { snippet, type SnippetSegment } from '../../data/search/snippet.ts';
import { MAX_SEARCH_PAGE_SIZE, type SearchHit, type SearchQuery, type Store } from '../../data/store/store.ts';
import { KIND_LABEL } from '../../site/lib/format.ts';
import { publicationHref } from '../../site/lib/urls.ts';
import type { AppDeps } from '../app.ts';
import { fieldIssue, success, type ApiIssue } from '../envelope.ts';
import { searchExportCsv } from '../search-export.ts';
import { searchTotals } from '../search-totals.ts';
import { TOTAL_GROUPS } from '../../data/search/result-totals.ts';
import { periodLabel } from '../../data/period.ts';
import { respond } from '../http-errors.ts';

/**
 * Full-text search over the rows of every current publication, and the same result set as CSV.
 * Rows are indexed as published (ID numbers already masked, phone and bank-card numbers not
 * indexed), so nothing here can reveal more than the publication pages do.
 */
export function searchRoutes(deps: AppDeps): Hono {
  const routes = new Hono();

  routes.get('/search', async (c) => {
    const parsed = parseSearchParams(new URL(c.req.url).searchParams);
    if (!parsed.ok) return respond(c, { kind: 'bad-request', issues: parsed.issues });
    const query = parsed.query;
    const page = await deps.store.search(query);
    const names = divisionNames(deps.store);
    const county: Record<string, { name: string; count: number }> = {};
    for (const [code, count] of Object.entries(page.facets.county)) county[code] = { name: (await names(code)) ?? code, count };
    const results = [];
    for (const hit of page.hits) results.push(await resultView(deps, names, hit, query.q));
    return c.json(
      success({
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
        fallback: page.fallback,
        window: page.window,
        facets: { county, kind: page.facets.kind },
        results,
      }),
    );
  });

  routes.get('/search/totals', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const parsed = parseSearchParams(params);
    const group = TOTAL_GROUPS.find((g) => g === (params.get('group')?.trim() || 'village'));
    const issues = [...(parsed.ok ? [] : parsed.issues), ...(group ? [] : [fieldIssue('invalid-parameter', 'group', '汇总方式须为 village（按村）、township（按乡镇）或 period（按期间）', 'group must be village, township or period')])];
    if (!parsed.ok || !group) return respond(c, { kind: 'bad-request', issues });
    const { page: _page, pageSize: _size, ...query } = parsed.query;
    const totals = await searchTotals(deps.store, query, group);
    const names = divisionNames(deps.store);
    const rows = [];
    for (const r of totals.rows) rows.push({ ...r, name: group === 'period' ? periodLabel(r.key) : ((await names(r.key)) ?? r.key) });
    return c.json(success({ group, counted: totals.counted, complete: totals.complete, rows }));
  });

  routes.get('/search.csv', async (c) => {
    const parsed = parseSearchParams(new URL(c.req.url).searchParams);
    if (!parsed.ok) return respond(c, { kind: 'bad-request', issues: parsed.issues });
    const { page: _page, pageSize: _size, ...query } = parsed.query;
    const hits = await deps.store.searchHits(query, CSV_ROW_CAP);
    const names = divisionNames(deps.store);
    const csv = await searchExportCsv(deps.store, hits, { place: (village) => placeOf(names, village), url: (hit) => resultUrl(deps, hit) });
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentDisposition('search.csv', '搜索结果.csv'),
    });
  });

  return routes;
}

/** Rows in one CSV download, in the page order; a larger result set is cut here (the JSON total says how many there are). */
export const CSV_ROW_CAP = 10_000;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_QUERY_CHARS = 100;
const MAX_PAGE = 1_000;

export type SearchParams = { ok: true; query: SearchQuery } | { ok: false; issues: ApiIssue[] };

/**
 * The query string of a search, checked field by field: every bad field is named, Chinese first.
 * Amounts are yuan as people type them (20,150.00 / 20150元) and become fen.
 */
export function parseSearchParams(params: URLSearchParams): SearchParams {
  const issues: ApiIssue[] = [];
  const get = (name: string): string | undefined => {
    const v = params.get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const bad = (field: string, zh: string, en: string) => issues.push(fieldIssue('invalid-parameter', field, zh, en));

  // no q (or an empty one): browsing, every row the filters let through
  const q = get('q') ?? '';
  if (Array.from(q).length > MAX_QUERY_CHARS) bad('q', `搜索内容不能超过 ${MAX_QUERY_CHARS} 个字`, `q must be at most ${MAX_QUERY_CHARS} characters`);

  const code = (field: 'county' | 'township' | 'village', digits: number, zh: string): string | undefined => {
    const v = get(field);
    if (v !== undefined && !new RegExp(`^\\d{${digits}}$`).test(v)) bad(field, `${zh}代码须为 ${digits} 位数字`, `${field} must be a ${digits}-digit code`);
    return v;
  };
  const county = code('county', 6, '县（区）');
  const township = code('township', 9, '乡镇');
  const village = code('village', 12, '村');

  const kindText = get('kind');
  const kind = kindText === undefined ? undefined : KINDS.find((k) => k === kindText);
  if (kindText !== undefined && !kind) bad('kind', '类型须为 finance（财务收支）、subsidy（补贴发放）、project（工程项目）、contract（资产资源合同）或 statement（财务报表）', 'kind must be finance, subsidy, project, contract or statement');

  const date = (field: 'from' | 'to'): string | undefined => {
    const v = get(field);
    if (v !== undefined && !isIsoDate(v)) bad(field, `${field === 'from' ? '开始' : '结束'}日期须为 YYYY-MM-DD，例如 2026-07-01`, `${field} must be a date YYYY-MM-DD`);
    return v;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && isIsoDate(from) && isIsoDate(to) && from > to) bad('to', '结束日期早于开始日期', 'to is before from');

  const amount = (field: 'min' | 'max'): number | undefined => {
    const v = get(field);
    if (v === undefined) return undefined;
    const parsed = parseAmount(v);
    if (parsed.kind === 'ok') return parsed.fen;
    const [zh, en] = parsed.kind === 'invalid' ? [parsed.reason, parsed.reasonEn] : ['不是金额', 'not an amount'];
    bad(field, `${field === 'min' ? '最低' : '最高'}金额（元）有误：${zh}`, `${field} (yuan) is invalid: ${en}`);
    return undefined;
  };
  const min = amount('min');
  const max = amount('max');
  if (min !== undefined && max !== undefined && min > max) bad('max', '最高金额小于最低金额', 'max is less than min');

  const sortText = get('sort') ?? 'relevance';
  const sort = SORTS.find((x) => x === sortText);
  if (!sort) bad('sort', '排序须为 relevance（相关度）、date（日期）或 amount（金额）', 'sort must be relevance, date or amount');
  const page = positiveInt(get('page'), 1, MAX_PAGE, () => bad('page', `页码须为 1 到 ${MAX_PAGE} 的整数`, `page must be an integer from 1 to ${MAX_PAGE}`));
  const pageSize = positiveInt(get('pageSize'), DEFAULT_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE, () =>
    bad('pageSize', `每页条数须为 1 到 ${MAX_SEARCH_PAGE_SIZE} 的整数`, `pageSize must be an integer from 1 to ${MAX_SEARCH_PAGE_SIZE}`),
  );

  if (issues.length > 0) return { ok: false, issues };
  const query: SearchQuery = { q, sort: sort ?? 'relevance', page, pageSize };
  if (county) query.county = county;
  if (township) query.township = township;
  if (village) query.village = village;
  if (kind) query.kind = kind;
  if (from) query.from = from;
  if (to) query.to = to;
  if (min !== undefined) query.min = min;
  if (max !== undefined) query.max = max;
  return { ok: true, query };
}

/** Looks a division's name up once per request, however many hits share it. */
export function divisionNames(store: Store): (code: string) => Promise<string | null> {
  const cache = new Map<string, Promise<Division | null>>();
  return async (code) => {
    let found = cache.get(code);
    if (!found) {
      found = store.getDivision(code);
      cache.set(code, found);
    }
    return (await found)?.name ?? null;
  };
}

export interface Place {
  code: string;
  name: string;
  township: string;
  county: string;
}

export async function placeOf(names: (code: string) => Promise<string | null>, village: string): Promise<Place> {
  const [name, township, county] = await Promise.all([names(village), names(village.slice(0, 9)), names(village.slice(0, 6))]);
  return { code: village, name: name ?? village, township: township ?? village.slice(0, 9), county: county ?? village.slice(0, 6) };
}

/** The publication page, at the row's anchor (row 0 is the title and notes: the page itself). */
export function resultHref(hit: Pick<SearchHit, 'village' | 'publicationId' | 'row'>): string {
  return `${publicationHref(hit.village, hit.publicationId)}${hit.row > 0 ? `#r${hit.row}` : ''}`;
}

// ——— private helpers ———

const KINDS: readonly PublicationKind[] = PublicationKind.options;
const SORTS: readonly SearchQuery['sort'][] = ['relevance', 'date', 'amount'];

function resultUrl(deps: AppDeps, hit: SearchHit): string {
  return `${deps.config.baseUrl}${resultHref(hit)}`;
}

async function resultView(deps: AppDeps, names: (code: string) => Promise<string | null>, hit: SearchHit, q: string) {
  const segments: SnippetSegment[] = snippet(hit.text, q);
  return {
    village: await placeOf(names, hit.village),
    publication: { id: hit.publicationId, kind: hit.kind, period: hit.period, url: `${deps.config.baseUrl}${publicationHref(hit.village, hit.publicationId)}` },
    row: hit.row,
    snippet: segments,
    url: resultUrl(deps, hit),
  };
}

function positiveInt(text: string | undefined, fallback: number, max: number, onBad: () => void): number {
  if (text === undefined) return fallback;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    onBad();
    return fallback;
  }
  return n;
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
