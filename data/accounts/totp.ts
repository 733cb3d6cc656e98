import { Secret, TOTP } from 'otpauth';
import { z } from 'zod';

/**
 * The second factor: time-based one-time codes (RFC 6238) from an authenticator app (Google
 * Authenticator, Microsoft Authenticator and the many others that read the same QR code).
 * Chosen over SMS codes because it costs nothing per login, works where the village has no
 * signal, and cannot be redirected by a SIM swap.
 *
 * The parameters are the ones every app supports without question: SHA-1, 6 digits, 30-second
 * steps. SHA-1's weakness (collisions) does not touch HMAC-SHA-1, and several apps silently
 * ignore other algorithms, which would lock the official out.
 */

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one: a phone clock a little off, or a code typed as it rolled over. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = '阳光村务';

/** A stored secret: 20 random bytes (RFC 4226's recommended 160 bits) in unpadded RFC 4648 base32. */
export const TotpSecret = z.string().regex(/^[A-Z2-7]{32}$/, 'a TOTP secret is 32 base32 characters');
export type TotpSecret = z.infer<typeof TotpSecret>;

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'reused' };

function totp(secret: string, issuer = TOTP_ISSUER, label = 'OTPAuth'): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** A fresh secret, to be shown once as a QR code and stored with the account. */
export function newTotpSecret(): TotpSecret {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the authenticator app scans; the account is what the app lists the entry under. */
export function totpUri(options: { secret: string; account: string; issuer?: string }): string {
  return totp(options.secret, options.issuer ?? TOTP_ISSUER, options.account).toString();
}

/** The code the app shows at the moment (for tests and for the enrolment page's self-check). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** The 30-second step a moment falls in: what lastUsedStep records. */
export function totpStep(at: Date): number {
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: at.getTime() });
}

/**
 * Checks a typed code against the current step and one either side. A code is good once: the
 * caller stores the returned step as lastUsedStep, and any code of that step or an earlier one is
 * then refused, so a code read over a shoulder or replayed from a phishing page is useless
 * (RFC 6238 §5.2). Spaces anywhere (apps show "123 456") and full-width digits from a Chinese
 * input method are accepted.
 */
export function verifyTotp(secret: string, code: string, at: Date, lastUsedStep: number | null): TotpCheck {
  const token = code.normalize('NFKC').replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return { ok: false, reason: 'malformed' };
  const now = totpStep(at);
  // otpauth compares in constant time and tries the current step first, then −1, then +1
  const delta = totp(secret).validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = now + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step };
}
