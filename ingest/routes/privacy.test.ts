import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutputWriter } from '../../site/build/output-writer.ts';
import { findingsLedger, privacyFindingsPath } from '../../site/build/privacy-findings.ts';
import { bearer, json, LONGGANG, MATOUXI, testApp, type TestApp } from '../test-support.ts';
import { privacyRoutes } from './privacy.ts';

// The staff's list of withheld files (GET /api/v1/privacy/findings): township, county and wider
// tokens, each seeing its own scope and the shared pages; never a village token, never a raw number.
const RAW_ID = '430802196401241328';
const MASKED_ID = '430802********1328';
let t: TestApp;
let app: Hono;

beforeAll(async () => {
  t = await testApp();
  app = new Hono().route('/api/v1', privacyRoutes({ store: t.store, config: t.config }));
});
afterAll(async () => {
  await t.cleanup();
});

const get = (token?: string) => app.request('/api/v1/privacy/findings', { headers: token ? bearer(token) : {} });

describe('GET /api/v1/privacy/findings', () => {
  it('answers an empty list before any build has written one', async () => {
    const res = await get(t.tokens.region);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true, updatedAt: null, count: 0, findings: [] });
  });

  it('lists what the guard withheld, masked, to a region token; the raw number is nowhere in the answer', async () => {
    // the guard's own report, as a rebuild hands it to the list
    const out = new OutputWriter(join(t.config.dataDir, 'site'));
    await out.write(`v/${MATOUXI}/p/pub9/index.html`, `<h1>补贴名册</h1>\n<td>${RAW_ID}</td>`);
    await out.write(`v/${LONGGANG}/index.html`, `<p>经办人 ${RAW_ID}</p>`);
    await out.write('index.html', `<p>${RAW_ID}</p>`);
    await out.write('r/430802/index.html', '<p>永定区</p>');
    findingsLedger({ path: privacyFindingsPath(t.config.dataDir), clock: () => new Date('2026-10-12T08:00:00.000Z'), log: () => {} }).apply(out.takeReport());

    const res = await get(t.tokens.region);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).not.toContain(RAW_ID);
    const body = JSON.parse(text);
    expect(body.updatedAt).toBe('2026-10-12T08:00:00.000Z');
    expect(body.count).toBe(3);
    expect(body.findings.map((f: { file: string; scope: string | null; publication: string | null; message: string }) => [f.file, f.scope, f.publication, f.message])).toEqual([
      ['index.html', null, null, `index.html:1 身份证号 / ID number ${MASKED_ID}`],
      [`v/${MATOUXI}/p/pub9/index.html`, MATOUXI, 'pub9', `v/${MATOUXI}/p/pub9/index.html:2 身份证号 / ID number ${MASKED_ID}`],
      [`v/${LONGGANG}/index.html`, LONGGANG, null, `v/${LONGGANG}/index.html:1 身份证号 / ID number ${MASKED_ID}`],
    ]);
  });

  it('shows a township or county token the findings under its scope and those of the shared pages', async () => {
    const township = await json(await get(t.tokens.township));
    expect(township.findings.map((f: { file: string }) => f.file)).toEqual(['index.html', `v/${MATOUXI}/p/pub9/index.html`]);
    const county = await json(await get(t.tokens.county));
    expect(county.findings.map((f: { file: string }) => f.file)).toEqual(['index.html', `v/${LONGGANG}/index.html`]);
  });

  it('refuses a village token with 403 not-staff, and a request without a token with 401', async () => {
    const village = await get(t.tokens.matouxi);
    expect(village.status).toBe(403);
    expect((await json(village)).error.code).toBe('not-staff');
    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).error.code).toBe('unauthenticated');
  });

  it('answers 500 without details when the list cannot be read, and says why in the server log', async () => {
    mkdirSync(t.config.dataDir, { recursive: true });
    writeFileSync(privacyFindingsPath(t.config.dataDir), '{"findings": [');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await get(t.tokens.region);
      expect(res.status).toBe(500);
      expect((await json(res)).error.code).toBe('internal');
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[privacy\] .*privacy-findings\.json: /));
    } finally {
      logged.mockRestore();
    }
  });
});
