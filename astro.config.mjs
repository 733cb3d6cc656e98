// @ts-check
import { defineConfig } from 'astro/config';
import cunwuAdapter from './site/adapter/cunwu-adapter.mjs';

// No usage data leaves a build machine. Astro has no config option for this, only the variable,
// which it reads after loading this file.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

/**
 * Astro renders the HTML, but pages are not emitted by `astro build`: the build produces one SSR
 * bundle and `site/build/site-builder.ts` renders each page into a file with its data in `locals`,
 * so one village can be rebuilt on its own in well under two seconds.
 */
export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  output: 'server',
  trailingSlash: 'always',
  adapter: cunwuAdapter(),
  // first view in one request: the small stylesheet goes inline into every page
  build: { inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  // no prefetch, no fonts, no integrations that fetch anything at build or run time
  prefetch: false,
  scopedStyleStrategy: 'class',
});
