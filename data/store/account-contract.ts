import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAccount } from '../accounts/account.ts';
import type { AccountStore } from './account-store.ts';

/**
 * What every backend must do with officials' accounts (account-store.ts). `connect` opens a second
 * connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type OpenAccountStore = () => Promise<{ store: AccountStore; connect: () => Promise<AccountStore>; cleanup: () => Promise<void> }>;

const AT = '2026-12-06T02:00:00.000Z';

export function accountDraft(n: number, fields: Partial<NewAccount> = {}): NewAccount {
  return {
    name: `干部${n}`,
    mobile: `138001${String(n).padStart(5, '0')}`,
    office: '王家坪镇纪委',
    title: '乡镇纪委干部',
    role: 'township-discipline',
    department: null,
    scope: '430802108',
    admin: false,
    ...fields,
  };
}

export function describeAccountContract(name: string, open: OpenAccountStore): void {
  describe(`Account store contract: ${name}`, () => {
    let store: AccountStore;
    let connect: () => Promise<AccountStore>;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('creates a batch of accounts, invited and without credentials, readable from another connection', async () => {
      const done = await store.createAccounts([accountDraft(1), accountDraft(2, { scope: '430802108214', role: 'village-accountant' })], { at: AT, by: null });
      if (done.kind !== 'created') throw new Error(done.kind);
      expect(done.accounts.map((a) => [a.name, a.status, a.hasPassword, a.hasTotp, a.createdBy])).toEqual([
        ['干部1', 'invited', false, false, null],
        ['干部2', 'invited', false, false, null],
      ]);
      const other = await connect();
      expect(await other.getAccount(done.accounts[0]!.id)).toEqual(done.accounts[0]);
      expect((await other.findAccountByMobile(accountDraft(2).mobile))?.id).toBe(done.accounts[1]!.id);
      expect((await other.listAccounts('430802108')).map((a) => a.name)).toEqual(['干部1', '干部2']);
      expect(await other.listAccounts('430802108214')).toHaveLength(1);
      expect(await other.listAccounts('430821')).toEqual([]);
      expect(await other.getAccount('acc_none')).toBeNull();
    });

    it('refuses a whole batch when a mobile is taken, by an earlier batch or twice in this one', async () => {
      await store.createAccounts([accountDraft(1)], { at: AT, by: null });
      expect(await store.createAccounts([accountDraft(3), accountDraft(4, { mobile: accountDraft(1).mobile })], { at: AT, by: null })).toEqual({
        kind: 'mobile-taken',
        mobiles: [accountDraft(1).mobile],
      });
      expect(await store.createAccounts([accountDraft(5), accountDraft(6, { mobile: accountDraft(5).mobile })], { at: AT, by: null })).toMatchObject({ kind: 'mobile-taken' });
      expect(await store.listAccounts('')).toHaveLength(1);
    });

    it('keeps one account per mobile when two connections create it at once', async () => {
      const other = await connect();
      const results = await Promise.all([store.createAccounts([accountDraft(7)], { at: AT, by: null }), other.createAccounts([accountDraft(7, { name: '另一人' })], { at: AT, by: null })]);
      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'mobile-taken']);
      expect(await store.listAccounts('')).toHaveLength(1);
    });

    it('activates an account when its password is set, and keeps credentials apart from the account', async () => {
      const done = await store.createAccounts([accountDraft(1)], { at: AT, by: null });
      if (done.kind !== 'created') throw new Error(done.kind);
      const id = done.accounts[0]!.id;
      expect(await store.getCredentials(id)).toEqual({ password: null, totpSecret: null, totpLastStep: null });
      expect(await store.setPassword(id, '{"algorithm":"scrypt"}')).toBe(true);
      expect(await store.getAccount(id)).toMatchObject({ status: 'active', hasPassword: true });
      expect(await store.setAccountStatus(id, 'disabled')).toBe(true);
      expect(await store.setPassword(id, '{"algorithm":"scrypt","n":2}')).toBe(true);
      expect((await store.getAccount(id))?.status).toBe('disabled');
      expect(await store.setPassword('acc_none', '{}')).toBe(false);
    });

    it('accepts each TOTP step once and never an earlier one, and forgets the steps with the secret', async () => {
      const done = await store.createAccounts([accountDraft(1)], { at: AT, by: null });
      if (done.kind !== 'created') throw new Error(done.kind);
      const id = done.accounts[0]!.id;
      await store.setTotpSecret(id, 'JBSWY3DPEHPK3PXP');
      const other = await connect();
      const both = await Promise.all([store.useTotpStep(id, 100), other.useTotpStep(id, 100)]);
      expect(both.sort()).toEqual([false, true]);
      expect(await store.useTotpStep(id, 99)).toBe(false);
      expect(await store.useTotpStep(id, 101)).toBe(true);
      expect((await store.getCredentials(id))?.totpLastStep).toBe(101);
      await store.setTotpSecret(id, null);
      expect(await store.getCredentials(id)).toMatchObject({ totpSecret: null, totpLastStep: null });
      expect((await store.getAccount(id))?.hasTotp).toBe(false);
    });
  });
}
