import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { PublicationContent } from './publication.ts';

/** What a version's SHA-256 covers: where it was published and exactly what it says. */
export function publicationDigest(input: { village: string; kind: string; period: string; subject: string; content: PublicationContent }): string {
  const doc = { village: input.village, kind: input.kind, period: input.period, subject: input.subject, content: input.content };
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}
