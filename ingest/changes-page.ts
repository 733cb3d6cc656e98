import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Config } from '../data/config.ts';
import type { PortalStore } from '../data/store/portal-store.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import { buildChangesView } from '../site/lib/changes-view.ts';
import { regionHref, villageHref } from '../site/lib/urls.ts';
import { regionCache } from './region-cache.ts';
import { renderPage } from './render-page.ts';

/**
 * 改了什么 (issue 16): `/v/<village>/p/<id>/changes/`, a corrected version against the version that
 * replaced it, rendered per request from the store. A version not corrected (or not this village's)
 * has no such page.
 */
export function changesPage(deps: { store: Pick<PortalStore, 'getPublication' | 'getTakedown' | 'listDivisions' | 'divisionsVersion'>; config: Config; render: RenderFn; notFound: (c: Context) => Promise<Response> }): Hono {
  const routes = new Hono();
  const loadRegion = regionCache(deps.store, deps.config);
  routes.get('/v/:code{[0-9]{12}}/p/:id{[0-9a-z]{1,40}}/changes/', async (c) => {
    const before = await deps.store.getPublication(c.req.param('id'));
    if (!before || before.village !== c.req.param('code') || before.supersededBy === null) return deps.notFound(c);
    const after = await deps.store.getPublication(before.supersededBy);
    if (!after) return deps.notFound(c);
    const takenDown = (await deps.store.getTakedown(before.id)) !== null || (await deps.store.getTakedown(after.id)) !== null;
    const { byCode, site } = await loadRegion();
    const crumbs = [before.village.slice(0, 6), before.village.slice(0, 9), before.village].flatMap((code) => {
      const d = byCode.get(code);
      return d ? [{ name: d.name, href: code.length === 12 ? villageHref(code) : regionHref(code) }] : [];
    });
    const page = buildChangesView({ site, crumbs: [{ name: site.regionName, href: '/' }, ...crumbs], before, after, takenDown });
    return renderPage(c, deps.render, c.req.path, page, 200, { 'Cache-Control': 'public, max-age=0, must-revalidate' });
  });
  return routes;
}
