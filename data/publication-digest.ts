import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { PublicationContent } from './publication.ts';

/** What a version's SHA-256 covers: where it was published and exactly what it says. */
export function publicationDigest(input: { village: string; kind: string; period: string; subject: string; content: PublicationContent }): string {
  return publicationDigestOf(input, canonicalJson(input.content));
}

/**
 * The same digest from the content's canonical JSON, already written (newPublication writes it
 * once for the digest and the store): the canonical JSON of { village, kind, period, subject,
 * content }, whose keys sort as content, kind, period, subject, village.
 */
export function publicationDigestOf(fields: { village: string; kind: string; period: string; subject: string }, contentJson: string): string {
  const doc = `{"content":${contentJson},"kind":${JSON.stringify(fields.kind)},"period":${JSON.stringify(fields.period)},"subject":${JSON.stringify(fields.subject)},"village":${JSON.stringify(fields.village)}}`;
  return createHash('sha256').update(doc, 'utf8').digest('hex');
}
