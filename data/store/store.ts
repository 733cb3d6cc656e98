import type { Complaint, ComplaintStatus, NewComplaint } from '../complaints/complaint.ts';
import type { WorkflowResult } from '../complaints/complaint-workflow.ts';
import type { Division } from '../region.ts';
import type { Publication, PublicationContent, PublicationKind, PublicationSummary, VillageCode } from '../publication.ts';

/**
 * The storage interface, split into capabilities (issue 14): each consumer takes only the ones it
 * uses (`Pick<Store, …>` or the capability by name), and a backend may be written and checked one
 * capability at a time. `Store` is their intersection; `PortalStore` (portal-store.ts) adds the
 * newer capabilities that have their own files. Every method is async so that a networked backend
 * (PostgreSQL) implements the same contract as the embedded SQLite one; nothing may rely on a
 * backend answering synchronously. Contract suites (*-contract.ts) run against each backend.
 *
 * Sequencers — numbers the store hands out in order — and how each backend keeps them under
 * concurrent writers:
 * - the transparency log's leaf index (0, 1, 2 … with no gap, in commit order): SQLite has one
 *   writer (IMMEDIATE transactions), so max + 1 is safe; on PostgreSQL the appending transaction
 *   must take the log's head row FOR UPDATE, so appenders queue and commit in index order (the
 *   PostgreSQL log is not written yet: docs/postgresql.md);
 * - a publication's version within its series: assigned in the transaction that appends it, from
 *   the series head read under the same lock as the log;
 * - a complaint's public number, a round's, a decision matter's: assigned in the transaction that
 *   stores the record, by the same single-writer rule (SQLite) or, on PostgreSQL, a locked counter
 *   row in that transaction. A number given twice, or a gap, is a bug: numbers are public.
 */
export interface Store extends RegionStore, PublicationStore, SearchIndex, PhotoStore, TokenStore, ComplaintStore, TransparencyLog, PublicationTakedowns {
  close(): Promise<void>;
}

/** Regions: the divisions of the configured region, replaced as a whole. */
export interface RegionStore {
  replaceDivisions(divisions: readonly Division[]): Promise<void>;
  getDivision(code: string): Promise<Division | null>;
  /** Divisions whose code starts with `prefix` ('' for all), in code order. */
  listDivisions(prefix: string): Promise<Division[]>;
}

/** Publications: append-only. */
export interface PublicationStore {
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
}

/**
 * Search (issue 3): every row of every current publication, by the bigram tokens of
 * data/search/tokenize.ts; a publication is searchable when `publish` resolves.
 */
export interface SearchIndex {
  search(query: SearchQuery): Promise<SearchPage>;
  /** The first `limit` hits of a search in its page order, without counts (the CSV export). */
  searchHits(query: Omit<SearchQuery, 'page' | 'pageSize'>, limit: number): Promise<SearchHit[]>;
}

/** Photos: processed WebP variants, written with the publication that references them. */
export interface PhotoStore {
  getPhoto(id: string, variant: PhotoVariant): Promise<Uint8Array | null>;
}

/** Tokens: only the SHA-256 of a token is ever stored. */
export interface TokenStore {
  createToken(token: NewToken): Promise<TokenRecord>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
}

/** Complaints (issue 5). When a promise resolves, what it wrote is durable (a 201 may be sent). */
export interface ComplaintStore {
  /** Stores a new complaint and assigns its public id (1, 2, 3 … in filing order). */
  fileComplaint(complaint: NewComplaint): Promise<Complaint>;
  getComplaint(trackingCode: string): Promise<Complaint | null>;
  getComplaintByPublicId(publicId: string): Promise<Complaint | null>;
  /** Complaints of villages under `scope` (a code prefix, '' for all), newest first, at most `limit` (≤ 5,000). */
  listComplaints(filter: ComplaintFilter): Promise<Complaint[]>;
  /**
   * Reads the complaint, runs `act` (pure: complaint-workflow.ts) on it and appends the events it
   * returns, with the new status and department, in one write transaction, so two actions at
   * once cannot both start from the same status. Events are append-only.
   */
  updateComplaint(trackingCode: string, act: (current: Complaint) => WorkflowResult): Promise<ComplaintUpdate>;
}

/**
 * Transparency log (issue 6): an RFC 6962 Merkle tree (data/log/merkle.ts) with one leaf per
 * publication version, per complaint step (its salted hash only) and per takedown, as
 * data/log/log-leaf.ts defines them. Each leaf is appended in the same transaction as the record
 * it covers, so the log and the records never disagree, even after a crash. Leaves are numbered
 * 0, 1, 2 … and never change. Sizes and indices must be whole numbers ≥ 0 (else RangeError);
 * sizes beyond the log are an expected failure, returned as a value.
 */
export interface TransparencyLog {
  /** The number of leaves. */
  logSize(): Promise<number>;
  /** Leaves with index in [from, to), in index order; `to` beyond the log is cut to its size. Callers page (e.g. 256 per tile). */
  logLeaves(from: number, to: number): Promise<StoredLogLeaf[]>;
  /** The root (MTH) of the tree of the first `size` leaves; size 0 gives SHA-256 of nothing. */
  logRoot(size: number): Promise<LogRootResult>;
  /** The audit path of leaf `index` in the tree of the first `size` leaves, with that tree's root. */
  inclusionProof(index: number, size: number): Promise<InclusionProofResult>;
  /** The consistency proof from the tree of `from` leaves to that of `to` (RFC 6962 PROOF), with both roots. */
  consistencyProof(from: number, to: number): Promise<ConsistencyProofResult>;
  /** The index of the leaf of a publication version, or null when there is no such version. */
  logIndexOfPublication(id: string): Promise<number | null>;
}

/** Takedowns of publication versions (personal data published by mistake). */
export interface PublicationTakedowns {
  /**
   * Takes a version down: appends a tombstone leaf with the reason and records the takedown, in
   * one transaction. The version's row and its leaf stay (append-only); pages stop showing its content.
   */
  tombstone(publicationId: string, reason: string, at: string): Promise<TombstoneResult>;
  getTakedown(publicationId: string): Promise<Takedown | null>;
  /** Every takedown, oldest first. */
  listTakedowns(): Promise<Takedown[]>;
}

export interface StoredLogLeaf {
  index: number;
  /** the leaf's canonical JSON; its UTF-8 bytes are the leaf */
  leaf: string;
  /** SHA-256(0x00 ‖ leaf) */
  hash: Uint8Array;
}

/** A size beyond the log: the caller asked about a tree that does not exist (yet). */
export type LogBeyondSize = { kind: 'beyond-log'; size: number; logSize: number };

export type LogRootResult = { kind: 'root'; size: number; root: Uint8Array } | LogBeyondSize;

export type InclusionProofResult =
  | { kind: 'proof'; index: number; size: number; leafHash: Uint8Array; root: Uint8Array; path: Uint8Array[] }
  | { kind: 'index-beyond-size'; index: number; size: number }
  | LogBeyondSize;

export type ConsistencyProofResult =
  | { kind: 'proof'; from: number; to: number; fromRoot: Uint8Array; toRoot: Uint8Array; path: Uint8Array[] }
  | { kind: 'sizes-out-of-order'; from: number; to: number }
  | LogBeyondSize;

export interface Takedown {
  publicationId: string;
  reason: string;
  at: string;
  /** the tombstone's leaf */
  logIndex: number;
}

export type TombstoneResult =
  | { kind: 'taken-down'; takedown: Takedown }
  | { kind: 'already-taken-down'; takedown: Takedown }
  | { kind: 'not-found'; publicationId: string };

export interface ComplaintFilter {
  scope: string;
  status?: ComplaintStatus;
  category?: string;
  /** at most 5,000; 1,000 when not given */
  limit?: number;
  /** the next page: the complaints listed after this one, the last of the page before (list-every.ts pages with it) */
  after?: { receivedAt: string; publicId: string };
}

export type ComplaintUpdate =
  | { kind: 'updated'; complaint: Complaint }
  | { kind: 'not-found'; trackingCode: string }
  | { kind: 'invalid-transition'; from: ComplaintStatus; action: string };

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
  /** canonical JSON of `content` (newPublication writes it): what the store keeps and the digest covers */
  contentJson: string;
  photos: readonly NewPhoto[];
  /** SHA-256 of the canonical content (see publication-digest.ts) */
  sha256: string;
  /**
   * Subsidy lists only: keyed fingerprints of the beneficiaries' ID numbers, by row (made at import
   * before masking; data/import/beneficiary-key.ts). Stored with the version, never published;
   * read through BeneficiaryIndex (flag-store.ts).
   */
  beneficiaryKeys?: readonly BeneficiaryKey[];
}

export interface BeneficiaryKey {
  row: number;
  /** hex HMAC-SHA-256 */
  key: string;
  /** `id`: of the full ID number; `name-masked-id`: of the name with the visible digits of a masked ID */
  match: 'id' | 'name-masked-id';
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

export interface TokenRecord extends NewToken {
  /** made in the console (issue 13): when it stops working, and when it was revoked; null for neither */
  expiresAt?: string | null;
  revokedAt?: string | null;
  createdBy?: string | null;
}

/** The largest page `search` returns, whatever the backend: the API refuses larger ones. */
export const MAX_SEARCH_PAGE_SIZE = 100;

/**
 * A query matching more rows than this counts its facets over its this-many newest matches (see
 * SearchPage.window): counting costs work per matching row, and this keeps a broad query on a
 * million rows within the latency goal. Elasticsearch's max_result_window is the same idea.
 */
export const RANK_WINDOW = 10_000;

export interface SearchQuery {
  /** the words; empty: browse, every row the filters let through */
  q: string;
  /** division code prefixes: a county (6 digits), township (9) or village (12) */
  county?: string;
  township?: string;
  village?: string;
  kind?: PublicationKind;
  /**
   * ISO dates, inclusive: a row with a date (entry date, payment date, project start) counts when
   * that date is in [from, to]; a row without one when its publication's period overlaps [from, to].
   */
  from?: string;
  to?: string;
  /** fen: rows whose amount (income, expense, subsidy amount, project budget) is in [min, max] */
  min?: number;
  max?: number;
  /**
   * relevance: best first (newest first without words); date: newest first; amount: largest
   * first, over the newest RANK_WINDOW matches (SearchPage.window says when there were more)
   */
  sort: 'relevance' | 'date' | 'amount';
  /** 1-based */
  page: number;
  /** at most 100 (larger values are clamped) */
  pageSize: number;
}

export interface SearchHit {
  village: VillageCode;
  publicationId: string;
  kind: PublicationKind;
  period: string;
  publishedAt: string;
  /** the row number in the uploaded file (the anchor `r{row}` on the publication page) */
  row: number;
  /** the row's text as indexed (summary, account, names, amounts …), for snippets */
  text: string;
  /** higher is better */
  score: number;
}

export interface SearchPage {
  /** every matching row, exactly */
  total: number;
  /**
   * county code → hits, kind → hits, before pagination: over every match, or over the `window`
   * newest when `window` is set
   */
  facets: { county: Record<string, number>; kind: Record<string, number> };
  hits: SearchHit[];
  /**
   * true when no row had every query token, so these are the rows with some of them, best first
   * (a mistyped or missing character); the page should say so ("没有完全匹配的结果，以下为部分匹配").
   */
  fallback: boolean;
  /**
   * null: the facets count every match. A number N (the backend's RANK_WINDOW): more than N rows
   * matched, and the facets count the N newest of them; filters narrow the search until it fits.
   */
  window: number | null;
}
