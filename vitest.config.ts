import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Projects in one run. `all`: every test, the API tests on SQLite. Then the API tests again on
 * PostgreSQL (issue 14), through the same ingest/test-support.ts: `api-postgres` on the real server
 * at PORTAL_TEST_DATABASE_URL when it is set or under CI=true (where its absence fails these tests
 * instead of skipping them), else `api-pglite`, in-process (PORTAL_TEST_API_STORE=pglite). Left out of both: the ingest test files that make no test app
 * (they open their own SQLite store or none), and those about what is refused before the store is
 * asked anything — body limits, file types, images, headers, methods, the upload fuzz — which
 * would only run again unchanged and cost the suite a minute.
 */
const ALL = ['{data,ingest,site,scripts,test}/**/*.test.ts'];
const WITHOUT_TEST_APP = [
  'ingest/client-address.test.ts',
  'ingest/import-pool.test.ts',
  'ingest/rate-limit.test.ts',
  'ingest/shared-rate-limit.test.ts',
  'ingest/upload-stall.test.ts',
  'ingest/routes/posters.test.ts',
  'ingest/routes/power-pdf.test.ts',
  'ingest/page-view-counter.test.ts',
];
const BEFORE_THE_STORE = [
  'ingest/body-limit.test.ts',
  'ingest/content-security.test.ts',
  'ingest/method-not-allowed.test.ts',
  'ingest/photos-hardening.test.ts',
  'ingest/upload-fuzz.test.ts',
  'ingest/upload-magic.test.ts',
];

const API_TESTS = { include: ['ingest/**/*.test.ts'], exclude: [...configDefaults.exclude, ...WITHOUT_TEST_APP, ...BEFORE_THE_STORE] };
const onServer = Boolean(process.env.PORTAL_TEST_DATABASE_URL?.trim()) || process.env.CI === 'true' || process.env.CI === '1';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker keeps the modules the files before it imported (2026-12-07: importing took 415 s of
    // the suite's 1,363 s of test time, 880–897 s wall; without isolation 509 s). So a test file
    // must not rely on fresh module state: none mocks modules, and the one that sets TZ restores it.
    isolate: false,
    // both cores: vitest's default on a 2-core machine is one worker (cores − 1), which made the
    // suite take 570 s against a limit of 600; with two it takes about 400 s
    maxWorkers: 2,
    // builds the Astro SSR bundle the site builder renders through (site/build/site-builder.ts);
    // names and, at the end, drops the schemas the run makes on the test server
    globalSetup: ['test/astro-build.global.ts', 'test/pg-schemas.global.ts'],
    projects: [
      { extends: true, test: { name: 'all', include: ALL } },
      // The API tests on PostgreSQL: on the real server where there is one (CI), else in-process on
      // PGlite, so `npm test` runs them on a fresh laptop too. Both at once cost the suite 80 s of its
      // ten minutes on this 2-core machine (2026-12-07: 697 s); the contract suites still run on all
      // three backends (pgBackends), so PGlite's own behaviour stays covered in CI.
      onServer
        ? { extends: true as const, test: { name: 'api-postgres', ...API_TESTS, env: { PORTAL_TEST_API_STORE: 'postgres' } } }
        : { extends: true as const, test: { name: 'api-pglite', ...API_TESTS, env: { PORTAL_TEST_API_STORE: 'pglite' } } },
    ],
  },
});
