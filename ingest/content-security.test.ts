import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS, securityHeaders } from './content-security.ts';
import { createPortalApp } from './portal-app.ts';
import { testApp, type TestApp } from './test-support.ts';

// Issue 10, point 8: Strict-Transport-Security only when the portal is served over HTTPS (the
// request came over TLS, or the public base URL is https behind a TLS proxy), never on a plain-http one.

function app(baseUrl?: string, ownHeader?: string): Hono {
  const a = new Hono();
  a.use('*', securityHeaders(baseUrl === undefined ? {} : { baseUrl }));
  a.get('/x', (c) => {
    if (ownHeader) c.header('Strict-Transport-Security', ownHeader);
    return c.text('ok');
  });
  return a;
}

describe('Strict-Transport-Security', () => {
  it('is absent on a plain-http portal asked over http', async () => {
    for (const a of [app(), app('http://192.168.1.20:4321'), app('http://localhost:4321')]) {
      const res = await a.request('http://192.168.1.20:4321/x');
      expect(res.status).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      // the other headers are still there
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('is sent when the public address is https, though the proxy in front asks over http', async () => {
    const res = await app('https://cunwu.example.cn').request('http://127.0.0.1:4321/x');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
    expect(HSTS).toBe('max-age=15552000; includeSubDomains');
  });

  it('is sent when the request itself came over https', async () => {
    const res = await app('http://localhost:4321').request('https://cunwu.example.cn/x');
    expect(res.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('keeps a value a handler set itself', async () => {
    const res = await app('https://cunwu.example.cn', 'max-age=60').request('https://cunwu.example.cn/x');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=60');
  });
});

describe('the portal', () => {
  let plain: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    plain = await testApp({ baseUrl: 'http://localhost:4321' });
    secure = await testApp({ baseUrl: 'https://cunwu.example.cn' });
  });
  afterAll(async () => {
    await plain.cleanup();
    await secure.cleanup();
  });

  it('sends HSTS on every kind of answer only when its base URL is https', async () => {
    const portal = (t: TestApp) => createPortalApp({ store: t.store, clock: () => new Date(), config: t.config, siteDir: t.config.dataDir, afterPublish: async () => {} });
    for (const path of ['/healthz', '/api/v1/health', '/api/v1/publications/nope', '/no-such-page/']) {
      expect((await portal(plain).request(path)).headers.get('strict-transport-security'), path).toBeNull();
      expect((await portal(secure).request(path)).headers.get('strict-transport-security'), path).toBe(HSTS);
    }
  });
});
