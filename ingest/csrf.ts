import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { crockfordBase32 } from '../data/base32.ts';

/**
 * CSRF protection for forms posted from our own pages (the complaint form), which work without
 * JavaScript and so cannot add headers. Double submit: the page that shows a form sets a random
 * cookie and repeats its value in a hidden field; a post passes when both agree and, if the
 * browser says where the post comes from (Origin), it is this site. Another site can make a
 * browser post, but can neither read our cookie nor set it. JSON posts (fetch with a JSON body)
 * need none of this: a cross-site page cannot send them without a CORS preflight we never allow.
 */
export const CSRF_COOKIE = 'cw_csrf';
export const CSRF_FIELD = '_csrf';

/** The token to put in a form's hidden CSRF_FIELD; sets the cookie when the browser has none yet. */
export function csrfToken(c: Context): string {
  const current = getCookie(c, CSRF_COOKIE);
  if (current && TOKEN.test(current)) return current;
  const token = crockfordBase32(randomBytes(20));
  setCookie(c, CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' });
  return token;
}

/** Whether a form post carries the field its page was given, from this site. */
export function csrfValid(c: Context, field: string | undefined, siteOrigins: readonly string[]): boolean {
  const origin = c.req.header('Origin');
  if (origin !== undefined && origin !== 'null' && !siteOrigins.includes(origin) && origin !== new URL(c.req.url).origin) return false;
  if (origin === 'null') return false;
  // Browsers that send no Origin on a form post still say where it came from here.
  if (c.req.header('Sec-Fetch-Site') === 'cross-site') return false;
  const cookie = getCookie(c, CSRF_COOKIE);
  if (!cookie || !field || !TOKEN.test(cookie) || cookie.length !== field.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}

// ——— private helpers ———

const TOKEN = /^[0-9a-z]{32}$/;
