import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from './account-store.ts';
import { accountDraft } from './account-contract.ts';
import type { SignInLog } from './sign-in-log.ts';

/** What every backend must do with sign-in failures and account events (sign-in-log.ts). */
export type OpenSignInLog = () => Promise<{ store: SignInLog & AccountStore; connect: () => Promise<SignInLog & AccountStore>; cleanup: () => Promise<void> }>;

export function describeSignInLogContract(name: string, open: OpenSignInLog): void {
  describe(`Sign-in log contract: ${name}`, () => {
    let store: SignInLog & AccountStore;
    let connect: () => Promise<SignInLog & AccountStore>;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('counts failures per key since a time, whichever connection recorded them', async () => {
      const other = await connect();
      await store.recordFailure(['account:1', 'address:10.0.0.8'], '2026-12-06T02:00:00.000Z');
      await other.recordFailure(['account:1'], '2026-12-06T02:10:00.000Z');
      expect(await store.failuresSince('account:1', '2026-12-06T01:00:00.000Z')).toBe(2);
      expect(await store.failuresSince('account:1', '2026-12-06T02:05:00.000Z')).toBe(1);
      expect(await other.failuresSince('address:10.0.0.8', '2026-12-06T01:00:00.000Z')).toBe(1);
      expect(await other.failuresSince('account:2', '2026-12-06T01:00:00.000Z')).toBe(0);
    });

    it('lists an account’s events newest first', async () => {
      const done = await store.createAccounts([accountDraft(1)], { at: '2026-12-06T01:00:00.000Z', by: null });
      if (done.kind !== 'created') throw new Error(done.kind);
      const id = done.accounts[0]!.id;
      await store.recordEvent({ accountId: id, at: '2026-12-06T02:00:00.000Z', type: 'sign-in', detail: '10.0.0.8' });
      await store.recordEvent({ accountId: id, at: '2026-12-06T03:00:00.000Z', type: 'contact-viewed', detail: '投诉 12' });
      expect((await (await connect()).listEvents(id, 10)).map((e) => e.type)).toEqual(['contact-viewed', 'sign-in']);
      expect(await store.listEvents(id, 1)).toHaveLength(1);
    });
  });
}
