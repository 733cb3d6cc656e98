import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{data,ingest,site,scripts,test}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // builds the Astro SSR bundle the site builder renders through (site/build/site-builder.ts)
    globalSetup: ['test/astro-build.global.ts'],
  },
});
