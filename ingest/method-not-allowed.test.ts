import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalApp } from './portal-app.ts';
import { MATOUXI, testApp, type TestApp } from './test-support.ts';

// Issue 10, point 8: a method a known path does not answer is 405 with Allow, not 404; an
// unknown path stays 404, and a route's own "not found" for a method it answers is left alone.

let t: TestApp;
let portal: Hono;
let siteDir: string;
beforeAll(async () => {
  t = await testApp();
  siteDir = mkdtempSync(join(tmpdir(), 'cunwu-405-'));
  mkdirSync(join(siteDir, 'v', MATOUXI), { recursive: true });
  writeFileSync(join(siteDir, 'v', MATOUXI, 'index.html'), '<!doctype html><title>马头溪村</title>');
  writeFileSync(join(siteDir, 'v', MATOUXI, 'data.csv'), 'a,b\r\n');
  const { privateKey } = generateKeyPairSync('ed25519');
  portal = createPortalApp({ store: t.store, clock: () => new Date(), config: t.config, siteDir, afterPublish: async () => {}, logSigner: { name: 'cunwu.example.cn/log', key: privateKey } });
});
afterAll(async () => {
  await t.cleanup();
  rmSync(siteDir, { recursive: true, force: true });
});

describe('a known path asked with a method it does not answer', () => {
  it.each([
    { method: 'DELETE', path: '/api/v1/publications/some-id', allow: 'GET, HEAD' },
    { method: 'PUT', path: `/api/v1/villages/${MATOUXI}/publications`, allow: 'GET, HEAD, POST' },
    { method: 'PATCH', path: `/api/v1/villages/${MATOUXI}`, allow: 'GET, HEAD' },
    { method: 'GET', path: '/api/v1/rectification/rounds/1/events', allow: 'POST' },
    { method: 'HEAD', path: '/api/v1/rectification/rounds/1/events', allow: 'POST' },
    { method: 'DELETE', path: '/api/v1/flag-settings/430802', allow: 'GET, HEAD, PUT' },
    { method: 'POST', path: '/api/v1/health', allow: 'GET, HEAD' },
    { method: 'POST', path: '/healthz', allow: 'GET, HEAD' },
  ])('is 405 with Allow in the envelope, from the API alone and from the portal: $method $path', async ({ method, path, allow }) => {
    for (const app of [t.app, portal]) {
      const res = await app.request(path, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      if (method === 'HEAD') continue;
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'method-not-allowed' } });
      expect(body.error.message).toBe(`接口 ${path} 不支持 ${method} 请求，只支持 ${allow.replace(/, /g, '、')} / Endpoint ${path} does not answer ${method}; it answers ${allow}`);
    }
  });

  it('is 405 for the log routes the portal mounts beside the API', async () => {
    const res = await portal.request('/api/v1/log/consistency?first=1&second=2', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method-not-allowed');
    const proof = await portal.request('/api/v1/publications/abc/proof', { method: 'POST' });
    expect(proof.status).toBe(405);
  });

  it('is 405 for the built site’s pages and files, which only GET and HEAD read, with the security headers', async () => {
    for (const path of [`/v/${MATOUXI}/`, `/v/${MATOUXI}/data.csv`]) {
      const res = await portal.request(path, { method: 'POST', body: 'x=1' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.text()).toBe('不支持这种请求方法 / Method not allowed');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });
});

describe('what stays as it was', () => {
  it('keeps 404 for paths nothing answers, whatever the method', async () => {
    for (const [method, path] of [
      ['DELETE', '/api/v1/nothing-here'],
      ['PUT', '/api/v2/villages'],
      ['POST', '/v/430802108299/'],
      ['POST', `/v/${MATOUXI}/../../etc/passwd`],
      ['POST', '/no-such-page/'],
      // Open311 keeps the spec's own error set
      ['DELETE', '/open311/v2/services.json'],
    ] as const) {
      const res = await portal.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('allow')).toBeNull();
    }
  });

  it('keeps a route’s own 404 for a method it answers', async () => {
    const res = await portal.request('/api/v1/publications/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('publication-not-found');
  });

  it('answers the methods a path has as before', async () => {
    expect((await portal.request(`/v/${MATOUXI}/`)).status).toBe(200);
    expect((await portal.request(`/v/${MATOUXI}/`, { method: 'HEAD' })).status).toBe(200);
    expect((await portal.request('/healthz')).status).toBe(200);
    expect((await t.app.request('/api/v1/flag-settings/430802')).status).toBe(200);
  });
});
