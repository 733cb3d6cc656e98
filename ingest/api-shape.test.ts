import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, FIXTURES, LONGGANG, MATOUXI, testApp, type TestApp } from './test-support.ts';

/**
 * Walks every route through its success and each of its failure statuses and checks that every
 * answer is the one envelope: JSON, a boolean `ok`, and on failure `error.code`, a bilingual
 * `error.message` and an `errors` array whose items say row, column, field and message.
 */

let t: TestApp;
let publicationId = '';
beforeAll(async () => {
  t = await testApp();
  const res = await t.app.request(`/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
    method: 'POST',
    body: FIXTURES.finance,
    headers: { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' },
  });
  publicationId = ((await res.json()) as { publication: { id: string } }).publication.id;
});
afterAll(async () => {
  await t.cleanup();
});

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: () => string;
  headers?: () => Record<string, string>;
  body?: () => Uint8Array<ArrayBuffer> | string;
  status: number;
  /** a success that is not JSON (the CSV download); its failures are still the envelope */
  contentType?: RegExp;
}

const csv = () => ({ ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
const upload = `/api/v1/villages/${MATOUXI}/publications`;

const CASES: Case[] = [
  { name: 'health', method: 'GET', path: () => '/api/v1/health', status: 200 },
  { name: 'village', method: 'GET', path: () => `/api/v1/villages/${MATOUXI}`, status: 200 },
  { name: 'village unknown', method: 'GET', path: () => '/api/v1/villages/430802108299', status: 404 },
  { name: 'village is a township', method: 'GET', path: () => '/api/v1/villages/430802108', status: 404 },
  { name: 'village list', method: 'GET', path: () => upload, status: 200 },
  { name: 'village list unknown', method: 'GET', path: () => '/api/v1/villages/999999999999/publications', status: 404 },
  { name: 'publication', method: 'GET', path: () => `/api/v1/publications/${publicationId}`, status: 200 },
  { name: 'publication unknown', method: 'GET', path: () => '/api/v1/publications/nope', status: 404 },
  { name: 'publication odd id', method: 'GET', path: () => '/api/v1/publications/%3Cscript%3E', status: 404 },
  { name: 'upload', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => FIXTURES.finance, status: 201 },
  { name: 'upload dry run', method: 'POST', path: () => `${upload}?kind=finance&dryRun=1`, headers: csv, body: () => FIXTURES.finance, status: 200 },
  { name: 'upload no kind', method: 'POST', path: () => upload, headers: csv, body: () => FIXTURES.finance, status: 400 },
  { name: 'upload empty', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => '', status: 400 },
  { name: 'upload bad key', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ ...csv(), 'idempotency-key': ' ' }), body: () => FIXTURES.finance, status: 400 },
  { name: 'upload no token', method: 'POST', path: () => `${upload}?kind=finance`, body: () => FIXTURES.finance, status: 401 },
  { name: 'upload bad token', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => bearer('cw_x'), body: () => FIXTURES.finance, status: 401 },
  { name: 'upload basic auth', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ authorization: 'Basic YTpi' }), body: () => FIXTURES.finance, status: 401 },
  { name: 'upload other village', method: 'POST', path: () => `/api/v1/villages/${LONGGANG}/publications?kind=finance`, headers: csv, body: () => FIXTURES.finance, status: 403 },
  { name: 'upload unknown village', method: 'POST', path: () => '/api/v1/villages/430802108299/publications?kind=finance', headers: csv, body: () => FIXTURES.finance, status: 404 },
  { name: 'upload too large', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => new Uint8Array(t.config.bodyLimitBytes + 1), status: 413 },
  { name: 'upload pdf', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => '%PDF-1.4 junk', status: 415 },
  { name: 'upload garbage csv', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => 'a,b\n1,2\n', status: 422 },
  { name: 'upload broken json', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ ...csv(), 'content-type': 'application/json' }), body: () => '{"kind": "finance", ', status: 422 },
  { name: 'upload broken multipart', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ ...csv(), 'content-type': 'multipart/form-data; boundary=zzz' }), body: () => 'not multipart', status: 400 },
  { name: 'search', method: 'GET', path: () => `/api/v1/search?q=${encodeURIComponent('土地流转')}&kind=finance&village=${MATOUXI}&sort=date`, status: 200 },
  { name: 'search no hits', method: 'GET', path: () => '/api/v1/search?q=zzzz', status: 200 },
  { name: 'search no q', method: 'GET', path: () => '/api/v1/search', status: 400 },
  { name: 'search bad amount', method: 'GET', path: () => '/api/v1/search?q=x&min=abc&pageSize=0', status: 400 },
  { name: 'search csv', method: 'GET', path: () => `/api/v1/search.csv?q=${encodeURIComponent('土地流转')}`, status: 200, contentType: /^text\/csv; charset=utf-8$/ },
  { name: 'search csv no q', method: 'GET', path: () => '/api/v1/search.csv', status: 400 },
  { name: 'search wrong method', method: 'POST', path: () => '/api/v1/search?q=x', status: 404 },
  { name: 'unknown api route', method: 'GET', path: () => '/api/v1/nothing-here', status: 404 },
  { name: 'wrong method', method: 'DELETE', path: () => `/api/v1/publications/${publicationId}`, status: 404 },
  { name: 'unversioned api', method: 'PUT', path: () => '/api/v2/villages', status: 404 },
];

describe('every API response is the one JSON envelope', () => {
  it.each(CASES)('$method $name → $status', async (c) => {
    const res = await t.app.request(c.path(), { method: c.method, headers: c.headers?.(), body: c.body?.() });
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    if (c.contentType) {
      expect(res.headers.get('content-type')).toMatch(c.contentType);
      return;
    }
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(typeof body.ok).toBe('boolean');
    expect(body.ok).toBe(c.status < 400);
    if (body.ok) return;
    const error = body.error as { code: unknown; message: unknown };
    expect(typeof error.code).toBe('string');
    expect(error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(Array.isArray(body.errors)).toBe(true);
    for (const issue of body.errors as Record<string, unknown>[]) {
      expect(Object.keys(issue)).toEqual(expect.arrayContaining(['row', 'column', 'field', 'message']));
      expect(typeof issue.message).toBe('string');
    }
    expect(text).not.toMatch(/at .*\.ts:\d+|SqliteError|TypeError/);
  });

  it('answers 500 with the envelope and no internals when a handler really fails', async () => {
    const broken = await testApp();
    await broken.store.close();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await broken.app.request(`/api/v1/villages/${MATOUXI}`);
      const text = await res.text();
      expect(res.status).toBe(500);
      const body = JSON.parse(text);
      expect(body).toMatchObject({ ok: false, error: { code: 'internal' }, errors: [] });
      expect(text).not.toMatch(/sqlite|database|\.ts/i);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      await broken.cleanup().catch(() => undefined);
    }
  });
});
