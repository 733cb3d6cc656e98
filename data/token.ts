import { createHash, randomBytes } from 'node:crypto';

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

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Base32 of the bytes, 5 bits per character, the last character padded with zero bits. */
function crockfordBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
