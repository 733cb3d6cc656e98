import type { RegionSummary } from '../summary/region-summary.ts';

/**
 * Townships', counties' and cities' summary tables (issue 15; data/summary/region-summary.ts):
 * their own small interface, with its contract suite (summary-contract.ts) run on every backend.
 *
 * Invariants under concurrent writers:
 * - a scope's summaries are numbered 1, 2 … in the order stored, with no gap or repeat: the number
 *   is the page's address (/r/{scope}/summary/{seq}/), printed and linked for years;
 * - a series (one title and period of one scope, `summarySeries`) has versions 1, 2 …; a new
 *   version supersedes the newest before it, so no two versions supersede the same one;
 * - a summary, its `region-summary` leaf and its pages' outbox row (`region-summaries`) commit
 *   together; nothing is updated or deleted.
 */
export interface StoredSummary {
  scope: string;
  seq: number;
  series: string;
  version: number;
  /** the seq of the version this one corrects; null for a series' first */
  supersedes: number | null;
  document: RegionSummary;
  publishedAt: string;
  logIndex: number;
}

export interface SummaryStore {
  /** Stores a summary as its series' next version (the first when the series is new), with its leaf. */
  publishSummary(document: RegionSummary, at: string): Promise<StoredSummary>;
  /** Every version the scope published (that scope only, not the divisions under it), oldest first. */
  listSummaries(scope: string): Promise<StoredSummary[]>;
  /** Every version published by the scope and by every division under it, by scope (as text), then seq: a county's bulk data. */
  listSummariesUnder(prefix: string): Promise<StoredSummary[]>;
}
