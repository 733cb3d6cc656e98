import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, newTokenId } from './token.ts';

describe('tokens', () => {
  it('generates cw_ tokens of 32 Crockford base32 characters', () => {
    const token = generateToken();
    expect(token).toMatch(/^cw_[0-9a-hjkmnp-tv-z]{32}$/);
  });

  it('never generates the same token twice in a thousand draws', () => {
    const seen = new Set(Array.from({ length: 1000 }, generateToken));
    expect(seen.size).toBe(1000);
  });

  it('uses all 32 characters of the alphabet across many tokens, so no bits are stuck', () => {
    const chars = new Set(Array.from({ length: 200 }, () => generateToken().slice(3)).join(''));
    expect(chars.size).toBe(32);
  });

  it('hashes a token to the SHA-256 hex of its UTF-8 text', () => {
    const token = 'cw_0123456789abcdefghjkmnpqrstvwx';
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(token.toUpperCase()));
  });

  it('gives token ids that are distinct and carry no secret', () => {
    const a = newTokenId();
    const b = newTokenId();
    expect(a).toMatch(/^tok_[0-9a-hjkmnp-tv-z]{16}$/);
    expect(a).not.toBe(b);
  });
});
