import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** Listens; everything else is built by the caller. Resolves once the port is open. */
export function listen(app: Hono, port: number, host: string): Promise<{ close: () => Promise<void>; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
