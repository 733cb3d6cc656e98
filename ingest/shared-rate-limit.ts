import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { createRateLimiter, type RateDecision, type RateLimiter, type RateLimiterFactory } from './rate-limit.ts';

/**
 * The complaint limits counted in PostgreSQL, so several portal processes behind one address
 * share one allowance per client (issue 14), through `rate-limiter-flexible`'s RateLimiterPostgres
 * on a small pool of its own. Its table, `rate_limits`, is made by the store's schema 8, so two
 * processes starting at once do not both create it. When the database does not answer, each
 * process counts in memory meanwhile: a request is never refused for the database's sake, and
 * never let through unlimited. A count is not worth an fsync: the table is UNLOGGED and this
 * pool commits asynchronously, so a crash may forget the last counts (a client gets a few more
 * tries, once), and filing a complaint costs no second disk flush.
 */
export function postgresRateLimiters(url: string): { make: RateLimiterFactory; close(): Promise<void> } {
  // The URL's own `options` (a search_path, say) are kept, as pool-client.ts keeps them.
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 4, options: ['-c synchronous_commit=off', ...(own ? [own] : [])].join(' ') });
  pool.on('error', (error) => console.error('[pg] idle rate-limit connection failed:', error.message));
  const make: RateLimiterFactory = ({ name, limit, windowMs, clock }) => {
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: name,
      points: limit,
      duration: Math.ceil(windowMs / 1000),
    });
    const fallback = createRateLimiter({ limit, windowMs, clock });
    return {
      async take(key): Promise<RateDecision> {
        try {
          const res = await limiter.consume(key);
          return { ok: true, remaining: res.remainingPoints };
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
          console.error(`[rate-limit] counting ${name} in the database failed; counting in memory:`, rejection);
          return fallback.take(key);
        }
      },
    } satisfies RateLimiter;
  };
  return { make, close: () => pool.end() };
}
