import { Hono } from 'hono';
import type { Division } from '../../data/region.ts';
import type { Store } from '../../data/store/store.ts';
import type { AppDeps } from '../app.ts';
import { findVillage } from '../auth.ts';
import { success } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { summaryView, villageUrl } from '../views.ts';

/** A village as the public sees it: its names, where it sits, and what it currently publishes. */
export function villageRoutes(deps: AppDeps): Hono {
  const routes = new Hono();

  routes.get('/villages/:code', async (c) => {
    const found = await findVillage(deps.store, c.req.param('code'));
    if (!found.ok) return respond(c, found.failure);
    const village = found.village;
    const [ancestors, current] = await Promise.all([ancestorsOf(deps.store, village), deps.store.currentPublications(village.code)]);
    return c.json(
      success({
        village: {
          code: village.code,
          name: village.name,
          officialName: village.officialName,
          level: village.level,
          url: villageUrl(deps.config, village.code),
          ancestors: ancestors.map((d) => ({ code: d.code, level: d.level, name: d.name, officialName: d.officialName })),
        },
        publications: current.map((p) => summaryView(deps.config, p)),
      }),
    );
  });

  return routes;
}

/** Province first, township last; stops at the top of the loaded region or on a loop. */
async function ancestorsOf(store: Store, division: Division): Promise<Division[]> {
  const chain: Division[] = [];
  const seen = new Set([division.code]);
  let parent = division.parent;
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    const next = await store.getDivision(parent);
    if (!next) break;
    chain.unshift(next);
    parent = next.parent;
  }
  return chain;
}
