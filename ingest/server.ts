import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface ListenOptions {
  /**
   * How long a client may take to send one whole request, headers and body, before it is
   * answered 408 and disconnected: a Content-Length that promises more than is ever sent cannot
   * hold a connection longer. 5 minutes by default (Node's own default, stated here so it is a
   * decision): a 20 MB upload over a slow rural uplink needs minutes.
   */
  requestTimeoutMs?: number;
}

/** Listens; everything else is built by the caller. Resolves once the port is open. */
export function listen(app: Hono, port: number, host: string, options: ListenOptions = {}): Promise<{ close: () => Promise<void>; port: number }> {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port,
        hostname: host,
        serverOptions: {
          requestTimeout,
          // Node refuses a headers timeout longer than the request timeout.
          headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
          // Node looks for expired requests this often (30 s by default): a short timeout needs a shorter look.
          connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeout / 4))),
        },
      },
      (info) => {
        resolve({
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      },
    );
    server.once('error', reject);
  });
}

const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
/** Node's default: the request line and headers are small, a minute is plenty. */
const HEADERS_TIMEOUT_MS = 60_000;
