import { generateKeyPairSync } from 'node:crypto';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBase64 } from '../../data/log/base64.ts';
import { openCheckpoint } from '../../data/log/checkpoint.ts';
import { parseLeaf } from '../../data/log/log-leaf.ts';
import { leafHash, verifyConsistency, verifyInclusion } from '../../data/log/merkle.ts';
import { ConsistencyProofJson, hashBytes, InclusionProofJson } from '../../data/log/proof-json.ts';
import { verifierKey, type NoteSigner } from '../../data/log/signed-note.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { PublicationContent } from '../../data/publication.ts';
import type { Store } from '../../data/store/store.ts';
import { LONGGANG, MATOUXI, bearer, postRaw, testApp, type TestApp } from '../test-support.ts';
import type { PublicationDirectory, VillageVersions } from '../../data/log/publication-index.ts';
import { nextLedger } from '../../test/support/ledger-versions.ts';
import { logRoutes, TILE_LEAVES, type LeafTileJson } from './log.ts';

const ORIGIN = 'cunwu.example.cn/log';
let t: TestApp;
let signer: NoteSigner;
let app: Hono;
let rootReads: number;

beforeEach(async () => {
  t = await testApp();
  signer = { name: ORIGIN, key: generateKeyPairSync('ed25519').privateKey };
  rootReads = 0;
  // counts how often the routes compute a root, to see the checkpoint is signed once per size
  const counting: Store = Object.create(t.store) as Store;
  counting.logRoot = async (size) => {
    rootReads += 1;
    return t.store.logRoot(size);
  };
  app = new Hono();
  app.route('/', logRoutes({ store: counting, signer }));
  app.route('/', t.app);
});
afterEach(async () => {
  await t.cleanup();
});

const get = (path: string) => Promise.resolve(app.request(path));
const vkey = () => verifierKey(ORIGIN, signer.key);

async function publishLedger(): Promise<string> {
  const res = await postRaw(t, MATOUXI, 'kind=finance', nextLedger(t), { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { publication: { id: string } }).publication.id;
}

async function checkpoint() {
  const res = await get('/log/checkpoint');
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  const opened = openCheckpoint(await res.text(), vkey());
  if (!opened.ok) throw new Error(opened.detail);
  return opened.checkpoint;
}

describe('log routes', () => {
  it('publish the verifier key, and a checkpoint it verifies with the store’s root', async () => {
    await publishLedger();
    await publishLedger();
    const key = await get('/log/key');
    expect(await key.text()).toBe(`${vkey()}\n`);
    // mirrors and monitors may read the log from another site
    expect(key.headers.get('access-control-allow-origin')).toBe('*');
    const cp = await checkpoint();
    expect(cp.origin).toBe(ORIGIN);
    expect(cp.size).toBe(2);
    expect(await t.store.logRoot(2)).toEqual({ kind: 'root', size: 2, root: cp.root });
  });

  it('sign a tree size once, and again only when the log has grown', async () => {
    await publishLedger();
    await checkpoint();
    await checkpoint();
    await checkpoint();
    expect(rootReads).toBe(1);
    await publishLedger();
    expect((await checkpoint()).size).toBe(2);
    expect(rootReads).toBe(2);
  });

  it('serve the leaves as tiles of 256: full tiles immutable, the last one not, none past the end', async () => {
    const total = TILE_LEAVES + 3;
    for (let i = 0; i < total; i++) await t.store.publish(version(i));
    const first = await get('/log/leaves/0.json');
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const tile = (await first.json()) as LeafTileJson;
    expect(tile.start).toBe(0);
    expect(tile.leaves.map((l) => l.index)).toEqual(Array.from({ length: TILE_LEAVES }, (_, i) => i));
    for (const l of tile.leaves) expect(fromBase64(l.hash)).toEqual(leafHash(l.leaf));

    const last = await get('/log/leaves/1.json');
    expect(last.headers.get('cache-control')).toBe('no-cache');
    const lastTile = (await last.json()) as LeafTileJson;
    expect(lastTile.start).toBe(TILE_LEAVES);
    expect(lastTile.leaves.map((l) => l.index)).toEqual([256, 257, 258]);
    const leaf = parseLeaf(lastTile.leaves[2]!.leaf);
    expect(leaf.ok && leaf.leaf.type === 'publication' && leaf.leaf.id).toBe(`pub-${total - 1}`);

    expect((await get('/log/leaves/2.json')).status).toBe(404);
    expect((await get('/log/leaves/x.json')).status).toBe(404);
  });

  it('prove a publication is in the log, against the signed checkpoint that comes with the proof', async () => {
    const first = await publishLedger();
    await publishLedger();
    const res = await get(`/api/v1/publications/${first}/proof`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; checkpoint: string } & Record<string, unknown>;
    expect(body.ok).toBe(true);
    const { ok: _ok, checkpoint: note, ...rest } = body;
    const proof = InclusionProofJson.parse(rest);
    const cp = openCheckpoint(note, vkey());
    if (!cp.ok) throw new Error(cp.detail);
    expect(proof).toMatchObject({ index: 0, size: 2 });
    expect(cp.checkpoint.size).toBe(proof.size);
    const leaf = parseLeaf(proof.leaf ?? '');
    expect(leaf.ok && leaf.leaf.type === 'publication' && leaf.leaf.id).toBe(first);
    expect(verifyInclusion(proof.index, proof.size, leafHash(proof.leaf ?? ''), proof.path.map(hashBytes), cp.checkpoint.root)).toEqual({ ok: true });
  });

  it('answer an unknown publication’s proof with the envelope', async () => {
    const res = await get('/api/v1/publications/nosuchid/proof');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'publication-not-found' } });
  });

  it('prove an older size consistent with a newer one, and up to the latest checkpoint when `to` is left out', async () => {
    for (let i = 0; i < 5; i++) await t.store.publish(version(i));
    const res = await get('/api/v1/log/consistency?from=2&to=5');
    const { ok, ...proof } = (await res.json()) as { ok: boolean } & Record<string, unknown>;
    expect(ok).toBe(true);
    const parsed = ConsistencyProofJson.parse(proof);
    expect(verifyConsistency(2, 5, parsed.path.map(hashBytes), hashBytes(parsed.fromRoot), hashBytes(parsed.toRoot))).toEqual({ ok: true });

    const open = (await (await get('/api/v1/log/consistency?from=3')).json()) as { to: number; toRoot: string; checkpoint: string };
    const cp = openCheckpoint(open.checkpoint, vkey());
    expect(cp.ok && cp.checkpoint.size).toBe(5);
    expect(open.to).toBe(5);
    expect(cp.ok && cp.checkpoint.root).toEqual(hashBytes(open.toRoot));
  });

  it('index every stored version by village, current, superseded and taken down alike, oldest first, with its page', async () => {
    const v1 = await publishLedger();
    const v2 = await publishLedger();
    await t.store.publish({ ...version(0), village: LONGGANG, id: 'lg0' });
    expect((await t.store.tombstone(v1, '误公开 / published by mistake', '2026-10-12T09:00:00.000Z')).kind).toBe('taken-down');

    const dir = await get('/log/publications.json');
    expect(dir.headers.get('cache-control')).toBe('no-cache');
    expect(dir.headers.get('access-control-allow-origin')).toBe('*');
    expect((await dir.json()) as PublicationDirectory).toEqual({
      villages: [
        { village: MATOUXI, url: `/log/publications/${MATOUXI}.json` },
        { village: LONGGANG, url: `/log/publications/${LONGGANG}.json` },
      ],
    });

    const matouxi = (await (await get(`/log/publications/${MATOUXI}.json`)).json()) as VillageVersions;
    expect(matouxi.village).toBe(MATOUXI);
    expect(matouxi.versions.map((v) => [v.id, v.version, v.supersedes, v.supersededBy, v.takenDown, v.url])).toEqual([
      [v1, 1, null, v2, true, `/v/${MATOUXI}/p/${v1}/`],
      [v2, 2, v1, null, false, `/v/${MATOUXI}/p/${v2}/`],
    ]);
    const stored = await t.store.getPublication(v2);
    expect(matouxi.versions[1]).toMatchObject({ village: MATOUXI, kind: 'finance', period: stored?.period, publishedAt: stored?.publishedAt, sha256: stored?.sha256 });
  });

  it('list a village the divisions no longer name, and answer a village without versions with 404', async () => {
    await t.store.publish({ ...version(0), village: '430899999999', id: 'gone0' });
    const dir = (await (await get('/log/publications.json')).json()) as PublicationDirectory;
    expect(dir.villages.map((v) => v.village)).toEqual(['430899999999']);
    const versions = (await (await get('/log/publications/430899999999.json')).json()) as VillageVersions;
    expect(versions.versions.map((v) => v.url)).toEqual(['/v/430899999999/p/gone0/']);
    expect((await get(`/log/publications/${MATOUXI}.json`)).status).toBe(404);
    expect((await get('/log/publications/4308.json')).status).toBe(404);
  });

  it('refuse missing, malformed and impossible sizes, naming the parameter', async () => {
    await t.store.publish(version(0));
    const issues = async (query: string) => {
      const res = await get(`/api/v1/log/consistency${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { ok: boolean; error: { code: string }; errors: { field: string; message: string }[] };
      expect(body.error.code).toBe('bad-request');
      return body.errors;
    };
    expect((await issues('')).map((e) => e.field)).toEqual(['from']);
    expect((await issues('?from=-1&to=x')).map((e) => e.field)).toEqual(['from', 'to']);
    expect((await issues('?from=0&to=9'))[0]).toMatchObject({ field: 'to', message: expect.stringContaining('日志目前只有 1 条记录') });
    expect((await issues('?from=1&to=0'))[0]?.field).toBe('from');
  });
});

// ——— fixtures ———

function version(i: number) {
  const content: PublicationContent = {
    kind: 'finance',
    title: `第${i}期`,
    period: `20${String(10 + (i % 80)).padStart(2, '0')}-Q${1 + (Math.floor(i / 80) % 4)}`,
    openingBalance: null,
    entries: [],
    totals: { income: 0, expense: 0, closingBalance: null },
    notes: [],
  };
  return newPublication({ id: `pub-${i}`, village: MATOUXI, content, publishedAt: '2026-07-10T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
}
