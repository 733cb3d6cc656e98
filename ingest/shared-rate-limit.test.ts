import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolClient } from '../data/store/pg/pool-client.ts';
import { migratePg } from '../data/store/pg/migrations.ts';
import { openTestDatabase } from '../test/support/test-database.ts';
import { inCI, testDatabaseUrl } from '../test/support/environment.ts';
import { postgresRateLimiters } from './shared-rate-limit.ts';

// Several portal processes on one server share each client's allowance. Needs the server
// (PORTAL_TEST_DATABASE_URL): PGlite cannot be reached from two processes, so there is nothing to share.
describe.runIf(testDatabaseUrl || inCI)('complaint limits counted in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const limiters: ReturnType<typeof postgresRateLimiters>[] = [];
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const client = poolClient(database.url!);
    await migratePg(client);
    await client.close();
  });
  afterAll(async () => {
    for (const l of limiters) await l.close();
    await database?.drop();
  });

  it('counts one allowance per client across two processes, and each limit apart', async () => {
    const clock = () => new Date();
    const [a, b] = [postgresRateLimiters(database.url!), postgresRateLimiters(database.url!)];
    limiters.push(a, b);
    const filingA = a.make({ name: 'filing', limit: 3, windowMs: 3_600_000, clock });
    const filingB = b.make({ name: 'filing', limit: 3, windowMs: 3_600_000, clock });
    const lookupsB = b.make({ name: 'lookups', limit: 1, windowMs: 60_000, clock });
    const decisions = [];
    for (const limiter of [filingA, filingB, filingA, filingB, filingA]) decisions.push(await limiter.take('203.0.113.7'));
    expect(decisions.map((d) => d.ok)).toEqual([true, true, true, false, false]);
    expect(decisions[3]).toMatchObject({ ok: false });
    const refused = decisions[3]!;
    expect(!refused.ok && refused.retryAfterSeconds > 3_000 && refused.retryAfterSeconds <= 3_600).toBe(true);
    // another client, another limit: their own allowances
    expect(await filingB.take('198.51.100.9')).toEqual({ ok: true, remaining: 2 });
    expect(await lookupsB.take('203.0.113.7')).toEqual({ ok: true, remaining: 0 });
  });
});
