import { Hono } from 'hono';
import type { Store } from '../data/store/store.ts';
import { buildPublicationsView } from '../site/lib/console-publications-view.ts';
import { CONSOLE_PATHS } from '../site/lib/urls.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { consoleCommon, type ConsoleContext } from './console-common.ts';

/** 发布记录 in the console (site/lib/console-publications-view.ts says what each account sees). */
export function consolePublicationRoutes(deps: ConsoleContext & { store: ConsoleContext['store'] & Pick<Store, 'listPublications' | 'publicationStats'> }): Hono {
  const routes = new Hono();
  const common = consoleCommon(deps);
  routes.get('/console/publications', (c) => c.redirect(CONSOLE_PATHS.publications, 301));
  routes.get(CONSOLE_PATHS.publications, async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const { site, byCode } = await common.loadRegion();
    const own = me.account.scope.length === 12;
    const [versions, stats] = await Promise.all([own ? deps.store.listPublications(me.account.scope) : Promise.resolve([]), own ? Promise.resolve(new Map()) : deps.store.publicationStats(scopePrefix(me.account.scope))]);
    return common.html(c, buildPublicationsView({ site, account: me.account, divisions: byCode, versions, stats }));
  });
  return routes;
}
