/**
 * Sign-in sessions and one-time invitation links (issue 13): a small interface of its own, with
 * its contract suite (session-contract.ts). Only hashes of the secrets are stored: a copied
 * database gives nobody a way in.
 *
 * Invariants: an invitation is taken once, by one request, before it expires; a revoked or
 * expired session never reads back; revoking an account's sessions revokes every one of them.
 */
export interface SessionStore {
  /** Several at once (an imported account list), in one transaction. */
  createInvites(inputs: ReadonlyArray<{ hash: string; accountId: string; createdAt: string; expiresAt: string; by: string | null }>): Promise<void>;
  /** The account an unused, unexpired invitation is for, without taking it (the form shows whose it is). */
  findInvite(hash: string, at: string): Promise<string | null>;
  /** Takes the invitation if it is unused and not expired at `at`; the account id, or null. */
  takeInvite(hash: string, at: string): Promise<string | null>;
  createSession(input: { hash: string; accountId: string; createdAt: string; expiresAt: string; address: string | null; userAgent: string | null }): Promise<void>;
  /** The live session with this hash at `at`, or null. */
  getSession(hash: string, at: string): Promise<Session | null>;
  listSessions(accountId: string, at: string): Promise<Session[]>;
  revokeSession(hash: string, at: string): Promise<boolean>;
  /** Every live session of the account; the number revoked. */
  revokeSessions(accountId: string, at: string): Promise<number>;
}

export interface Session {
  /** the hash of the cookie's secret: what the console names a session by */
  hash: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}
