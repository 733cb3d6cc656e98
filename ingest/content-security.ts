import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { INLINE_SCRIPTS } from '../site/lib/inline-scripts.ts';

/**
 * The security headers of every portal response — pages, API, data twins, posters, the log,
 * errors, 404s and static files — through hono's secureHeaders, with one Content-Security-Policy.
 *
 * - Scripts: only files from this origin (the search worker under /_astro/) and the two inline
 *   scripts of site/lib/inline-scripts.ts, by their SHA-256, computed here from the same strings
 *   the pages render. No 'unsafe-inline', no 'unsafe-eval': stored markup that slipped past the
 *   escaping could still not run.
 * - Styles: 'unsafe-inline'. Astro inlines the stylesheet into every page (one request on a slow
 *   network, astro.config.mjs) and scoped component styles become `<style>` blocks; the village
 *   page sets widths with style attributes (progress bars), which no hash or nonce can allow in
 *   CSP 3 without 'unsafe-hashes'. Styles cannot run code; what injected CSS could still do
 *   (restyle a page, leak attribute values through url() requests) is cut by img-src and
 *   default-src 'self' — no request leaves the site — and by the escaping of all user text.
 * - img-src data: for the `<link rel="icon" href="data:,">` that stops browsers asking for
 *   /favicon.ico on every page.
 * - object-src 'none' everywhere except PDF responses (the posters), which get 'self': Chrome
 *   shows a PDF through its own internal `<embed>`, and versions that apply object-src to it show
 *   "this content is blocked" instead of the poster (crbug.com/271452). The Chromium the tests run
 *   shows it under either value; an official's older desktop Chrome may not, and a PDF has no
 *   markup of ours that an `<object>` could be injected into.
 *
 * `overwrite: false` keeps a header a handler set itself: the complaint pages' Referrer-Policy
 * (same-origin, see complaint-pages.ts) and the log's Cross-Origin-Resource-Policy (cross-origin,
 * so other sites can mirror it: routes/log.ts).
 *
 * Strict-Transport-Security only when the portal is served over HTTPS: the request itself came
 * over TLS, or the public address (PORTAL_BASE_URL, `baseUrl`) is https behind a TLS proxy. A
 * plain-http portal (a county intranet, a laptop demo at http://localhost) has no use for it, and
 * should its host name ever be reached over https once, browsers would then refuse it over http
 * for half a year.
 */
export function securityHeaders(options: { baseUrl?: string } = {}): MiddlewareHandler {
  const httpsSite = /^https:/i.test(options.baseUrl ?? '');
  const pdfPolicy = contentSecurityPolicy({ pdf: true });
  const headers = secureHeaders({
    contentSecurityPolicy: cspDirectives(),
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    permissionsPolicy: PERMISSIONS,
    strictTransportSecurity: false,
    overwrite: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if ((httpsSite || c.req.url.startsWith('https:')) && !c.res.headers.has('Strict-Transport-Security')) {
      c.res.headers.set('Strict-Transport-Security', HSTS);
    }
    if (/^application\/pdf\b/i.test(c.res.headers.get('Content-Type') ?? '')) {
      c.res.headers.set('Content-Security-Policy', pdfPolicy);
    }
  };
}

/** The policy as the header carries it; `pdf` for the variant PDF responses get (object-src 'self'). */
export function contentSecurityPolicy(options: { pdf?: boolean } = {}): string {
  return Object.entries(cspDirectives(options))
    .map(([name, values]) => `${kebab(name)} ${values.join(' ')}`)
    .join('; ');
}

/** `'sha256-…'` of one inline script's text, as CSP matches it (the UTF-8 bytes between the tags). */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Half a year, subdomains included: hono's default, stated here now that it is set by hand. */
export const HSTS = 'max-age=15552000; includeSubDomains';

/** The Permissions-Policy: none of the powerful features; the site needs none of them. */
export const PERMISSIONS = {
  camera: [],
  microphone: [],
  geolocation: [],
  payment: [],
  usb: [],
} satisfies Record<string, never[]>;

// ——— private helpers ———

function cspDirectives(options: { pdf?: boolean } = {}) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...inlineScriptHashes()],
    workerSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: [options.pdf ? "'self'" : "'none'"],
  };
}

let hashes: string[] | undefined;

/** Computed once, at the first call (when the portal app is built). */
function inlineScriptHashes(): string[] {
  hashes ??= Object.entries(INLINE_SCRIPTS).map(([file, text]) => {
    // The HTML parser would end the element early at `</script`, and the browser would hash less
    // than we did; `<!--` changes how the parser reads the rest of the script.
    if (/<\/script|<!--/i.test(text)) throw new Error(`the inline script of ${file} contains </script or <!--: it would not be the text the CSP hash covers`);
    return scriptHash(text);
  });
  return hashes;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}
