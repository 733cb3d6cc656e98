import { existsSync } from 'node:fs';

/**
 * What the test machine offers. Tests that need Chromium may skip on a laptop without it, but
 * under CI=true they must run: a missing browser there is a failure, not a skip.
 */
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export const chromiumPath: string | null = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;

export function requireChromium(): string {
  if (chromiumPath) return chromiumPath;
  throw new Error('Chromium not found at /usr/bin/chromium: `apt-get install -y chromium` (required under CI=true)');
}

/**
 * The PostgreSQL server the tests may use (issue 14): `.ci/run` sets it to the machine's server.
 * Without it the PostgreSQL suites run on PGlite only; under CI=true its absence is a failure.
 */
export const testDatabaseUrl: string | null = process.env.PORTAL_TEST_DATABASE_URL?.trim() || null;

/**
 * The store the API tests (ingest/test-support.ts) run on: SQLite by default; `pglite` and
 * `postgres` (the server at PORTAL_TEST_DATABASE_URL) in the second and third runs of the same
 * files that vitest.config.ts's `api-pglite` and `api-postgres` projects make (issue 14).
 */
export const apiTestStore: 'sqlite' | 'pglite' | 'postgres' =
  process.env.PORTAL_TEST_API_STORE === 'pglite' ? 'pglite' : process.env.PORTAL_TEST_API_STORE === 'postgres' ? 'postgres' : 'sqlite';
