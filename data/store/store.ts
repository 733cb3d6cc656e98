import type { Division } from '../region.ts';
import type { Publication, PublicationContent, PublicationKind, PublicationSummary, VillageCode } from '../publication.ts';

/**
 * The storage interface. Every method is async so that a networked backend (PostgreSQL)
 * implements the same contract as the embedded SQLite one; nothing may rely on a backend
 * answering synchronously. One contract test suite (store-contract.ts) runs against each backend.
 */
export interface Store {
  close(): Promise<void>;

  // Regions: the divisions of the configured region, replaced as a whole.
  replaceDivisions(divisions: readonly Division[]): Promise<void>;
  getDivision(code: string): Promise<Division | null>;
  /** Divisions whose code starts with `prefix` ('' for all), in code order. */
  listDivisions(prefix: string): Promise<Division[]>;

  // Publications: append-only.
  /**
   * Appends a version. The store assigns `version` and `supersedes` atomically from the
   * current head of the series (village, kind, period, subject); the previous head becomes superseded.
   * With `idempotency`, the same (scope, key) never publishes twice: a replay returns the first publication.
   */
  publish(input: NewPublication, idempotency?: IdempotencyClaim): Promise<PublishOutcome>;
  getPublication(id: string): Promise<Publication | null>;
  /** Every version of every series of the village, newest first, without content. */
  listPublications(village: VillageCode): Promise<PublicationSummary[]>;
  /** Current (not superseded) publications of the village, with content. */
  currentPublications(village: VillageCode): Promise<Publication[]>;
  /** Per village with at least one publication: how many current publications and when it last published. */
  publicationStats(prefix: string): Promise<Map<VillageCode, VillageStats>>;
  findIdempotency(scope: string, key: string): Promise<{ requestHash: string; publicationId: string } | null>;

  // Photos: processed WebP variants, written with the publication that references them.
  getPhoto(id: string, variant: PhotoVariant): Promise<Uint8Array | null>;

  // Tokens: only the SHA-256 of a token is ever stored.
  createToken(token: NewToken): Promise<TokenRecord>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
}

export type PhotoVariant = 'large' | 'small';

export interface NewPhoto {
  id: string;
  large: Uint8Array;
  small: Uint8Array;
}

export interface NewPublication {
  id: string;
  village: VillageCode;
  kind: PublicationKind;
  period: string;
  subject: string;
  publishedAt: string;
  sample: boolean;
  source: Publication['source'];
  content: PublicationContent;
  photos: readonly NewPhoto[];
  /** SHA-256 of the canonical content (see publication-digest.ts) */
  sha256: string;
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

export type PublishOutcome =
  | { kind: 'published'; publication: Publication }
  | { kind: 'replayed'; publication: Publication; requestHash: string };

export interface VillageStats {
  count: number;
  lastPublishedAt: string;
}

export interface NewToken {
  id: string;
  hash: string;
  scope: string;
  name: string;
  createdAt: string;
}

export interface TokenRecord extends NewToken {}
