import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Publication } from '../../data/publication.ts';
import { MAX_STALE_ATTEMPTS, staleRetryDelayMs, type ClaimedStale, type PageOutbox, type StalePage } from '../../data/store/page-outbox.ts';
import type { SiteBuilder } from './site-builder.ts';

/**
 * Keeps the static pages fresh from the store's outbox of stale pages (data/store/page-outbox.ts):
 * claims what is due, coalesces it (one rebuild of a village however many complaints it had, one
 * rebuild of the region pages above a batch of villages), builds it, and finishes it; a failed
 * build is retried with backoff and, after the last attempt, kept as failed for staff to see.
 * Several processes on one PostgreSQL each run one; they share the work through the claims.
 *
 * It looks for work every `pollMs` (changes another process stored) and at once when this process
 * stores one (`nudge`), but starts batches at most once per `intervalMs`, so a burst of 1,000
 * complaints a second costs one rebuild per interval, not 1,000. The figures are public
 * statistics, so a second late is fine; a complaint's own status is on its tracking page, which
 * reads the store on every request.
 */
export type OutboxRebuilds = Pick<SiteBuilder, 'rebuildForPublication' | 'rebuildVillages' | 'rebuildRounds' | 'rebuildPowerLists' | 'rebuildSummaries'>;

export interface OutboxBuilderOptions {
  outbox: PageOutbox;
  builder: OutboxRebuilds;
  getPublication: (id: string) => Promise<Publication | null>;
  /** names this builder in its claims; the host, pid and a random part by default */
  owner?: string;
  /** the least time between the starts of two batches; 1 s by default */
  intervalMs?: number;
  /** how often to look for work stored by other processes; 1 s by default */
  pollMs?: number;
  /** rows claimed at once */
  batch?: number;
  /** how long a claim is this builder's before another may take it over */
  leaseMs?: number;
  /** the wall clock the outbox compares leases on (page-outbox.ts) */
  wallClock?: () => Date;
  /** a failed build; its rows are tried again later */
  onError?: (error: unknown, pages: readonly ClaimedStale[]) => void;
  /** a batch was built: its rows, with when they became stale, and when they were done */
  onBuilt?: (built: { pages: readonly ClaimedStale[]; finishedAt: Date }) => void;
}

export interface OutboxBuilder {
  /** starts looking for work (after the first full build: rebuilds must not race it) */
  start(): void;
  /** records pages as stale (changes stored without their own outbox write) and looks for work soon */
  touch(pages: readonly StalePage[]): void;
  /** this process stored a change: look for work soon */
  nudge(): void;
  /** builds everything due now, without waiting for the interval; resolves when nothing due is left */
  flush(): Promise<void>;
  /** stops looking for work and waits for the batch being built (what is left stays in the outbox) */
  close(): Promise<void>;
}

export const DEFAULT_OUTBOX_INTERVAL_MS = 1_000;
export const DEFAULT_OUTBOX_POLL_MS = 1_000;
const DEFAULT_BATCH = 500;
// Long enough for the home page of the whole country to be rebuilt in one batch.
const DEFAULT_LEASE_MS = 10 * 60_000;

export function createOutboxBuilder(opts: OutboxBuilderOptions): OutboxBuilder {
  const interval = opts.intervalMs ?? DEFAULT_OUTBOX_INTERVAL_MS;
  const poll = opts.pollMs ?? DEFAULT_OUTBOX_POLL_MS;
  const wallClock = opts.wallClock ?? (() => new Date());
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const onError = opts.onError ?? ((error, pages) => console.error(`[site] rebuilding ${pages.length} stale page(s) failed; will retry:`, error));
  const { outbox } = opts;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let closed = false;
  let started = false;
  let wanted = false;

  /** One batch: claim, build, settle. Returns whether anything was claimed. */
  const batch = async (): Promise<boolean> => {
    const now = wallClock();
    const claimed = await outbox.claimStale({
      owner,
      limit: opts.batch ?? DEFAULT_BATCH,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
    });
    if (claimed.length === 0) return false;
    lastStart = Date.now();
    const built: ClaimedStale[] = [];
    for (const group of await plan(claimed, opts)) {
      try {
        await group.build();
        await outbox.finishStale(owner, group.rows.map((r) => r.id), wallClock().toISOString());
        built.push(...group.rows);
      } catch (error) {
        onError(error, group.rows);
        await fail(group.rows, error);
      }
    }
    if (built.length > 0) opts.onBuilt?.({ pages: built, finishedAt: wallClock() });
    return true;
  };

  const fail = async (rows: readonly ClaimedStale[], error: unknown) => {
    const now = wallClock();
    const message = error instanceof Error ? error.message : String(error);
    const [retry, giveUp] = [rows.filter((r) => r.attempts < MAX_STALE_ATTEMPTS), rows.filter((r) => r.attempts >= MAX_STALE_ATTEMPTS)];
    // rows of one group may have been claimed a different number of times: each waits its own delay
    for (const row of retry) {
      await outbox.failStale(owner, { ids: [row.id], error: message, retryAt: new Date(now.getTime() + staleRetryDelayMs(row.attempts)).toISOString(), now: now.toISOString() });
    }
    if (giveUp.length > 0) await outbox.failStale(owner, { ids: giveUp.map((r) => r.id), error: message, retryAt: null, now: now.toISOString() });
  };

  const schedule = (delay: number) => {
    if (closed || !started || running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, delay));
    // Waiting for work must not keep a finished process (a CLI, a test run) alive.
    timer.unref?.();
  };

  const tick = () => {
    timer = null;
    if (running || closed) return;
    wanted = false;
    running = batch()
      .catch((error: unknown) => console.error('[site] reading the outbox of stale pages failed:', error))
      .then(() => undefined)
      .finally(() => {
        running = null;
        if (closed) return;
        const soonest = lastStart + interval - Date.now();
        schedule(wanted ? soonest : Math.max(soonest, poll));
      });
  };

  const nudge = () => {
    if (closed) return;
    if (running) {
      wanted = true;
      return;
    }
    schedule(lastStart + interval - Date.now());
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    touch(pages) {
      outbox
        .markStale(pages, wallClock().toISOString())
        .then(nudge)
        .catch((error: unknown) => console.error('[site] recording stale pages failed:', error));
    },
    nudge,
    async flush() {
      for (;;) {
        while (running) await running;
        if (timer) clearTimeout(timer);
        timer = null;
        const current = batch();
        running = current.then(() => undefined);
        let more: boolean;
        try {
          more = await current;
        } finally {
          running = null;
        }
        if (!more) break;
      }
      if (!closed) schedule(Math.max(lastStart + interval - Date.now(), poll));
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (running) await running;
    },
  };
}

// ——— private helpers ———

interface Group {
  rows: ClaimedStale[];
  build: () => Promise<unknown>;
}

/**
 * What a batch builds, coalesced: each version once (its village page with it), the villages not
 * already rebuilt with a version in one call, the rounds in one, the power lists once.
 */
async function plan(claimed: readonly ClaimedStale[], opts: Pick<OutboxBuilderOptions, 'builder' | 'getPublication'>): Promise<Group[]> {
  const of = (target: ClaimedStale['target']) => claimed.filter((c) => c.target === target);
  const groups: Group[] = [];
  const rebuiltVillages = new Set<string>();
  const byPublication = new Map<string, ClaimedStale[]>();
  for (const row of of('publication')) byPublication.set(row.key, [...(byPublication.get(row.key) ?? []), row]);
  for (const [id, rows] of byPublication) {
    const publication = await opts.getPublication(id);
    // not stored (a row from a store restored from an older backup): nothing to build
    if (!publication) {
      groups.push({ rows, build: async () => undefined });
      continue;
    }
    rebuiltVillages.add(publication.village);
    groups.push({ rows, build: () => opts.builder.rebuildForPublication(publication) });
  }
  const villageRows = of('village');
  const villages = [...new Set(villageRows.map((r) => r.key))].filter((v) => !rebuiltVillages.has(v));
  if (villageRows.length > 0) groups.push({ rows: villageRows, build: async () => (villages.length > 0 ? opts.builder.rebuildVillages(villages) : undefined) });
  const rounds = of('round');
  if (rounds.length > 0) groups.push({ rows: rounds, build: () => opts.builder.rebuildRounds([...new Set(rounds.map((r) => r.key))]) });
  const power = of('power-lists');
  if (power.length > 0) groups.push({ rows: power, build: () => opts.builder.rebuildPowerLists() });
  const summaries = of('region-summaries');
  if (summaries.length > 0) groups.push({ rows: summaries, build: () => opts.builder.rebuildSummaries([...new Set(summaries.map((r) => r.key))]) });
  return groups;
}
