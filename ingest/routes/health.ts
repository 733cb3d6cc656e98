import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { success } from '../envelope.ts';

/** A liveness check for the process supervisor and for officials wondering whether the API is up. */
export function healthRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  routes.get('/health', (c) => c.json(success({ status: 'ok', time: deps.clock().toISOString() })));
  return routes;
}

/**
 * The same check at `/healthz`, where load balancers and supervisors look by default. It answers
 * from the event loop, so a slow answer means the loop is held up (scripts/bench/stall-bench.ts
 * measures it while a maximum-size file is imported); never cached.
 */
export function healthzRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  routes.get('/healthz', (c) => c.json(success({ status: 'ok', time: deps.clock().toISOString() }), 200, { 'Cache-Control': 'no-store' }));
  return routes;
}
