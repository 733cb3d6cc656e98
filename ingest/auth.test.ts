import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, FIXTURES, json, LONGGANG, MATOUXI, postRaw, testApp, WANGJIAPING_VILLAGE, type TestApp } from './test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

describe('who may publish where', () => {
  const upload = (token: string | null, village: string) =>
    postRaw(t, village, 'kind=finance', FIXTURES.finance, { ...(token ? bearer(token) : {}), 'content-type': 'text/csv' });

  it('refuses a village token on another village with 403', async () => {
    const res = await upload(t.tokens.longgang, MATOUXI);
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('forbidden');
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
  });

  it('lets a township token publish for every village of the township, and no other', async () => {
    expect((await upload(t.tokens.township, MATOUXI)).status).toBe(201);
    expect((await upload(t.tokens.township, WANGJIAPING_VILLAGE)).status).toBe(201);
    expect((await upload(t.tokens.township, LONGGANG)).status).toBe(403);
  });

  it('asks for a token with 401 and WWW-Authenticate when there is none', async () => {
    const res = await upload(null, MATOUXI);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await json(res)).error).toMatchObject({ code: 'unauthenticated', message: '缺少身份令牌 / Missing bearer token' });
  });

  it('refuses an unknown token with 401', async () => {
    const res = await upload('cw_00000000000000000000000000000000', MATOUXI);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('answers 404 for an unknown village, a township code and a malformed code', async () => {
    for (const code of ['430802108299', '430802108', 'abc']) {
      const res = await upload(t.tokens.region, code);
      expect(res.status, code).toBe(404);
      expect((await json(res)).error.code).toBe('village-not-found');
    }
  });
});
