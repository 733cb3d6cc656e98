import { createHash, randomBytes } from 'node:crypto';
import { crockfordBase32 } from './base32.ts';

/**
 * Upload tokens. A token is shown once when it is created; only its SHA-256 is stored, so a
 * leaked database does not leak working tokens. Crockford base32 (lower case) avoids the
 * letters I, L, O and U that officials mistype when copying a token from a printout.
 */

const TOKEN_PREFIX = 'cw_';

/** `cw_` + 32 characters: 160 random bits. */
export function generateToken(): string {
  return TOKEN_PREFIX + crockfordBase32(randomBytes(20));
}

/** The only form of a token that is ever stored or compared. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A public, non-secret identifier for a token record (used e.g. as the idempotency scope). */
export function newTokenId(): string {
  return 'tok_' + crockfordBase32(randomBytes(10));
}
