import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import type { TokenAdmin } from './token-admin.ts';

/** What every backend must do with administered tokens (token-admin.ts). */
export type TokenAdminStore = TokenAdmin & Pick<Store, 'findTokenByHash' | 'createToken'>;
export type OpenTokenAdmin = () => Promise<{ store: TokenAdminStore; connect: () => Promise<TokenAdminStore>; cleanup: () => Promise<void> }>;

const AT = '2026-12-06T02:00:00.000Z';

export function describeTokenAdminContract(name: string, open: OpenTokenAdmin): void {
  describe(`Token admin contract: ${name}`, () => {
    let store: TokenAdminStore;
    let connect: () => Promise<TokenAdminStore>;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('finds a token made on the command line by its hash only', async () => {
      const token = { id: 'tok-1', hash: 'a'.repeat(64), scope: '430802108', name: '马头溪村会计', createdAt: '2026-07-01T00:00:00.000Z' };
      expect(await store.createToken(token)).toEqual(token);
      expect(await (await connect()).findTokenByHash(token.hash)).toEqual(token);
      expect(await store.findTokenByHash('b'.repeat(64))).toBeNull();
    });

    it('issues a token with its expiry and maker, found by its hash and listed under its scope on another connection', async () => {
      const token = { id: 'tok-a', hash: 'a'.repeat(64), scope: '430802108214', name: '记账软件', createdAt: AT, expiresAt: '2027-12-06T02:00:00.000Z', createdBy: 'acc_1' };
      await store.issueToken(token);
      const other = await connect();
      expect(await other.findTokenByHash(token.hash)).toEqual({ ...token, revokedAt: null });
      expect((await other.listTokens('430802108')).map((t) => t.id)).toEqual(['tok-a']);
      expect(await other.listTokens('430821')).toEqual([]);
    });

    it('reads a token made before expiry existed as it was, with no expiry', async () => {
      const old = { id: 'tok-old', hash: 'b'.repeat(64), scope: '430802', name: '区纪委', createdAt: AT };
      await store.createToken(old);
      expect(await store.findTokenByHash(old.hash)).toEqual(old);
    });

    it('revokes a token once, for every connection, and keeps it in the list', async () => {
      await store.issueToken({ id: 'tok-r', hash: 'c'.repeat(64), scope: '430802108', name: '镇经管站', createdAt: AT, expiresAt: null, createdBy: null });
      const other = await connect();
      expect(await store.revokeToken('tok-r', '2026-12-07T00:00:00.000Z')).toBe(true);
      expect(await other.revokeToken('tok-r', '2026-12-08T00:00:00.000Z')).toBe(false);
      expect((await other.findTokenByHash('c'.repeat(64)))?.revokedAt).toBe('2026-12-07T00:00:00.000Z');
      expect((await other.listTokens(''))[0]?.revokedAt).toBe('2026-12-07T00:00:00.000Z');
      expect(await store.revokeToken('tok-none', AT)).toBe(false);
    });
  });
}
