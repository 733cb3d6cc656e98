import { generateKeyPairSync } from 'node:crypto';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifierKey, type NoteSigner } from '../../data/log/signed-note.ts';
import { createDataTwins } from '../../ingest/data-twins.ts';
import { logRoutes } from '../../ingest/routes/log.ts';
import { FIXTURES, MATOUXI, bearer, postRaw, testApp, type TestApp } from '../../ingest/test-support.ts';
import { describeVerifyFinding, verifyPortal } from './verify.ts';

// The checks that need no tampering with a database: keys, signatures, saved checkpoints. The
// tampering cases run against a real portal in test/e2e/verify.test.ts.

const ORIGIN = 'cunwu.example.cn/log';
const URL_ = 'https://cunwu.example.cn';
const portals: TestApp[] = [];
afterEach(async () => {
  for (const t of portals.splice(0)) await t.cleanup();
});

let signer: NoteSigner;
beforeEach(() => {
  signer = { name: ORIGIN, key: generateKeyPairSync('ed25519').privateKey };
});

/** A portal with `n` ledger versions, answering through `fetch` as if on the network. */
async function portal(n: number, key = signer) {
  const t = await testApp();
  portals.push(t);
  for (let i = 0; i < n; i++) {
    const res = await postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
    expect(res.status).toBe(201);
  }
  const app = new Hono();
  app.route('/', logRoutes({ store: t.store, signer: key }));
  app.route('/', createDataTwins(t.store, t.config));
  app.route('/', t.app);
  const fetchFn = ((input: string | URL | Request) => Promise.resolve(app.request(String(input)))) as typeof fetch;
  return { t, fetch: fetchFn, checkpoint: async () => (await app.request('/log/checkpoint')).text() };
}

describe('verifyPortal', () => {
  it('finds nothing wrong with an honest portal, and hands back the checkpoint to save', async () => {
    const p = await portal(2);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, key: verifierKey(ORIGIN, signer.key) });
    expect(report.findings).toEqual([]);
    expect(report.checkpoint?.size).toBe(2);
    expect(report.note).toBe(await p.checkpoint());
    expect(report.publications).toBe(2);
  });

  it('trusts the pinned key over the served one: a portal that switched keys fails the signature and says the key changed', async () => {
    const pinned = verifierKey(ORIGIN, generateKeyPairSync('ed25519').privateKey);
    const p = await portal(1);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, key: pinned });
    expect(report.findings.map((f) => f.kind)).toEqual(['key-changed', 'bad-checkpoint']);
    expect(report.checkpoint).toBeNull();
    expect(report.findings.map(describeVerifyFinding).join('\n')).toContain('检查点签名无效');
  });

  it('reports a log shorter than the checkpoint saved from it', async () => {
    const before = await portal(3);
    const saved = await before.checkpoint();
    const after = await portal(1); // the same key, a log started again
    const report = await verifyPortal({ url: URL_, fetch: after.fetch, saved });
    expect(report.findings).toContainEqual({ kind: 'log-shrank', saved: 3, size: 1 });
  });

  it('refuses a saved checkpoint signed by another key rather than trusting it', async () => {
    const other = await portal(1, { name: ORIGIN, key: generateKeyPairSync('ed25519').privateKey });
    const p = await portal(1);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, saved: await other.checkpoint() });
    expect(report.findings.map((f) => f.kind)).toEqual(['bad-saved-checkpoint']);
  });

  it('says when the portal cannot be reached', async () => {
    const failing = (() => Promise.reject(new Error('connect ECONNREFUSED'))) as typeof fetch;
    const report = await verifyPortal({ url: URL_, fetch: failing });
    expect(report.findings).toEqual([{ kind: 'unreachable', url: `${URL_}/log/key`, detail: 'connect ECONNREFUSED' }]);
  });
});
