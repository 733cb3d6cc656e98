/**
 * Sign-in attempts and what accounts did (issue 13): the throttle reads the failures, the
 * administrators read the events. A small interface of its own, with its contract suite
 * (sign-in-log-contract.ts). Append-only: nothing is changed or removed.
 */
export interface SignInLog {
  /** `key`: 'account:<id>' or 'address:<ip>'; a failure counts against both */
  recordFailure(keys: readonly string[], at: string): Promise<void>;
  /** Failures under `key` since `since` (ISO); the lockout reads this. */
  failuresSince(key: string, since: string): Promise<number>;
  recordEvent(event: AccountEvent): Promise<void>;
  /** The account's events, newest first, at most `limit`. */
  listEvents(accountId: string, limit: number): Promise<AccountEvent[]>;
}

export interface AccountEvent {
  accountId: string;
  at: string;
  /** sign-in, sign-out, sign-in-failed, password-set, totp-set, reset, account-created, contact-viewed … */
  type: string;
  /** what it was about, in a few words (a complaint's number, the address of a sign-in); never a secret */
  detail: string | null;
}
