import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../data/token.ts';
import { bearer, FIXTURES, json, LONGGANG, MATOUXI, postRaw, testApp, WANGJIAPING_VILLAGE, type TestApp } from './test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

describe('who may publish where', () => {
  // 马头溪村's ledger: sent for another village, its title is confirmed (confirmPlace), as an official would
  const upload = (token: string | null, village: string) =>
    postRaw(t, village, `kind=finance${village === MATOUXI ? '' : '&confirmPlace=1'}`, FIXTURES.finance, { ...(token ? bearer(token) : {}), 'content-type': 'text/csv' });

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

  it('refuses a token made in the console once it has expired or been revoked, as an unknown one', async () => {
    const issue = async (id: string, expiresAt: string | null) => {
      const clear = generateToken();
      await t.store.issueToken({ id, hash: hashToken(clear), scope: MATOUXI, name: '记账软件', createdAt: '2026-10-01T00:00:00.000Z', expiresAt, createdBy: null });
      return clear;
    };
    const expired = await issue('tok-expired', '2026-10-02T00:00:00.000Z');
    expect((await upload(expired, MATOUXI)).status).toBe(401);
    const live = await issue('tok-live', '2099-01-01T00:00:00.000Z');
    expect((await upload(live, MATOUXI)).status).not.toBe(401);
    await t.store.revokeToken('tok-live', '2026-12-06T00:00:00.000Z');
    expect((await upload(live, MATOUXI)).status).toBe(401);
  });

  it('answers 404 for an unknown village, a township code and a malformed code', async () => {
    for (const code of ['430802108299', '430802108', 'abc']) {
      const res = await upload(t.tokens.region, code);
      expect(res.status, code).toBe(404);
      expect((await json(res)).error.code).toBe('village-not-found');
    }
  });
});
