import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{data,ingest,site,scripts,test}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // both cores: vitest's default on a 2-core machine is one worker (cores − 1), which made the
    // suite take 570 s against a limit of 600; with two it takes about 400 s
    maxWorkers: 2,
    // builds the Astro SSR bundle the site builder renders through (site/build/site-builder.ts)
    globalSetup: ['test/astro-build.global.ts'],
  },
});
