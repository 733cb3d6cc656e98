import { DEFAULT_ID_MASK, maskNumbersInText } from './personal-data.ts';
import { canonicalJson } from './canonical-json.ts';
import { publicationDigestOf } from './publication-digest.ts';
import { newPublicationId } from './publication-id.ts';
import { seriesSubject, type Publication, type PublicationContent } from './publication.ts';
import type { BeneficiaryKey, NewPhoto, NewPublication } from './store/store.ts';

/**
 * What the store is handed to publish a version: everything that follows from the content
 * (kind, period, series subject, its canonical JSON, SHA-256) is derived here, once, so no caller
 * can get it wrong.
 * The uploaded file's name is published too (the page says where the figures came from), so
 * personal numbers in it are masked like those in the content: officials name files after people.
 */
export function newPublication(input: {
  village: string;
  content: PublicationContent;
  publishedAt: string;
  sample: boolean;
  source: Publication['source'];
  photos?: readonly NewPhoto[];
  /** a subsidy list's keyed fingerprints (ImportResult.beneficiaryKeys): stored with it, never published */
  beneficiaryKeys?: readonly BeneficiaryKey[];
  id?: string;
}): NewPublication {
  const { village, content } = input;
  const subject = seriesSubject(content);
  // written once: the digest covers these bytes and the store keeps them
  const contentJson = canonicalJson(content);
  return {
    id: input.id ?? newPublicationId(Date.parse(input.publishedAt) || Date.now()),
    village,
    kind: content.kind,
    period: content.period,
    subject,
    publishedAt: input.publishedAt,
    sample: input.sample,
    source: input.source.filename === null ? input.source : { ...input.source, filename: maskNumbersInText(input.source.filename, DEFAULT_ID_MASK).text },
    content,
    contentJson,
    photos: input.photos ?? [],
    ...(input.beneficiaryKeys && input.beneficiaryKeys.length > 0 ? { beneficiaryKeys: input.beneficiaryKeys } : {}),
    sha256: publicationDigestOf({ village, kind: content.kind, period: content.period, subject }, contentJson),
  };
}
