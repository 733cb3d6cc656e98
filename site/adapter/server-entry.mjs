// @ts-check
import { App } from 'astro/app';
import { createExports as createNodeExports } from '@astrojs/node/server.js';

/**
 * The SSR entry: everything @astrojs/node exports (handler, startServer, options) plus
 * `render(url, locals)`, used by site/build/site-builder.ts to write pages to files.
 * @param {import('astro').SSRManifest} manifest
 * @param {any} options
 */
export function createExports(manifest, options) {
  memoiseLoaders(manifest);
  // Not streamed: the builder wants the whole page as one string.
  const app = new App(manifest, false);
  /**
   * @param {string} url absolute URL of the page, e.g. http://localhost/v/430802108214/
   * @param {object} locals the page's view model, read by the page as Astro.locals
   * @returns {Promise<Response>}
   */
  async function render(url, locals) {
    const request = new Request(url);
    // No match renders the 404 page with its 404 status.
    return app.render(request, { routeData: app.match(request), locals });
  }
  return { ...createNodeExports(manifest, options), render };
}

/**
 * The manifest loads page modules with `() => import(...)` on every request. Node caches the
 * module, but each import() still runs the resolve hooks of any registered loader (tsx, when the
 * portal runs from TypeScript), which costs a cross-thread round trip per page. Loading each
 * module once keeps a full build from spending most of its time there.
 * @param {any} manifest
 */
function memoiseLoaders(manifest) {
  if (manifest.pageMap instanceof Map) {
    for (const [component, load] of manifest.pageMap) manifest.pageMap.set(component, once(load));
  }
  for (const key of ['middleware', 'actions']) {
    if (typeof manifest[key] === 'function') manifest[key] = once(manifest[key]);
  }
}

/**
 * @template T
 * @param {() => T} load
 * @returns {() => T}
 */
function once(load) {
  /** @type {{ value: T } | undefined} */
  let cached;
  return () => (cached ??= { value: load() }).value;
}
