import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The one port `npm start` serves: API, data twins and static pages side by side.
let portal: PortalFixture;
beforeAll(async () => {
  portal = await openPortalFixture();
});
afterAll(async () => {
  await portal?.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(portal.app.request(path, { headers }));

describe('the portal on one port', () => {
  it('redirects a village URL typed without its slash to the permanent one', async () => {
    const res = await get('/v/430802108214');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/v/430802108214/');
  });

  it('serves pages compressed for a slow phone network, revalidated after each publication', async () => {
    const res = await get('/v/430802108214/', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an unknown page with the site’s own 404 page, and an unknown API path with the JSON envelope', async () => {
    const page = await get('/no/such/page/');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('lang="zh-CN"');
    const api = await get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'route-not-found' } });
  });

  it('never serves files outside the built site', async () => {
    for (const path of ['/../portal.sqlite', '/%2e%2e/portal.sqlite', '/site.builds/', '/..%2fportal.sqlite']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
  });
});
