import { describe, expect, it } from 'vitest';
import { newPublicationId } from './publication-id.ts';

describe('publication ids', () => {
  it('are 24 lower-case Crockford base32 characters, safe in a permanent URL', () => {
    expect(newPublicationId()).toMatch(/^[0-9a-hjkmnp-tv-z]{24}$/);
  });

  it('sort by the time they were made', () => {
    const earlier = newPublicationId(Date.parse('2026-07-01T00:00:00Z'));
    const later = newPublicationId(Date.parse('2026-07-01T00:00:00.001Z'));
    expect(earlier < later).toBe(true);
  });

  it('differ when made in the same millisecond', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => newPublicationId(now)));
    expect(ids.size).toBe(1000);
  });
});
