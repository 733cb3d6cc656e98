import { Hono } from 'hono';
import type { Config } from '../data/config.ts';
import type { Division } from '../data/region.ts';
import type { SearchPage as StoreSearchPage, Store } from '../data/store/store.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import type { SiteInfo } from '../site/lib/page-model.ts';
import { buildSearchView, SEARCH_FIELDS, villagesMatching, type RawSearchParams } from '../site/lib/search-view.ts';
import { parseSearchParams } from './routes/search.ts';

export interface SearchPageDeps {
  store: Store;
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
  app.get('/search', (c) => c.redirect(`/search/${new URL(c.req.url).search}`, 301));
  app.get('/search/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const raw = rawParams(params);
    const divisions = await regionDivisions(deps);
    const byCode = new Map(divisions.map((d) => [d.code, d]));

    // The empty form is not an error: the page asks for a query instead.
    const parsed = raw.q ? parseSearchParams(params) : null;
    const query = parsed?.ok ? parsed.query : null;
    const errors = parsed && !parsed.ok ? parsed.issues.map((i) => i.message) : [];
    const result: StoreSearchPage | null = query ? await deps.store.search(query) : null;

    const names = new Map<string, string>();
    const name = async (code: string) => {
      if (names.has(code)) return;
      const d = byCode.get(code) ?? (await deps.store.getDivision(code));
      if (d) names.set(code, d.name);
    };
    const codes = new Set<string>(Object.keys(result?.facets.county ?? {}));
    for (const hit of result?.hits ?? []) for (const code of [hit.village, hit.village.slice(0, 9), hit.village.slice(0, 6)]) codes.add(code);
    for (const code of [raw.village, raw.township]) if (code && /^\d{9}(\d{3})?$/.test(code)) for (const c2 of [code, code.slice(0, 9), code.slice(0, 6)]) codes.add(c2);
    const near = query && result?.total === 0 ? villagesMatching(divisions, query.q) : [];
    for (const v of near) for (const code of [v.code, v.code.slice(0, 9), v.code.slice(0, 6)]) codes.add(code);
    for (const code of codes) await name(code);

    const page = buildSearchView({
      site: siteInfo(deps.config, byCode),
      raw,
      query,
      errors,
      result,
      names,
      counties: divisions.filter((d) => d.level === 'county'),
      nearVillages: near,
    });
    const response = await deps.render(`http://cunwu.invalid/search/`, { page });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`rendering /search/ answered ${response.status}: ${html.slice(0, 300)}`);
    return c.html(html, errors.length > 0 ? 400 : 200, { 'Cache-Control': 'no-cache' });
  });
  return app;
}

// ——— private helpers ———

const SITE_NAME = '阳光村务';

function rawParams(params: URLSearchParams): RawSearchParams {
  const raw: RawSearchParams = {};
  for (const field of SEARCH_FIELDS) {
    const v = params.get(field)?.trim();
    if (v) raw[field] = v.slice(0, 200);
  }
  return raw;
}

/** The configured region's divisions (as the site builder loads them), for names, the county select and village suggestions. */
async function regionDivisions(deps: SearchPageDeps): Promise<Division[]> {
  const divisions = await deps.store.listDivisions(deps.config.region);
  return divisions.length > 0 ? divisions : deps.store.listDivisions('');
}

function siteInfo(config: Config, byCode: ReadonlyMap<string, Division>): SiteInfo {
  return { name: SITE_NAME, regionName: byCode.get(config.region)?.name ?? '', baseUrl: config.baseUrl };
}
