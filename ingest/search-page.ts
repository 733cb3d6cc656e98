import { Hono } from 'hono';
import type { Config } from '../data/config.ts';
import type { SearchPage as StoreSearchPage, Store } from '../data/store/store.ts';
import type { DivisionsVersion } from '../data/store/divisions-version.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import { regionCache, type RegionView } from './region-cache.ts';
import { buildSearchView, SEARCH_FIELDS, villagesMatching, type RawSearchParams } from '../site/lib/search-view.ts';
import { parseSearchParams } from './routes/search.ts';
import { placeIndex, type PlaceIndex } from '../data/place-finder.ts';
import { renderPage } from './render-page.ts';
import { sampleMarks } from './sample-marks.ts';
import { searchTotals } from './search-totals.ts';
import { TOTAL_GROUPS } from '../data/search/result-totals.ts';

export interface SearchPageDeps {
  store: Store & DivisionsVersion;
  config: Config;
  /** the SSR bundle's renderer (loadRenderer in site/build/page-builder.ts) */
  render: RenderFn;
}

/**
 * The portal's search page. Unlike every other page it depends on the query string, so it is
 * rendered per request through the same Astro bundle the static pages are built with; it is a
 * plain GET form and works with JavaScript off.
 */
export function createSearchPage(deps: SearchPageDeps): Hono {
  const app = new Hono();
  // the region's divisions as every page rendered per request reads them (re-read when they change)
  const region = regionCache(deps.store, deps.config);
  // per view of the divisions: a new view (the divisions changed) brings new ones; the place
  // finder only once a query needs it
  const names = new WeakMap<RegionView, Map<string, string>>();
  const places = new WeakMap<RegionView, PlaceIndex>();
  const loadRegion = async () => {
    const view = await region();
    let n = names.get(view);
    if (!n) names.set(view, (n = new Map(view.divisions.map((x) => [x.code, x.name]))));
    return { divisions: view.divisions, site: view.site, names: n };
  };
  const loadPlaces = async () => {
    const view = await region();
    let p = places.get(view);
    if (!p) places.set(view, (p = placeIndex(view.divisions)));
    return p;
  };
  app.get('/search', (c) => c.redirect(`/search/${new URL(c.req.url).search}`, 301));
  app.get('/search/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const raw = rawParams(params);
    const { divisions, names, site } = await loadRegion();

    // The bare page asks for a query; a submitted form runs, with no words too (browsing by the filters).
    const submitted = params.has('q') || FILTERS.some((f) => raw[f] !== undefined);
    const parsed = submitted ? parseSearchParams(params) : null;
    const query = parsed?.ok ? parsed.query : null;
    const errors = parsed && !parsed.ok ? parsed.issues.map((i) => i.message) : [];
    const result: StoreSearchPage | null = query ? await deps.store.search(query) : null;
    // 按村/乡镇/期间汇总: asked for by a link, as it reads every counted row's publication
    const group = TOTAL_GROUPS.find((g) => g === raw.group);
    const totals = query && group && result && result.total > 0 ? await searchTotals(deps.store, query, group) : null;
    const near = query && result?.total === 0 ? villagesMatching(divisions, query.q) : [];
    // a village's name or its pinyin's first letters: the place first, published or not
    const places = raw.q ? (await loadPlaces()).find(raw.q) : [];
    const sample = sampleMarks(deps.store);
    const samples = new Set<string>();
    for (const hit of result?.hits ?? []) if (await sample(hit.village, hit.publicationId)) samples.add(hit.publicationId);

    const page = buildSearchView({
      site,
      raw,
      query,
      errors,
      result,
      names,
      counties: divisions.filter((d) => d.level === 'county'),
      townships: divisions.filter((d) => d.level === 'township'),
      nearVillages: near,
      places,
      samples,
      totals,
    });
    return renderPage(c, deps.render, '/search/', page, errors.length > 0 ? 400 : 200, { 'Cache-Control': 'no-cache' });
  });
  return app;
}

// ——— private helpers ———

const FILTERS = ['county', 'township', 'village', 'kind', 'from', 'to', 'min', 'max', 'sort'] as const;

function rawParams(params: URLSearchParams): RawSearchParams {
  const raw: RawSearchParams = {};
  for (const field of SEARCH_FIELDS) {
    const v = params.get(field)?.trim();
    if (v) raw[field] = v.slice(0, 200);
  }
  return raw;
}
