/**
 * The durable outbox of derived pages (issue 14): which static pages and figures are stale.
 *
 * The transaction that stores a publication, a complaint or one of its steps, or a takedown also
 * writes what it made stale here, so a process killed right after the commit leaves the work
 * recorded, not lost with an in-memory queue. Builders (site/build/outbox-builder.ts), in one
 * process or several, claim due work, rebuild it and finish it, or fail it to be tried again
 * later. Changes stored without a transaction of their own here (red flags, rounds, 四议两公开
 * entries, power lists, settings) are marked stale right after their commit (`markStale`).
 *
 * Invariants, on every backend (page-outbox-contract.ts):
 * - a fresh row is unique per (target, key): a burst of 1,000 complaints in a village waiting to
 *   be built is one row; work marked after a claim is a new row, since the claimed build may
 *   have read the store before that change;
 * - a claim takes each due row once, whichever builder asks: claimed rows are leased to their
 *   builder until `leaseUntil` (a builder that died gives them back when the lease ends). On
 *   PostgreSQL concurrent builders skip each other's rows (FOR UPDATE SKIP LOCKED); SQLite has
 *   one writer, so one builder at a time claims;
 * - only the builder holding a claim finishes or fails it; a failed row is due again at its
 *   `retryAt`, or stays as failed (`retryAt` null) for staff to see in the backlog;
 * - a finished row is kept for a while (FINISHED_KEPT_MS), so a full build that swapped in a site
 *   rendered from older reads can mark again what was built while it ran (`restaleFinishedSince`).
 *
 * Times are ISO texts of the wall clock: the outbox is operational, not public record, and every
 * process must compare leases on one clock.
 */
export const STALE_TARGETS = ['publication', 'village', 'round', 'power-lists', 'region-summaries'] as const;
export type StaleTarget = (typeof STALE_TARGETS)[number];

/**
 * - `publication` (key: its id): the version's pages, its series', its village page, the region
 *   pages above it and the home page;
 * - `village` (key: a village code): the village page (complaint figures, flags, matters) and the
 *   region pages above it with the home page;
 * - `round` (key: a round id): the round's notice and the region pages its scope is under;
 * - `power-lists` (key: the scope that published): the 小微权力清单 pages;
 * - `region-summaries` (key: the township, county or city that published): its summary tables'
 *   pages and its own region page (or the home page, for the region's root).
 */
export interface StalePage {
  target: StaleTarget;
  key: string;
}

export interface ClaimedStale extends StalePage {
  id: number;
  /** when the first change this row stands for committed */
  staleSince: string;
  /** claims so far, this one included */
  attempts: number;
}

export interface StaleClaim {
  owner: string;
  limit: number;
  now: string;
  leaseUntil: string;
}

export interface StaleFailure {
  ids: readonly number[];
  error: string;
  /** when the rows are due again; null: give up, keep them as failed */
  retryAt: string | null;
  now: string;
}

export interface OutboxBacklog {
  /** rows no builder holds, due now or later */
  waiting: number;
  /** rows a builder holds under a lease */
  claimed: number;
  /** rows given up on after the last attempt */
  failed: number;
  /** the oldest change still not built, failed rows aside */
  oldestStaleSince: string | null;
  /** the failed rows' last errors, newest first (at most 20) */
  failures: { target: StaleTarget; key: string; attempts: number; failedAt: string; error: string }[];
}

export interface PageOutbox {
  /** records pages as stale in a transaction of its own (for changes stored without one here) */
  markStale(pages: readonly StalePage[], at: string): Promise<void>;
  /** leases up to `limit` due rows to `owner`, oldest first */
  claimStale(claim: StaleClaim): Promise<ClaimedStale[]>;
  /**
   * The rows were built (only those `owner` still holds): they leave the work, kept as finished at
   * `now` for a while; rows finished more than FINISHED_KEPT_MS before `now` are removed.
   */
  finishStale(owner: string, ids: readonly number[], now: string): Promise<void>;
  /** the build failed: the rows are due again at `retryAt`, or kept as failed */
  failStale(owner: string, failure: StaleFailure): Promise<void>;
  staleBacklog(): Promise<OutboxBacklog>;
  /**
   * Marks stale again, as of `now`, every page whose row finished at or after `since`: a full build
   * that read the store from `since` on and then replaced the site may have overwritten them.
   * Returns how many pages.
   */
  restaleFinishedSince(since: string, now: string): Promise<number>;
}

/** How long finished rows are kept: longer than any full build, so it can mark them again. */
export const FINISHED_KEPT_MS = 24 * 3_600_000;

/** Claims before a row is given up on: with the delays below, about 4 minutes of trying. */
export const MAX_STALE_ATTEMPTS = 8;

/** Exponential backoff, 1 s after the first failure, doubling, at most 2 minutes. */
export function staleRetryDelayMs(attempts: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 120_000);
}

/** The stale pages of one transaction, without repeats (the order kept). */
export function distinctStale(pages: readonly StalePage[]): StalePage[] {
  const seen = new Set<string>();
  return pages.filter((p) => {
    const id = `${p.target}\u0000${p.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
