import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * 长辈模式 (issue 16): larger text, stronger contrast and bigger targets, for elder readers, chosen
 * with a visible link on every page and remembered without JavaScript. The choice is a cookie; the
 * pages stay one set of static files, and every HTML answer to a reader who chose it has
 * `class="elder"` on its <html> (site.css says what changes). HTML varies by the cookie, so a
 * shared cache keeps the two apart and a browser's own copy is never the other mode's.
 */
export const ELDER_COOKIE = 'cw_elder';
export const ELDER_HREF = '/elder/';

/** The switch: turns the mode on or off and goes back to the page it was chosen on. */
export function elderModeRoutes(): Hono {
  const routes = new Hono();
  routes.get('/elder', (c) => c.redirect(`${ELDER_HREF}${new URL(c.req.url).search}`, 301));
  routes.get(ELDER_HREF, (c) => {
    const on = !isElder(c);
    setCookie(c, ELDER_COOKIE, on ? '1' : '0', { path: '/', maxAge: 400 * 24 * 3600, sameSite: 'Lax', httpOnly: true, secure: new URL(c.req.url).protocol === 'https:' });
    c.header('Cache-Control', 'no-store');
    return c.redirect(safeBack(c.req.query('back')), 303);
  });
  return routes;
}

/** Marks the <html> of every HTML answer for a reader in 长辈模式; says on every HTML answer that it varies by cookie. */
export function elderMode(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
    c.res.headers.append('Vary', 'Cookie');
    if (!isElder(c) || c.res.status === 304) return;
    const html = await c.res.text();
    const headers = new Headers(c.res.headers);
    headers.delete('Content-Length');
    const etag = headers.get('ETag');
    if (etag) headers.set('ETag', etag.replace(/"$/, '-elder"'));
    const status = c.res.status;
    // Hono copies the old response's headers onto a new one (its length, its ETag): cleared first
    c.res = undefined as unknown as Response;
    c.res = new Response(html.replace(/<html lang="zh-CN"/, '<html lang="zh-CN" class="elder"'), { status, headers });
  };
}

// ——— private helpers ———

function isElder(c: Context): boolean {
  return getCookie(c, ELDER_COOKIE) === '1';
}

/** A path of this site only: never another site (//host, \host, a full URL) to redirect to. */
function safeBack(back: string | undefined): string {
  if (!back || !/^\/(?![/\\])[^\s]*$/.test(back) || back.length > 300) return '/';
  return back;
}
