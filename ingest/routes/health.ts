import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { success } from '../envelope.ts';

/** A liveness check for the process supervisor and for officials wondering whether the API is up. */
export function healthRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  routes.get('/health', (c) => c.json(success({ status: 'ok', time: deps.clock().toISOString() })));
  return routes;
}
