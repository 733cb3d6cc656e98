import { Secret, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, TotpSecret, totpCode, totpStep, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 key is the ASCII string "12345678901234567890"
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

// the published 8-digit codes, truncated to the last 6 digits (the code is the HOTP value mod 10^digits)
const RFC_VECTORS: [number, string, string][] = [
  [59, '94287082', '287082'],
  [1111111109, '07081804', '081804'],
  [1111111111, '14050471', '050471'],
  [1234567890, '89005924', '005924'],
  [2000000000, '69279037', '279037'],
  [20000000000, '65353130', '353130'],
];

describe('TOTP codes', () => {
  it('encodes the RFC key as the base32 the tests rely on', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each(RFC_VECTORS)('gives the RFC 6238 SHA-1 code at T=%i (%s → %s)', (seconds, eight, six) => {
    expect(eight.slice(-6)).toBe(six);
    expect(totpCode(RFC_SECRET, at(seconds))).toBe(six);
  });

  it('makes 20-byte secrets in unpadded base32, different every time', () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(TotpSecret.parse(a)).toBe(a);
    expect(Secret.fromBase32(a).bytes).toHaveLength(20);
    expect(a).not.toBe(b);
  });

  it('gives the authenticator app a URI naming the issuer, account and parameters', () => {
    const uri = totpUri({ secret: RFC_SECRET, account: '张三 13800138000' });
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    const parsed = URI.parse(uri);
    expect(parsed.issuer).toBe('阳光村务');
    expect(parsed.label).toBe('张三 13800138000');
    expect(parsed.secret.base32).toBe(RFC_SECRET);
    expect(parsed.digits).toBe(6);
    expect('period' in parsed && parsed.period).toBe(30);
    expect(parsed.algorithm).toBe('SHA1');
  });
});

describe('verifying a TOTP code', () => {
  const now = at(1111111111); // one second into step 37037037
  const step = totpStep(now);

  it('accepts the code of the current step and returns that step', () => {
    expect(verifyTotp(RFC_SECRET, '050471', now, null)).toEqual({ ok: true, step });
  });

  it('accepts the previous and the next step, but not two steps away', () => {
    const prev = totpCode(RFC_SECRET, at(1111111111 - 30));
    const next = totpCode(RFC_SECRET, at(1111111111 + 30));
    const twoBack = totpCode(RFC_SECRET, at(1111111111 - 60));
    const twoAhead = totpCode(RFC_SECRET, at(1111111111 + 60));
    expect(verifyTotp(RFC_SECRET, prev, now, null)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, next, now, null)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, twoBack, now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(verifyTotp(RFC_SECRET, twoAhead, now, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a wrong code', () => {
    expect(verifyTotp(RFC_SECRET, '050472', now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(verifyTotp(newTotpSecret(), '050471', now, null)).toMatchObject({ ok: false });
  });

  it('refuses a code already used, and any code of an earlier step', () => {
    const first = verifyTotp(RFC_SECRET, '050471', now, null);
    expect(first.ok).toBe(true);
    const used = first.ok ? first.step : -1;
    expect(verifyTotp(RFC_SECRET, '050471', now, used)).toEqual({ ok: false, reason: 'reused' });
    const prev = totpCode(RFC_SECRET, at(1111111111 - 30));
    expect(verifyTotp(RFC_SECRET, prev, now, used)).toEqual({ ok: false, reason: 'reused' });
    // the next step's code is still good after the current one was used
    const next = totpCode(RFC_SECRET, at(1111111111 + 30));
    expect(verifyTotp(RFC_SECRET, next, now, used)).toEqual({ ok: true, step: step + 1 });
  });

  it('accepts spaces and full-width digits as typed through a Chinese input method', () => {
    expect(verifyTotp(RFC_SECRET, ' 050 471 ', now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, '０５０４７１', now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, '０５０　４７１', now, null)).toEqual({ ok: true, step });
  });

  it.each(['', '05047', '0504711', '05o471', '050-471', '14050471', '٠٥٠٤٧١'])(
    'refuses %j as malformed',
    (code) => {
      expect(verifyTotp(RFC_SECRET, code, now, null)).toEqual({ ok: false, reason: 'malformed' });
    },
  );
});
