import type { NewToken, TokenRecord } from './store.ts';

/**
 * Machine clients' tokens as administrators keep them (issue 13): made with an expiry, listed by
 * scope, revoked. Its own small interface, with its contract suite (token-admin-contract.ts); the
 * lookup the API authenticates with stays Store.findTokenByHash, which now carries the expiry and
 * revocation for ingest/auth.ts to refuse.
 *
 * Invariants: a revocation is never undone; a token's hash is stored, never the token.
 */
export interface TokenAdmin {
  issueToken(token: NewToken & { expiresAt: string | null; createdBy: string | null }): Promise<TokenRecord>;
  /** Tokens whose scope starts with `prefix`, newest first, revoked ones included. */
  listTokens(prefix: string): Promise<TokenRecord[]>;
  /** false when there is no such token or it was revoked before. */
  revokeToken(id: string, at: string): Promise<boolean>;
}
