import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from './account-store.ts';
import { accountDraft } from './account-contract.ts';
import type { SessionStore } from './session-store.ts';

/** What every backend must do with sessions and invitations (session-store.ts). */
export type OpenSessionStore = () => Promise<{ store: SessionStore & AccountStore; connect: () => Promise<SessionStore & AccountStore>; cleanup: () => Promise<void> }>;

const T0 = '2026-12-06T02:00:00.000Z';
const T1 = '2026-12-06T03:00:00.000Z';
const LATER = '2026-12-08T02:00:00.000Z';

export function describeSessionContract(name: string, open: OpenSessionStore): void {
  describe(`Session store contract: ${name}`, () => {
    let store: SessionStore & AccountStore;
    let connect: () => Promise<SessionStore & AccountStore>;
    let cleanup: () => Promise<void>;
    let account: string;
    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
      const done = await store.createAccounts([accountDraft(1)], { at: T0, by: null });
      if (done.kind !== 'created') throw new Error(done.kind);
      account = done.accounts[0]!.id;
    });
    afterEach(async () => {
      await cleanup();
    });

    it('gives an invitation to one request only, and none after it expires', async () => {
      await store.createInvites([
        { hash: 'a'.repeat(64), accountId: account, createdAt: T0, expiresAt: LATER, by: null },
        { hash: 'b'.repeat(64), accountId: account, createdAt: T0, expiresAt: T1, by: null },
      ]);
      expect(await store.findInvite('a'.repeat(64), T1)).toBe(account);
      const other = await connect();
      const both = await Promise.all([store.takeInvite('a'.repeat(64), T1), other.takeInvite('a'.repeat(64), T1)]);
      expect(both.filter((x) => x === account)).toHaveLength(1);
      expect(both.filter((x) => x === null)).toHaveLength(1);
      expect(await store.findInvite('a'.repeat(64), T1)).toBeNull();
      expect(await store.findInvite('b'.repeat(64), T1)).toBeNull();
      expect(await store.takeInvite('b'.repeat(64), T1)).toBeNull();
      expect(await store.takeInvite('c'.repeat(64), T0)).toBeNull();
    });

    it('reads a live session back on another connection, and no revoked or expired one', async () => {
      const session = { hash: 'd'.repeat(64), accountId: account, createdAt: T0, expiresAt: LATER, address: '10.0.0.8', userAgent: 'WeChat' };
      await store.createSession(session);
      await store.createSession({ ...session, hash: 'e'.repeat(64), expiresAt: T1 });
      const other = await connect();
      expect(await other.getSession('d'.repeat(64), T1)).toEqual(session);
      expect(await other.getSession('e'.repeat(64), T1)).toBeNull();
      expect((await other.listSessions(account, T0)).map((s) => s.hash).sort()).toEqual(['d'.repeat(64), 'e'.repeat(64)]);
      expect(await store.revokeSession('d'.repeat(64), T1)).toBe(true);
      expect(await other.getSession('d'.repeat(64), T1)).toBeNull();
      expect(await store.revokeSession('d'.repeat(64), T1)).toBe(false);
    });

    it('revokes every session of an account at once, and no other account’s', async () => {
      const done = await store.createAccounts([accountDraft(2)], { at: T0, by: null });
      if (done.kind !== 'created') throw new Error(done.kind);
      const someoneElse = done.accounts[0]!.id;
      for (const [i, id] of [account, account, someoneElse].entries()) {
        await store.createSession({ hash: String(i).repeat(64), accountId: id, createdAt: T0, expiresAt: LATER, address: null, userAgent: null });
      }
      expect(await store.revokeSessions(account, T1)).toBe(2);
      expect(await store.listSessions(account, T1)).toEqual([]);
      expect(await store.listSessions(someoneElse, T1)).toHaveLength(1);
    });
  });
}
