import { z } from 'zod';

/**
 * The public index of every version the portal serves (issue 10): the shape the portal writes
 * (ingest/routes/log.ts) and the verifier reads (scripts/lib/verify-publications.ts), and its
 * addresses. By village, so no one file grows with the whole region.
 */
export const PUBLICATION_INDEX_PATH = '/log/publications.json';

export function villageIndexPath(village: string): string {
  return `/log/publications/${village}.json`;
}

/** An address on the portal itself: the index cannot send a verifier to another host. */
const SitePath = z.string().regex(/^\/(?![/\\])/, 'a path on the portal, starting with one /');

export const PublicationDirectory = z.object({
  /** every village with at least one stored version, in code order, whatever the divisions now say */
  villages: z.array(z.object({ village: z.string(), url: SitePath })),
});
export type PublicationDirectory = z.infer<typeof PublicationDirectory>;

export const PublicationIndexEntry = z.object({
  id: z.string().min(1),
  village: z.string(),
  kind: z.string(),
  period: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  publishedAt: z.string(),
  sha256: z.string(),
  takenDown: z.boolean(),
  /** the publication page; its data twin is `<url>index.json` */
  url: SitePath,
});
export type PublicationIndexEntry = z.infer<typeof PublicationIndexEntry>;

export const VillageVersions = z.object({
  village: z.string(),
  /** oldest first: by publishedAt, then version, then id */
  versions: z.array(PublicationIndexEntry),
});
export type VillageVersions = z.infer<typeof VillageVersions>;
