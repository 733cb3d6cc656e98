import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { CHART_NAMES_FILE, CHARTS_FOLDER } from '../site/lib/urls.ts';
import { attachmentDisposition } from './attachment.ts';

/**
 * Serves the built site from disk. Pages are rebuilt in place (atomic renames), so every request
 * sees either the old or the new file, never half of one. Directory URLs without their trailing
 * slash redirect to it: the printed QR codes point at `/v/<code>/`.
 */
export function createStaticSite(siteDir: string): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (!path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path)) {
      const dir = join(siteDir, path);
      if (isInside(siteDir, dir) && existsSync(join(dir, 'index.html')) && statSync(dir).isDirectory()) {
        const url = new URL(c.req.url);
        return c.redirect(`${path}/${url.search}`, 301);
      }
    }
    await next();
  });
  app.use('*', async (c, next) => {
    await next();
    // a chart's numbers built with the site: a download, named in Chinese as the twins' are
    const chart = CHART_CSV.exec(c.req.path);
    if (c.res.status === 200 && chart) c.res.headers.set('Content-Disposition', attachmentDisposition(chart[2]!, await chartName(siteDir, chart[1]!, chart[2]!)));
    // HTML changes when its village publishes; media files are named by their content.
    if (c.res.status === 200) {
      c.res.headers.set('Cache-Control', c.req.path.startsWith('/media/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
    }
  });
  app.use('*', serveStatic({ root: siteDir }));
  return app;
}

/**
 * The browser scripts Astro bundles into `<clientDir>/_astro/` (the village search worker). Their
 * names carry a content hash, so they are cached for good; pages name the files of the bundle
 * they were rendered with.
 */
export function createAstroAssets(clientDir: string): Hono {
  const app = new Hono();
  app.use('/_astro/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/_astro/*', serveStatic({ root: clientDir }));
  return app;
}

/** The site's own 404 page, for every path nothing else answered. */
export function notFoundPage(siteDir: string) {
  return async (c: Context): Promise<Response> => {
    const page = join(siteDir, '404.html');
    const html = existsSync(page) ? await readFile(page, 'utf8') : '<!doctype html><meta charset="utf-8"><title>404</title><p>页面不存在 / Not found</p>';
    return c.html(html, 404);
  };
}

const CHART_CSV = new RegExp(`^(.*/${CHARTS_FOLDER}/)([a-z0-9-]+\\.csv)$`);

/** The Chinese name the build gave a chart's CSV (CHART_NAMES_FILE beside it), or its file name. */
async function chartName(siteDir: string, folder: string, file: string): Promise<string> {
  const names = join(siteDir, folder, CHART_NAMES_FILE);
  if (!isInside(siteDir, names)) return file;
  try {
    const found = (JSON.parse(await readFile(names, 'utf8')) as Record<string, unknown>)[file];
    return typeof found === 'string' ? found : file;
  } catch {
    return file; // built before names were kept, or being rewritten: the plain name will do
  }
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}
