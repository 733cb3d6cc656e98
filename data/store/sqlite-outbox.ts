import type Database from 'better-sqlite3';
import { distinctStale, FINISHED_KEPT_MS, type ClaimedStale, type OutboxBacklog, type PageOutbox, type StalePage, type StaleTarget } from './page-outbox.ts';

/**
 * The outbox of stale pages in SQLite (migration 14). `record` is for the store's own write
 * transactions (a publication, a complaint, a takedown): it runs inside them, so the work commits
 * with the change or not at all. A claim runs in an IMMEDIATE transaction, so one builder at a
 * time claims: SQLite's single writer.
 */
export interface SqliteOutbox extends PageOutbox {
  /** inside a write transaction: these pages are stale as of now */
  record(pages: readonly StalePage[]): void;
}

export function createSqliteOutbox(db: Database.Database, wallClock: () => Date = () => new Date()): SqliteOutbox {
  const sql = prepare(db);
  const record = (pages: readonly StalePage[], at = wallClock().toISOString()): void => {
    for (const page of distinctStale(pages)) sql.insert.run(page.target, page.key, at, at);
  };
  const markTx = db.transaction((pages: readonly StalePage[], at: string) => record(pages, at));
  const claimTx = db.transaction((owner: string, limit: number, now: string, leaseUntil: string) =>
    (sql.claim.all({ owner, limit, now, leaseUntil }) as OutboxRow[]).map(toClaimed).sort((a, b) => a.id - b.id),
  );
  const finishTx = db.transaction((owner: string, ids: readonly number[], now: string) => {
    for (const id of ids) sql.finish.run(now, id, owner);
    sql.purge.run(new Date(Date.parse(now) - FINISHED_KEPT_MS).toISOString());
  });
  const restaleTx = db.transaction((since: string, now: string): number => {
    const pages = sql.finishedSince.all(since) as StalePage[];
    record(pages, now);
    return pages.length;
  });
  const failTx = db.transaction((owner: string, ids: readonly number[], error: string, retryAt: string | null, now: string) => {
    for (const id of ids) {
      if (retryAt === null) sql.giveUp.run({ id, owner, error, now });
      else sql.retry.run({ id, owner, error, retryAt });
    }
  });

  return {
    record: (pages) => record(pages),
    async markStale(pages, at) {
      if (pages.length > 0) markTx.immediate(pages, at);
    },
    async claimStale({ owner, limit, now, leaseUntil }) {
      return claimTx.immediate(owner, limit, now, leaseUntil);
    },
    async finishStale(owner, ids, now) {
      if (ids.length > 0) finishTx.immediate(owner, ids, now);
    },
    async restaleFinishedSince(since, now) {
      return restaleTx.immediate(since, now);
    },
    async failStale(owner, { ids, error, retryAt, now }) {
      if (ids.length > 0) failTx.immediate(owner, ids, error, retryAt, now);
    },
    async staleBacklog(): Promise<OutboxBacklog> {
      const counts = sql.counts.get() as { waiting: number; claimed: number; failed: number; oldest: string | null };
      const failures = (sql.failures.all() as { target: StaleTarget; key: string; attempts: number; failed_at: string; last_error: string | null }[]).map((r) => ({
        target: r.target,
        key: r.key,
        attempts: r.attempts,
        failedAt: r.failed_at,
        error: r.last_error ?? '',
      }));
      return { waiting: counts.waiting ?? 0, claimed: counts.claimed ?? 0, failed: counts.failed ?? 0, oldestStaleSince: counts.oldest, failures };
    },
  };
}

// ——— private helpers ———

interface OutboxRow {
  id: number;
  target: StaleTarget;
  key: string;
  stale_since: string;
  attempts: number;
}

const toClaimed = (r: OutboxRow): ClaimedStale => ({ id: r.id, target: r.target, key: r.key, staleSince: r.stale_since, attempts: r.attempts });

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO page_outbox (target, key, stale_since, not_before) VALUES (?, ?, ?, ?)
       ON CONFLICT (target, key) WHERE attempts = 0 AND claimed_by IS NULL DO NOTHING`,
    ),
    claim: db.prepare(
      `UPDATE page_outbox SET claimed_by = :owner, claimed_until = :leaseUntil, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM page_outbox
         WHERE failed_at IS NULL AND finished_at IS NULL AND not_before <= :now AND (claimed_until IS NULL OR claimed_until < :now)
         ORDER BY id LIMIT :limit)
       RETURNING id, target, key, stale_since, attempts`,
    ),
    finish: db.prepare('UPDATE page_outbox SET finished_at = ? WHERE id = ? AND claimed_by = ? AND finished_at IS NULL'),
    purge: db.prepare('DELETE FROM page_outbox WHERE finished_at < ?'),
    finishedSince: db.prepare('SELECT DISTINCT target, key FROM page_outbox WHERE finished_at >= ? ORDER BY target, key'),
    retry: db.prepare(
      'UPDATE page_outbox SET claimed_by = NULL, claimed_until = NULL, not_before = :retryAt, last_error = :error WHERE id = :id AND claimed_by = :owner AND finished_at IS NULL',
    ),
    giveUp: db.prepare(
      'UPDATE page_outbox SET claimed_by = NULL, claimed_until = NULL, failed_at = :now, last_error = :error WHERE id = :id AND claimed_by = :owner AND finished_at IS NULL',
    ),
    counts: db.prepare(
      `SELECT
         sum(failed_at IS NULL AND claimed_by IS NULL) AS waiting,
         sum(failed_at IS NULL AND claimed_by IS NOT NULL) AS claimed,
         sum(failed_at IS NOT NULL) AS failed,
         min(CASE WHEN failed_at IS NULL THEN stale_since END) AS oldest
       FROM page_outbox WHERE finished_at IS NULL`,
    ),
    failures: db.prepare('SELECT target, key, attempts, failed_at, last_error FROM page_outbox WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT 20'),
  };
}
