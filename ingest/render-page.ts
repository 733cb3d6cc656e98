import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RenderFn } from '../site/build/page-builder.ts';
import type { PageModel } from '../site/lib/page-model.ts';

/**
 * A page rendered per request through the site's Astro bundle (the pages that depend on the
 * request: a form with its CSRF token, a lookup, a comparison). Astro answering anything but 200
 * means the page model and the page disagree: a bug, thrown rather than shown.
 */
export async function renderPage(c: Context, render: RenderFn, path: string, page: PageModel, status: ContentfulStatusCode, headers: Record<string, string>): Promise<Response> {
  const response = await render(`http://cunwu.invalid${path}`, { page });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`rendering ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return c.html(body, status, headers);
}
