/**
 * A fixed-window limiter in memory: at most `limit` requests per key in each window of
 * `windowMs`, the window starting at a key's first request. Memory is bounded: past `maxKeys`
 * keys, finished windows are dropped first, then the oldest ones. Dropping a key early only
 * ever lets that client in sooner — under a flood of distinct addresses, which a per-address
 * limit cannot stop anyway. One process, one memory: several processes on one PostgreSQL count
 * in the database instead (shared-rate-limit.ts).
 */

export interface RateLimiter {
  /** Counts one request for `key`; refused ones are counted too, so hammering does not help. */
  take(key: string): RateDecision | Promise<RateDecision>;
}

/** Makes the portal's limiters: in memory (one process) or in the database (several). */
export type RateLimiterFactory = (options: { name: string; limit: number; windowMs: number; clock: () => Date }) => RateLimiter;

export const memoryRateLimiters: RateLimiterFactory = ({ limit, windowMs, clock }) => createRateLimiter({ limit, windowMs, clock });

export interface MemoryRateLimiter extends RateLimiter {
  take(key: string): RateDecision;
  /** keys currently held (for tests and the bench) */
  size(): number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  clock: () => Date;
  /** 100,000 unless given */
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimitOptions): MemoryRateLimiter {
  const { limit, windowMs, clock } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  // Insertion order is window-start order: a key is re-inserted whenever its window restarts.
  const windows = new Map<string, Window>();

  const evict = (now: number) => {
    for (const [key, w] of windows) {
      if (windows.size < maxKeys) return;
      if (w.start + windowMs <= now) windows.delete(key);
      else break;
    }
    // All still running: the oldest go.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) return;
      windows.delete(key);
    }
  };

  return {
    take(key) {
      const now = clock().getTime();
      let w = windows.get(key);
      if (!w || w.start + windowMs <= now) {
        if (w) windows.delete(key);
        else if (windows.size >= maxKeys) evict(now);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= limit) return { ok: true, remaining: limit - w.count };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
    },
    size: () => windows.size,
  };
}

// ——— private helpers ———

interface Window {
  start: number;
  count: number;
}
