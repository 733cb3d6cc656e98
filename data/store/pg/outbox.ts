import { distinctStale, FINISHED_KEPT_MS, type ClaimedStale, type OutboxBacklog, type PageOutbox, type StalePage, type StaleTarget } from '../page-outbox.ts';
import type { PgClient, PgQueryable } from './client.ts';

/**
 * The outbox of stale pages in PostgreSQL (schema 8). `record` runs inside the store's own write
 * transactions (a publication, a complaint, a takedown), so the work commits with the change. A
 * claim skips rows another builder's claim has locked (FOR UPDATE SKIP LOCKED): builders in
 * several processes share the work without waiting on each other or taking a row twice.
 */
export type RecordStale = (tx: PgQueryable, pages: readonly StalePage[]) => Promise<void>;

export interface PgOutbox extends PageOutbox {
  /** inside a write transaction: these pages are stale as of now */
  record: RecordStale;
}

export function createPgOutbox(db: PgClient, wallClock: () => Date = () => new Date()): PgOutbox {
  const record = async (tx: PgQueryable, pages: readonly StalePage[], at = wallClock().toISOString()): Promise<void> => {
    const distinct = distinctStale(pages);
    if (distinct.length === 0) return;
    await tx.query(
      `INSERT INTO page_outbox (target, key, stale_since, not_before)
       SELECT t, k, $3, $3 FROM unnest($1::text[], $2::text[]) AS u (t, k)
       ON CONFLICT (target, key) WHERE attempts = 0 AND claimed_by IS NULL DO NOTHING`,
      [distinct.map((p) => p.target), distinct.map((p) => p.key), at],
    );
  };

  return {
    record: (tx, pages) => record(tx, pages),

    markStale: (pages, at) => db.transaction((tx) => record(tx, pages, at)),

    async claimStale({ owner, limit, now, leaseUntil }) {
      const rows = await db.query<{ id: string | number; target: StaleTarget; key: string; stale_since: string; attempts: number }>(
        `UPDATE page_outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM page_outbox
           WHERE failed_at IS NULL AND finished_at IS NULL AND not_before <= $3 AND (claimed_until IS NULL OR claimed_until < $3)
           ORDER BY id LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING id, target, key, stale_since, attempts`,
        [owner, leaseUntil, now, limit],
      );
      return rows
        .map((r): ClaimedStale => ({ id: Number(r.id), target: r.target, key: r.key, staleSince: r.stale_since, attempts: r.attempts }))
        .sort((a, b) => a.id - b.id);
    },

    async finishStale(owner, ids, now) {
      if (ids.length === 0) return;
      await db.query('UPDATE page_outbox SET finished_at = $3 WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND finished_at IS NULL', [ids, owner, now]);
      await db.query('DELETE FROM page_outbox WHERE finished_at < $1', [new Date(Date.parse(now) - FINISHED_KEPT_MS).toISOString()]);
    },

    restaleFinishedSince: (since, now) =>
      db.transaction(async (tx) => {
        const pages = await tx.query<StalePage>('SELECT DISTINCT target, key FROM page_outbox WHERE finished_at >= $1 ORDER BY target, key', [since]);
        await record(tx, pages, now);
        return pages.length;
      }),

    async failStale(owner, { ids, error, retryAt, now }) {
      if (ids.length === 0) return;
      if (retryAt === null) {
        await db.query('UPDATE page_outbox SET claimed_by = NULL, claimed_until = NULL, failed_at = $3, last_error = $4 WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND finished_at IS NULL', [ids, owner, now, error]);
      } else {
        await db.query('UPDATE page_outbox SET claimed_by = NULL, claimed_until = NULL, not_before = $3, last_error = $4 WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND finished_at IS NULL', [ids, owner, retryAt, error]);
      }
    },

    async staleBacklog(): Promise<OutboxBacklog> {
      const counts = (
        await db.query<{ waiting: number; claimed: number; failed: number; oldest: string | null }>(
          `SELECT
             count(*) FILTER (WHERE failed_at IS NULL AND claimed_by IS NULL)::integer AS waiting,
             count(*) FILTER (WHERE failed_at IS NULL AND claimed_by IS NOT NULL)::integer AS claimed,
             count(*) FILTER (WHERE failed_at IS NOT NULL)::integer AS failed,
             min(stale_since) FILTER (WHERE failed_at IS NULL) AS oldest
           FROM page_outbox WHERE finished_at IS NULL`,
        )
      )[0]!;
      const failures = await db.query<{ target: StaleTarget; key: string; attempts: number; failed_at: string; last_error: string | null }>(
        'SELECT target, key, attempts, failed_at, last_error FROM page_outbox WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT 20',
      );
      return {
        waiting: counts.waiting,
        claimed: counts.claimed,
        failed: counts.failed,
        oldestStaleSince: counts.oldest,
        failures: failures.map((r) => ({ target: r.target, key: r.key, attempts: r.attempts, failedAt: r.failed_at, error: r.last_error ?? '' })),
      };
    },
  };
}
