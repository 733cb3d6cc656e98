import { crockfordBase32 } from '../base32.ts';

/**
 * Tracking codes: 10 Crockford base32 characters = 50 random bits, shown as ABCDE-FGHJK (upper
 * case, grouped, to copy by hand). Typed back in any case, with or without the hyphen or
 * spaces, with O for 0 and I or L for 1 — Crockford's own decoding rules.
 */
export const TRACKING_CODE_LENGTH = 10;

/** A new code from 7 random bytes (the caller passes crypto.randomBytes(7)); 50 of the 56 bits are used. */
export function trackingCodeFrom(random: Uint8Array): string {
  if (random.length < 7) throw new RangeError('a tracking code needs 7 random bytes');
  return crockfordBase32(random.subarray(0, 7)).slice(0, TRACKING_CODE_LENGTH).toUpperCase();
}

/** The canonical form of a typed code (upper case, no separators), or null when it cannot be one. */
export function normaliseTrackingCode(typed: string): string | null {
  const cleaned = typed
    .normalize('NFKC') // full-width ＡＢ１２ from a Chinese keyboard
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return new RegExp(`^[0-9A-HJKMNP-TV-Z]{${TRACKING_CODE_LENGTH}}$`).test(cleaned) ? cleaned : null;
}

/** ABCDE-FGHJK */
export function displayTrackingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
