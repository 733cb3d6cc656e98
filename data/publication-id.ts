import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * Publication ids: time-ordered (48-bit milliseconds) then 50 random bits, 20 characters of
 * lower-case Crockford base32. They appear in permanent URLs, so they carry no meaning to change.
 */
export function newPublicationId(now: number = Date.now()): string {
  let out = '';
  let t = BigInt(now);
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[Number(t & 31n)] + out;
    t >>= 5n;
  }
  const bytes = randomBytes(10);
  for (let i = 0; i < 10; i++) out += ALPHABET[(bytes[i] ?? 0) & 31];
  return out;
}
