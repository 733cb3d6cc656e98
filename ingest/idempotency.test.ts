import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, FIXTURES, json, MATOUXI, postRaw, testApp, type TestApp } from './test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

describe('Idempotency-Key', () => {
  const headers = (key: string) => ({ ...bearer(t.tokens.matouxi), 'content-type': 'text/csv', 'idempotency-key': key });

  it('replays the first response for a retry with the same key and body, publishing once', async () => {
    const first = await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, headers('retry-1'));
    const firstBody = await json(first);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, headers('retry-1'));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await json(again)).toEqual(firstBody);
    expect(await t.store.listPublications(MATOUXI)).toHaveLength(1);
    expect(t.published).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 and publishes nothing new', async () => {
    expect((await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, headers('retry-2'))).status).toBe(201);
    const conflict = await postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, headers('retry-2'));
    expect(conflict.status).toBe(422);
    expect((await json(conflict)).error.code).toBe('idempotency-conflict');
    expect(await t.store.listPublications(MATOUXI)).toHaveLength(1);
  });

  it('keeps keys apart per token', async () => {
    const a = await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, headers('shared'));
    const b = await postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, { ...headers('shared'), ...bearer(t.tokens.township) });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers two simultaneous uploads with the same key with one publication', async () => {
    const [a, b] = await Promise.all([
      postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, headers('race')),
      postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, headers('race')),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [bodyA, bodyB] = [await json(a), await json(b)];
    expect(bodyA.publication.id).toBe(bodyB.publication.id);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].filter(Boolean)).toEqual(['true']);
    expect(await t.store.listPublications(MATOUXI)).toHaveLength(1);
    expect(t.published).toHaveLength(1);
  });

  it('neither checks nor claims a key on a dry run', async () => {
    const dry = await postRaw(t, MATOUXI, 'kind=finance&dryRun=1', FIXTURES.finance, headers('dry'));
    expect(dry.status).toBe(200);
    const real = await postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, headers('dry'));
    expect(real.status).toBe(201);
    expect(real.headers.get('idempotent-replayed')).toBeNull();
    const dryAgain = await postRaw(t, MATOUXI, 'kind=finance&dryRun=1', FIXTURES.finance, headers('dry'));
    expect(dryAgain.status).toBe(200);
    expect(await t.store.listPublications(MATOUXI)).toHaveLength(1);
  });
});
