import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { contentSecurityPolicy, scriptHash } from '../../ingest/content-security.ts';
import { createPortalApp } from '../../ingest/portal-app.ts';
import { SERVER_ENTRY } from '../../scripts/lib/astro-bundle.ts';
import { seedDemo } from '../../scripts/lib/runtime.ts';
import { loadRenderer } from '../../site/build/page-builder.ts';
import { INLINE_SCRIPTS } from '../../site/lib/inline-scripts.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 6, hardening: security headers and one Content-Security-Policy on every response the
// portal gives — every kind of route, success and failure — and no inline script on any page
// (the whole demo portal, built, plus the pages rendered per request) that the policy does not
// allow by its hash.
const MATOUXI = '430802108214';

let portal: PortalFixture;
let publicationId = '';
let trackingCode = '';

beforeAll(async () => {
  portal = await openPortalFixture();
  // The demo portal's pages: the field samples and a few dozen generated ledgers.
  expect(await seedDemo(portal.store, portal.config, () => new Date())).toBeGreaterThan(10);
  publicationId = (await portal.publishLedger()).publication.id;
  await portal.builder.buildAll();
  const filed = await portal.app.request('/api/v1/complaints', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ village: MATOUXI, category: '财务公开', text: '七月的误工补贴没有领到。' }),
  });
  expect(filed.status).toBe(201);
  trackingCode = ((await filed.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
});

afterAll(async () => {
  await portal?.cleanup();
});

const POLICY_DIRECTIVES = [
  "default-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
];

function expectSecureHeaders(res: Response, what: string, expected: { referrer?: string; objectSrc?: string; corp?: string } = {}): void {
  const h = res.headers;
  const csp = h.get('content-security-policy') ?? '';
  const directives = csp.split(';').map((d) => d.trim());
  for (const d of POLICY_DIRECTIVES) expect(directives, `${what}: ${d}`).toContain(d);
  expect(directives, what).toContain(`object-src ${expected.objectSrc ?? "'none'"}`);
  const scripts = directives.find((d) => d.startsWith('script-src ')) ?? '';
  expect(scripts.split(' ').sort(), what).toEqual(['script-src', "'self'", ...Object.values(INLINE_SCRIPTS).map(scriptHash)].sort());
  expect(csp, what).not.toMatch(/unsafe-eval|(script|worker)-src[^;]*unsafe-inline/);
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('referrer-policy'), what).toBe(expected.referrer ?? 'no-referrer');
  expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(h.get('cross-origin-resource-policy'), what).toBe(expected.corp ?? 'same-origin');
  expect(h.get('permissions-policy'), what).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  expect(h.get('x-powered-by'), what).toBeNull();
}

interface Case {
  what: string;
  path: () => string;
  status: number;
  init?: () => RequestInit | Promise<RequestInit>;
  /** the start of the Content-Type, to be sure the case reached the route it names */
  type?: string;
  expected?: { referrer?: string; objectSrc?: string; corp?: string };
}

const json = { 'Content-Type': 'application/json' };
const CASES: Case[] = [
  { what: 'home page', path: () => '/', status: 200, type: 'text/html' },
  { what: 'village page', path: () => `/v/${MATOUXI}/`, status: 200, type: 'text/html' },
  { what: 'village page, gzip', path: () => `/v/${MATOUXI}/`, status: 200, type: 'text/html', init: () => ({ headers: { 'Accept-Encoding': 'gzip' } }) },
  { what: 'village page, HEAD', path: () => `/v/${MATOUXI}/`, status: 200, init: () => ({ method: 'HEAD' }) },
  { what: 'village URL without its slash', path: () => `/v/${MATOUXI}`, status: 301 },
  { what: 'publication page', path: () => `/v/${MATOUXI}/p/${publicationId}/`, status: 200, type: 'text/html' },
  { what: 'county page', path: () => '/r/430802/', status: 200, type: 'text/html' },
  { what: 'upload page', path: () => '/upload/', status: 200, type: 'text/html' },
  { what: 'village search index', path: () => `/v/${MATOUXI}/search-index.json`, status: 200, type: 'application/json' },
  { what: 'search worker under /_astro/', path: () => workerPath(), status: 200, type: 'text/javascript' },
  { what: 'search page', path: () => '/search/?q=%E8%A1%A5%E8%B4%B4', status: 200, type: 'text/html' },
  { what: 'search page with a bad query', path: () => '/search/?q=x&min=abc', status: 400, type: 'text/html' },
  { what: 'complaint page', path: () => `/v/${MATOUXI}/complaint/`, status: 200, type: 'text/html', expected: { referrer: 'same-origin' } },
  { what: 'tracking page', path: () => `/track/?code=${trackingCode}`, status: 200, type: 'text/html', expected: { referrer: 'same-origin' } },
  { what: 'tracking page, unknown code', path: () => '/track/?code=AAAAA-AAAAA', status: 404, type: 'text/html', expected: { referrer: 'same-origin' } },
  { what: 'village data twin (JSON)', path: () => `/v/${MATOUXI}/index.json`, status: 200, type: 'application/json' },
  { what: 'publication data twin (CSV)', path: () => `/v/${MATOUXI}/p/${publicationId}/index.csv`, status: 200, type: 'text/csv' },
  { what: 'poster PDF', path: () => `/v/${MATOUXI}/poster.pdf`, status: 200, type: 'application/pdf', expected: { objectSrc: "'self'" } },
  { what: 'poster preview PNG', path: () => `/v/${MATOUXI}/poster.png`, status: 200, type: 'image/png' },
  { what: 'poster with bad options', path: () => `/v/${MATOUXI}/poster.pdf?size=a9`, status: 400, type: 'text/html' },
  { what: 'log checkpoint', path: () => '/log/checkpoint', status: 200, type: 'text/plain', expected: { corp: 'cross-origin' } },
  { what: 'log leaves', path: () => '/log/leaves/0.json', status: 200, type: 'application/json', expected: { corp: 'cross-origin' } },
  { what: 'inclusion proof', path: () => `/api/v1/publications/${publicationId}/proof`, status: 200, type: 'application/json' },
  { what: 'API health', path: () => '/api/v1/health', status: 200, type: 'application/json' },
  { what: 'API publication', path: () => `/api/v1/publications/${publicationId}`, status: 200, type: 'application/json' },
  { what: 'API search', path: () => '/api/v1/search?q=%E8%A1%A5%E8%B4%B4', status: 200, type: 'application/json' },
  { what: 'API search CSV', path: () => '/api/v1/search.csv?q=%E8%A1%A5%E8%B4%B4', status: 200, type: 'text/csv' },
  { what: 'API unknown path', path: () => '/api/v1/nothing-here', status: 404, type: 'application/json' },
  { what: 'API upload without a token', path: () => `/api/v1/villages/${MATOUXI}/publications?kind=finance`, status: 401, init: () => ({ method: 'POST', body: 'a,b' }) },
  {
    what: 'API upload over the limit',
    path: () => `/api/v1/villages/${MATOUXI}/publications?kind=finance`,
    status: 413,
    type: 'application/json',
    init: async () => ({ method: 'POST', body: new Uint8Array(portal.config.bodyLimitBytes + 1), headers: { Authorization: `Bearer ${await portal.token(MATOUXI)}`, 'Content-Type': 'text/csv' } }),
  },
  { what: 'API complaint, bad JSON', path: () => '/api/v1/complaints', status: 400, type: 'application/json', init: () => ({ method: 'POST', body: '{', headers: json }) },
  { what: 'API complaint, wrong type', path: () => '/api/v1/complaints', status: 415, type: 'application/json', init: () => ({ method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } }) },
  { what: 'API complaint, invalid', path: () => '/api/v1/complaints', status: 422, type: 'application/json', init: () => ({ method: 'POST', body: '{}', headers: json }) },
  { what: 'Open311 services', path: () => '/open311/v2/services.json', status: 200, type: 'application/json' },
  { what: 'site 404 page', path: () => '/no/such/page/', status: 404, type: 'text/html' },
  { what: 'a path outside the site', path: () => '/%2e%2e/portal.sqlite', status: 404 },
];

describe('security headers on every response', () => {
  it.each(CASES)('$what', async (c) => {
    const res = await portal.app.request(c.path(), await c.init?.());
    expect(res.status, c.what).toBe(c.status);
    if (c.type) expect(res.headers.get('content-type') ?? '', c.what).toMatch(new RegExp(`^${c.type.replace('/', '\\/')}`));
    expectSecureHeaders(res, c.what, c.expected);
  });

  it('names the poster PDF as the one kind of response allowed to embed its own origin', () => {
    expect(contentSecurityPolicy({ pdf: true })).toBe(contentSecurityPolicy().replace("object-src 'none'", "object-src 'self'"));
  });

  it('sends them with a 500 too', async () => {
    // A store that fails under the API: the error envelope still carries the headers.
    const failing = new Proxy(portal.store as PortalStore, {
      get(target, prop) {
        if (prop === 'getPublication') return () => Promise.reject(new Error('disk gone'));
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const app = createPortalApp({
      store: failing,
      clock: () => new Date(),
      config: portal.config,
      siteDir: portal.siteDir,
      afterPublish: async () => {},
      render: await loadRenderer(SERVER_ENTRY),
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await app.request(`/api/v1/publications/${publicationId}`);
      expect(res.status).toBe(500);
      expectSecureHeaders(res, '500');
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('inline scripts on the pages', () => {
  it('allows every inline script of every built page and every page rendered per request by its hash, and nothing else inline', async () => {
    const allowed = new Set(Object.values(INLINE_SCRIPTS).map(scriptHash));
    const pages = new Map<string, string>();
    for (const file of htmlFiles(portal.siteDir)) pages.set(relative(portal.siteDir, file), readFileSync(file, 'utf8'));
    for (const path of [`/v/${MATOUXI}/complaint/?p=${publicationId}&r=5`, `/track/?code=${trackingCode}`, '/track/', '/search/?q=%E8%A1%A5%E8%B4%B4', '/search/', '/no/such/page/']) {
      pages.set(path, await (await portal.app.request(path)).text());
    }
    expect(pages.size).toBeGreaterThan(100);

    const seen = new Map<string, number>();
    for (const [page, html] of pages) {
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
        const attributes = m[1] ?? '';
        const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
        if (src !== undefined) {
          expect(src, `${page}: a script from elsewhere`).toMatch(/^\/(?!\/)/);
          continue;
        }
        const hash = scriptHash(m[2] ?? '');
        expect(allowed.has(hash), `${page}: an inline script whose hash ${hash} is not in the policy`).toBe(true);
        seen.set(hash, (seen.get(hash) ?? 0) + 1);
      }
      // Handlers in attributes and javascript: URLs need 'unsafe-inline': the policy would block them.
      for (const tag of html.matchAll(/<[a-z][^>]*>/gi)) {
        expect(tag[0], `${page}: an inline event handler`).not.toMatch(/\son[a-z]+\s*=/i);
        expect(tag[0], `${page}: a javascript: URL`).not.toMatch(/=\s*["']?\s*javascript:/i);
      }
    }
    // Both scripts are really on the pages (so the scan looked at what the policy allows).
    expect([...seen.keys()].sort()).toEqual([...allowed].sort());
  });
});

// ——— helpers ———

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

function workerPath(): string {
  const html = readFileSync(join(portal.siteDir, 'v', MATOUXI, 'index.html'), 'utf8');
  const url = /data-worker="([^"]+)"/.exec(html)?.[1];
  if (!url) throw new Error('the village page names no search worker');
  return url;
}
