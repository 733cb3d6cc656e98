import type { Account, AccountStatus, NewAccount } from '../accounts/account.ts';

/**
 * Officials' accounts and their credentials (issue 13): their own small interface, with its
 * contract suite (account-contract.ts) run against every backend. Sessions and invitations are
 * SessionStore's; sign-in attempts and the account log are SignInLog's.
 *
 * Invariants a backend keeps under concurrent writers: a mobile belongs to one account; a batch
 * of accounts is created whole or not at all; the password record and the TOTP secret are
 * replaced only through these methods; the last TOTP step used only grows.
 */
export interface AccountStore {
  /** All or none: one mobile already taken refuses the batch, naming every such mobile. */
  createAccounts(accounts: readonly NewAccount[], input: { at: string; by: string | null }): Promise<CreateAccountsOutcome>;
  getAccount(id: string): Promise<Account | null>;
  findAccountByMobile(mobile: string): Promise<Account | null>;
  /** Accounts whose scope starts with `prefix`, by scope then name. */
  listAccounts(prefix: string): Promise<Account[]>;
  setAccountStatus(id: string, status: AccountStatus): Promise<boolean>;
  /** The stored password record (password.ts), for the sign-in only. */
  getCredentials(id: string): Promise<Credentials | null>;
  setPassword(id: string, record: string): Promise<boolean>;
  /** null removes the second factor (an administrator's reset). */
  setTotpSecret(id: string, secret: string | null): Promise<boolean>;
  /** Records the step of a TOTP code just accepted; false when `step` is not after the last one (a replay). */
  useTotpStep(id: string, step: number): Promise<boolean>;
}

export interface Credentials {
  /** JSON of password.ts's record; null before the invitation is taken */
  password: string | null;
  totpSecret: string | null;
  totpLastStep: number | null;
}

export type CreateAccountsOutcome = { kind: 'created'; accounts: Account[] } | { kind: 'mobile-taken'; mobiles: string[] };
