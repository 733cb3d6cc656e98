import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../data/config.ts';
import type { Publication } from '../data/publication.ts';
import type { Store } from '../data/store/store.ts';
import { respond } from './http-errors.ts';
import { healthRoutes } from './routes/health.ts';
import { publicationRoutes } from './routes/publications.ts';
import { searchRoutes } from './routes/search.ts';
import { villageRoutes } from './routes/villages.ts';

/**
 * The ingest API: officials upload ledgers, subsidy lists and project lists; anyone reads what
 * was published. Everything it needs comes in `deps`, so tests run it with `app.request()`
 * against a real store in a temp folder, and the server wires the same app to a port.
 */
export interface AppDeps {
  store: Store;
  clock: () => Date;
  config: Config;
  /** rebuilds the village's static pages; awaited before answering 201, failures only logged */
  afterPublish?: (publication: Publication) => Promise<void>;
  /** publication ids; random by default */
  newId?: () => string;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.route('/api/v1', healthRoutes(deps));
  app.route('/api/v1', villageRoutes(deps));
  app.route('/api/v1', publicationRoutes(deps));
  app.route('/api/v1', searchRoutes(deps));

  // A catch-all inside the app (not only notFound) so unknown API paths still get the envelope
  // when the server mounts this app inside another one.
  app.all('/api/*', (c) => respond(c, { kind: 'route-not-found', method: c.req.method, path: c.req.path.slice(0, 200) }));
  app.notFound((c) => respond(c, { kind: 'route-not-found', method: c.req.method, path: c.req.path.slice(0, 200) }));

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 413) {
      return respond(c, { kind: 'payload-too-large', limitBytes: deps.config.bodyLimitBytes });
    }
    // Only bugs and infrastructure failures get here; the details go to the log, never to the client.
    console.error(`[ingest] ${c.req.method} ${c.req.path} failed:`, error);
    return respond(c, { kind: 'internal' });
  });
  return app;
}
