import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { elderMode, elderModeRoutes } from './elder-mode.ts';

function app(): Hono {
  const a = new Hono();
  a.use('*', elderMode());
  a.route('/', elderModeRoutes());
  a.get('/v/', (c) => c.html('<!doctype html><html lang="zh-CN"><body>村</body></html>', 200, { ETag: '"abc"' }));
  a.get('/data.json', (c) => c.json({ ok: true }));
  return a;
}

describe('长辈模式', () => {
  it('switches with a cookie and goes back to the page it was chosen on, never to another site', async () => {
    const on = await app().request('/elder/?back=%2Fv%2F430802108214%2F');
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toBe('/v/430802108214/');
    expect(on.headers.get('set-cookie')).toMatch(/^cw_elder=1;/);
    const off = await app().request('/elder/?back=/', { headers: { cookie: 'cw_elder=1' } });
    expect(off.headers.get('set-cookie')).toMatch(/^cw_elder=0;/);
    for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'v/']) {
      expect((await app().request(`/elder/?back=${encodeURIComponent(back)}`)).headers.get('location')).toBe('/');
    }
  });

  it('marks the page for a reader who chose it, with its own ETag, and says every page varies by the cookie', async () => {
    const plain = await app().request('/v/');
    expect(await plain.text()).toContain('<html lang="zh-CN">');
    expect(plain.headers.get('vary')).toContain('Cookie');
    const elder = await app().request('/v/', { headers: { cookie: 'cw_elder=1' } });
    const body = await elder.text();
    expect(body).toContain('<html lang="zh-CN" class="elder">');
    // the page's length is the marked page's, never the plain one's (a browser would cut it short)
    const length = elder.headers.get('content-length');
    if (length !== null) expect(Number(length)).toBe(Buffer.byteLength(body));
    expect(elder.headers.get('etag')).toBe('"abc-elder"');
    expect(elder.headers.get('vary')).toContain('Cookie');
    // only HTML
    expect((await app().request('/data.json', { headers: { cookie: 'cw_elder=1' } })).headers.get('vary')).toBeNull();
  });
});
