import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newComplaint } from '../../data/complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { fixtureFinance, fixtureVersion, FIXTURE_VILLAGE } from '../../data/store/contract-fixtures.ts';
import { MAX_STALE_ATTEMPTS } from '../../data/store/page-outbox.ts';
import { openSqliteOnFile } from '../../data/store/sqlite-on-file.ts';
import type { SqliteStore } from '../../data/store/sqlite-store.ts';
import { createOutboxBuilder, type OutboxBuilder, type OutboxRebuilds } from './outbox-builder.ts';

const OTHER_VILLAGE = '430802108215';

describe('the outbox builder', () => {
  let opened: Awaited<ReturnType<typeof openSqliteOnFile>>;
  let store: SqliteStore;
  let calls: string[];
  let failing: Set<string>;
  let builders: OutboxBuilder[];
  const rebuilds: OutboxRebuilds = {
    rebuildForPublication: async (p) => record(`publication ${p.id}`),
    rebuildVillages: async (codes) => ({ ...(await record(`villages ${[...codes].sort().join(',')}`)), villages: codes.length }),
    rebuildRounds: async (ids) => record(`rounds ${[...ids].join(',')}`),
    rebuildPowerLists: async () => record('power lists'),
    rebuildSummaries: async (scopes) => record(`summaries ${[...scopes].sort().join(',')}`),
  };
  const record = async (call: string) => {
    calls.push(call);
    if (failing.has(call)) throw new Error(`${call}: render failed`);
    return { files: 1, ms: 0, withheld: [] };
  };
  const builder = (options: Partial<Parameters<typeof createOutboxBuilder>[0]> = {}) => {
    const made = createOutboxBuilder({ outbox: store, builder: rebuilds, getPublication: (id) => store.getPublication(id), onError: () => {}, ...options });
    builders.push(made);
    return made;
  };
  const complaint = (n: number, village = FIXTURE_VILLAGE) =>
    newComplaint({ village, category: '财务公开', text: `第${n}号：账目看不明白，请解释。`, anonymous: true }, trackingCodeFrom(Uint8Array.from([n, 9, 8, 7, 6, 5, 4])), '2026-12-06T08:00:00.000Z');

  beforeEach(async () => {
    opened = await openSqliteOnFile('cunwu-outbox-builder-');
    store = opened.store;
    calls = [];
    failing = new Set();
    builders = [];
  });
  afterEach(async () => {
    for (const b of builders) await b.close();
    await opened.cleanup();
  });

  it('builds a batch coalesced: each version once with its village, other villages in one call, rounds, power lists once, summaries in one call', async () => {
    for (let n = 1; n <= 20; n += 1) await store.fileComplaint(complaint(n, n % 2 === 0 ? FIXTURE_VILLAGE : OTHER_VILLAGE));
    await store.publish(fixtureVersion('pub-1', fixtureFinance('收支', 100)));
    const stale = [{ target: 'round', key: '3' }, { target: 'power-lists', key: '430802' }, { target: 'power-lists', key: '430821' }, { target: 'region-summaries', key: '430802108' }, { target: 'region-summaries', key: '430802' }] as const;
    await store.markStale(stale, new Date().toISOString());
    await builder().flush();
    expect(calls).toEqual(['publication pub-1', `villages ${OTHER_VILLAGE}`, 'rounds 3', 'power lists', 'summaries 430802,430802108']);
    expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0, failed: 0 });
  });

  it('retries a failed build with backoff and keeps it as failed after the last attempt, while the rest is finished', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }], new Date(now).toISOString());
    await store.markStale([{ target: 'round', key: '3' }], new Date(now).toISOString());
    failing.add(`villages ${FIXTURE_VILLAGE}`);
    const b = builder({ wallClock: () => new Date(now) });
    await b.flush();
    expect(calls).toEqual([`villages ${FIXTURE_VILLAGE}`, 'rounds 3']);
    expect(await store.staleBacklog()).toMatchObject({ waiting: 1, claimed: 0, failed: 0 });
    // not due before its retry time
    await b.flush();
    expect(calls).toHaveLength(2);
    for (let attempt = 2; attempt <= MAX_STALE_ATTEMPTS; attempt += 1) {
      now += 5 * 60_000;
      await b.flush();
    }
    expect(calls.filter((c) => c.startsWith('villages'))).toHaveLength(MAX_STALE_ATTEMPTS);
    const backlog = await store.staleBacklog();
    expect(backlog).toMatchObject({ waiting: 0, failed: 1 });
    expect(backlog.failures[0]).toMatchObject({ target: 'village', key: FIXTURE_VILLAGE, attempts: MAX_STALE_ATTEMPTS, error: `villages ${FIXTURE_VILLAGE}: render failed` });
    now += 60 * 60_000;
    await b.flush();
    expect(calls.filter((c) => c.startsWith('villages'))).toHaveLength(MAX_STALE_ATTEMPTS);
  });

  it('builds nothing before it is started, then what was stored, and later work without being asked', async () => {
    await store.fileComplaint(complaint(1));
    const b = builder({ intervalMs: 10, pollMs: 10 });
    b.nudge();
    b.touch([{ target: 'round', key: '5' }]);
    await vi.waitFor(async () => expect((await store.staleBacklog()).waiting).toBe(2));
    expect(calls).toEqual([]);
    b.start();
    await vi.waitFor(() => expect(calls.sort()).toEqual(['rounds 5', `villages ${FIXTURE_VILLAGE}`]));
    // stored by another process: found by polling
    const other = await opened.connect();
    await other.fileComplaint(complaint(2, OTHER_VILLAGE));
    await vi.waitFor(() => expect(calls).toContain(`villages ${OTHER_VILLAGE}`));
    await vi.waitFor(async () => expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0 }));
  });

  it('rebuilds what a builder that died had claimed, once its lease is over', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    await store.publish(fixtureVersion('pub-1', fixtureFinance('收支', 100)));
    // a builder claims and dies before building (its process was killed)
    const claimed = await store.claimStale({ owner: 'dead', limit: 10, now: new Date(now).toISOString(), leaseUntil: new Date(now + 60_000).toISOString() });
    expect(claimed).toHaveLength(1);
    const b = builder({ wallClock: () => new Date(now) });
    await b.flush();
    expect(calls).toEqual([]);
    now += 61_000;
    await b.flush();
    expect(calls).toEqual(['publication pub-1']);
    expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0 });
  });

  it('finishes a row of a version the store does not hold without building anything', async () => {
    await store.markStale([{ target: 'publication', key: 'gone' }], new Date().toISOString());
    await builder().flush();
    expect(calls).toEqual([]);
    expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0, failed: 0 });
  });
});
