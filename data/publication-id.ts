import { randomBytes } from 'node:crypto';
import { crockfordBase32 } from './base32.ts';

/**
 * Publication ids: 48 bits of milliseconds then 72 random bits, 24 characters of lower-case
 * Crockford base32. Time first, so ids sort by publication time; they appear in permanent URLs,
 * so they carry nothing that could ever need changing.
 */
export function newPublicationId(now: number = Date.now()): string {
  const bytes = Buffer.alloc(15);
  bytes.writeUIntBE(now, 0, 6);
  randomBytes(9).copy(bytes, 6);
  return crockfordBase32(bytes);
}
