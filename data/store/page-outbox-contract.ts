import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newComplaint, staffAction } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { fixtureFinance, fixtureVersion, FIXTURE_VILLAGE } from './contract-fixtures.ts';
import type { PageOutbox, StaleClaim } from './page-outbox.ts';
import type { Store } from './store.ts';
import type { ComplaintTakedowns } from './takedown-store.ts';

/**
 * What every backend's outbox of stale pages must do (page-outbox.ts): the store's own writes
 * record their pages in their transaction, claims lease each row once across connections, and
 * failures are retried or kept. `connect` opens a second connection to the same store.
 */
export type OutboxStore = PageOutbox & Pick<Store, 'publish' | 'tombstone' | 'fileComplaint' | 'updateComplaint' | 'getComplaint'> & Pick<ComplaintTakedowns, 'takeDownComplaintStep'>;
export type OpenOutboxStore = () => Promise<{ store: OutboxStore; connect: () => Promise<OutboxStore>; cleanup: () => Promise<void> }>;

const T0 = '2026-12-06T08:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const claimAt = (owner: string, now = T0, limit = 100): StaleClaim => ({ owner, limit, now, leaseUntil: new Date(Date.parse(now) + 60_000).toISOString() });
// The stores stamp rows with the wall clock; claims far enough ahead see them all as due.
const FAR = '2100-01-01T00:00:00.000Z';

export function describePageOutboxContract(name: string, open: OpenOutboxStore): void {
  describe(`Page outbox contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenOutboxStore>>;
    let store: OutboxStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    const complaint = (n: number) =>
      newComplaint({ village: FIXTURE_VILLAGE, category: '财务公开', text: `第${n}号：账目看不明白，请解释。`, anonymous: true }, trackingCodeFrom(Uint8Array.from([n, 1, 2, 3, 4, 5, 6])), T0);

    it('records the pages of a publication, a complaint, its step and both takedowns in their own transactions', async () => {
      await store.publish(fixtureVersion('pub-1', fixtureFinance('2026年第三季度收支', 100)));
      const filed = await store.fileComplaint(complaint(1));
      let claimed = await store.claimStale(claimAt('a', FAR));
      expect(claimed.map((c) => [c.target, c.key, c.attempts])).toEqual([
        ['publication', 'pub-1', 1],
        ['village', FIXTURE_VILLAGE, 1],
      ]);
      await store.finishStale('a', claimed.map((c) => c.id), FAR);

      await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, '镇纪委', T0));
      expect((await store.claimStale(claimAt('a', FAR))).map((c) => [c.target, c.key])).toEqual([['village', FIXTURE_VILLAGE]]);
      await store.takeDownComplaintStep(filed.publicId, 1, '含电话号码', T0);
      await store.tombstone('pub-1', '误公开身份证号', T0);
      claimed = await store.claimStale(claimAt('b', FAR));
      expect(claimed.map((c) => [c.target, c.key])).toEqual([
        ['village', FIXTURE_VILLAGE],
        ['publication', 'pub-1'],
      ]);
      expect(claimed.every((c) => Date.parse(c.staleSince) > Date.parse(T0))).toBe(true);
    });

    it('records nothing for a write that did not commit', async () => {
      await store.publish(fixtureVersion('pub-1', fixtureFinance('收支', 100)));
      const [first] = await store.claimStale(claimAt('a', FAR));
      await store.finishStale('a', [first!.id], FAR);
      // the same id again: the insert fails and the transaction rolls back, its outbox row with it
      await expect(store.publish(fixtureVersion('pub-1', fixtureFinance('收支', 200)))).rejects.toThrow();
      expect(await store.tombstone('no-such-version', '误公开', T0)).toMatchObject({ kind: 'not-found' });
      expect(await store.claimStale(claimAt('a', FAR))).toEqual([]);
      expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0, failed: 0, oldestStaleSince: null });
    });

    it('keeps one waiting row per page however many changes wait, and a new one for a change after a claim', async () => {
      await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }], T0);
      for (let n = 1; n <= 5; n += 1) await store.fileComplaint(complaint(n));
      await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }, { target: 'power-lists', key: '430802' }, { target: 'power-lists', key: '430802' }], later(1));
      expect(await store.staleBacklog()).toMatchObject({ waiting: 2, claimed: 0, oldestStaleSince: T0 });
      const claimed = await store.claimStale(claimAt('a', later(10)));
      expect(claimed.map((c) => [c.target, c.key, c.staleSince])).toEqual([
        ['village', FIXTURE_VILLAGE, T0],
        ['power-lists', '430802', later(1)],
      ]);
      // changed while being built: the build may have read before it, so the page is stale again
      await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }], later(20));
      expect(await store.staleBacklog()).toMatchObject({ waiting: 1, claimed: 2, oldestStaleSince: T0 });
      await store.finishStale('a', claimed.map((c) => c.id), later(25));
      expect((await store.claimStale(claimAt('a', later(30)))).map((c) => [c.target, c.staleSince])).toEqual([['village', later(20)]]);
    });

    it('leases a claim to its builder until the lease ends; only the holder finishes it', async () => {
      await store.markStale([{ target: 'round', key: '7' }], T0);
      const [held] = await store.claimStale(claimAt('a', later(1)));
      expect(held).toMatchObject({ target: 'round', key: '7', attempts: 1 });
      expect(await store.claimStale(claimAt('b', later(2)))).toEqual([]);
      // builder a died: when its lease is over, b takes the row
      const [taken] = await store.claimStale(claimAt('b', later(61_002)));
      expect(taken).toMatchObject({ id: held!.id, attempts: 2 });
      await store.finishStale('a', [held!.id], later(61_003));
      expect(await store.staleBacklog()).toMatchObject({ claimed: 1 });
      await store.finishStale('b', [taken!.id], later(61_004));
      expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0, failed: 0 });
    });

    it('is due again after a failure at its retry time, and kept as failed once given up on', async () => {
      await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }], T0);
      const [first] = await store.claimStale(claimAt('a', later(1)));
      await store.failStale('b', { ids: [first!.id], error: '不是我的', retryAt: later(2), now: later(1) });
      expect(await store.staleBacklog()).toMatchObject({ claimed: 1 });
      await store.failStale('a', { ids: [first!.id], error: 'render failed', retryAt: later(5_000), now: later(2) });
      expect(await store.staleBacklog()).toMatchObject({ waiting: 1, claimed: 0 });
      expect(await store.claimStale(claimAt('a', later(4_999)))).toEqual([]);
      const [second] = await store.claimStale(claimAt('a', later(5_000)));
      expect(second).toMatchObject({ id: first!.id, attempts: 2, staleSince: T0 });
      await store.failStale('a', { ids: [second!.id], error: 'render failed again', retryAt: null, now: later(5_001) });
      expect(await store.claimStale(claimAt('a', FAR))).toEqual([]);
      expect(await store.staleBacklog()).toEqual({
        waiting: 0,
        claimed: 0,
        failed: 1,
        oldestStaleSince: null,
        failures: [{ target: 'village', key: FIXTURE_VILLAGE, attempts: 2, failedAt: later(5_001), error: 'render failed again' }],
      });
      // a failed row does not hide new changes of its page
      await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }], later(6_000));
      expect((await store.claimStale(claimAt('a', later(6_001)))).map((c) => c.staleSince)).toEqual([later(6_000)]);
    });

    it('marks again what was built since a time, and forgets finished rows after a day', async () => {
      await store.markStale([{ target: 'village', key: FIXTURE_VILLAGE }, { target: 'round', key: '1' }, { target: 'round', key: '2' }], T0);
      const claimed = await store.claimStale(claimAt('a', later(1)));
      await store.finishStale('a', [claimed[0]!.id], later(10));
      await store.finishStale('a', [claimed[1]!.id, claimed[2]!.id], later(20));
      expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0 });
      // a full build read the store from later(15) on, and has just replaced the site
      expect(await store.restaleFinishedSince(later(15), later(30))).toBe(2);
      const again = await store.claimStale(claimAt('a', later(31)));
      expect(again.map((c) => [c.target, c.key, c.staleSince])).toEqual([
        ['round', '1', later(30)],
        ['round', '2', later(30)],
      ]);
      await store.finishStale('a', again.map((c) => c.id), later(40));
      // a day and more later, finishing anything removes what finished before then
      await store.markStale([{ target: 'power-lists', key: '430802' }], later(86_400_100));
      const last = await store.claimStale(claimAt('a', later(86_400_100)));
      await store.finishStale('a', last.map((c) => c.id), later(86_400_100));
      expect(await store.restaleFinishedSince(T0, later(86_400_200))).toBe(1);
    });

    it('hands each row to one of two connections claiming at once', async () => {
      const other = await opened.connect();
      const keys = Array.from({ length: 60 }, (_, i) => `43080210${String(8200 + i)}`);
      await store.markStale(keys.map((key) => ({ target: 'village' as const, key })), T0);
      const taken: string[][] = [[], []];
      const builder = async (s: OutboxStore, owner: number) => {
        for (;;) {
          const batch = await s.claimStale(claimAt(`builder-${owner}`, later(1), 7));
          if (batch.length === 0) return;
          taken[owner]!.push(...batch.map((c) => c.key));
          await s.finishStale(`builder-${owner}`, batch.map((c) => c.id), later(2));
        }
      };
      await Promise.all([builder(store, 0), builder(other, 1)]);
      expect([...taken[0]!, ...taken[1]!].sort()).toEqual(keys);
      expect(await store.staleBacklog()).toMatchObject({ waiting: 0, claimed: 0 });
    });
  });
}
