import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../data/config.ts';
import type { Publication } from '../data/publication.ts';
import type { Store } from '../data/store/store.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import { createPosterService, type PosterService } from '../site/poster/poster-service.ts';
import { createApp } from './app.ts';
import { createDataTwins } from './data-twins.ts';
import { posterRoutes } from './routes/posters.ts';
import { createSearchPage } from './search-page.ts';
import { createAstroAssets, createStaticSite, notFoundPage } from './static-site.ts';

export interface PortalDeps {
  store: Store;
  clock: () => Date;
  config: Config;
  siteDir: string;
  /** rebuilds the pages a new publication touches, before its 201 is sent */
  afterPublish: (p: Publication) => Promise<void>;
  /** the SSR bundle's renderer, for the pages rendered per request (search); without it /search/ is not served */
  render?: RenderFn;
  /** where `astro build` put the browser scripts (`_astro/`); the repository's dist/client by default */
  clientDir?: string;
  /** the QR posters, rendered on demand and cached; one with the defaults when not given */
  posters?: PosterService;
}

const ASTRO_CLIENT_DIR = fileURLToPath(new URL('../dist/client/', import.meta.url));

/** The whole portal on one port: the ingest API under /api/, the data twins, the built static site everywhere else. */
export function createPortalApp(deps: PortalDeps): Hono {
  const portal = new Hono();
  portal.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: 'same-origin' }));
  portal.use('*', compress());
  portal.route('/', createApp({ store: deps.store, clock: deps.clock, config: deps.config, afterPublish: deps.afterPublish }));
  portal.route('/', createDataTwins(deps.store, deps.config));
  const posters = deps.posters ?? createPosterService({ store: deps.store, config: deps.config, clock: deps.clock });
  portal.route('/', posterRoutes({ posters, notFound: notFoundPage(deps.siteDir) }));
  if (deps.render) portal.route('/', createSearchPage({ store: deps.store, config: deps.config, render: deps.render }));
  portal.route('/', createAstroAssets(deps.clientDir ?? ASTRO_CLIENT_DIR));
  portal.route('/', createStaticSite(deps.siteDir));
  // A mounted app's notFound does not apply to its parent: the portal names its own.
  portal.notFound(notFoundPage(deps.siteDir));
  return portal;
}
