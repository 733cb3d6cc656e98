import { Hono, type Context } from 'hono';
import { toBase64 } from '../../data/log/base64.ts';
import { signCheckpoint } from '../../data/log/checkpoint.ts';
import { consistencyProofJson, inclusionProofJson } from '../../data/log/proof-json.ts';
import { PUBLICATION_INDEX_PATH, villageIndexPath, type PublicationDirectory, type PublicationIndexEntry, type VillageVersions } from '../../data/log/publication-index.ts';
import { verifierKey, type NoteSigner } from '../../data/log/signed-note.ts';
import type { PublicationSummary } from '../../data/publication.ts';
import type { Store } from '../../data/store/store.ts';
import { publicationHref } from '../../site/lib/urls.ts';
import { fieldIssue, success, type ApiIssue } from '../envelope.ts';
import { respond } from '../http-errors.ts';

/**
 * The transparency log, published (issue 6):
 *
 *     GET /log/checkpoint                      the latest signed checkpoint (C2SP tlog-checkpoint)
 *     GET /log/key                             the verifier key that checks it (note vkey format)
 *     GET /log/leaves/<n>.json                 leaves n·256 … n·256+255, to mirror the whole log
 *     GET /log/publications.json               every village that has published, with its index's address
 *     GET /log/publications/<village>.json     every version of that village: current, superseded, taken down
 *     GET /api/v1/publications/{id}/proof      the version's inclusion proof, with its checkpoint
 *     GET /api/v1/log/consistency?from=&to=    the consistency proof between two tree sizes
 *
 * Mount it at '/' before the ingest app, whose /api/* catch-all would otherwise answer first.
 */
export interface LogDeps {
  store: Store;
  /** the log's key; its name is the log's origin (scripts/lib/runtime.ts loadLogSigner) */
  signer: NoteSigner;
}

/** Leaves per tile of /log/leaves/<n>.json. */
export const TILE_LEAVES = 256;

/** A tile as served: `hash` is the base64 of SHA-256(0x00 ‖ leaf). */
export interface LeafTileJson {
  start: number;
  leaves: Array<{ index: number; leaf: string; hash: string }>;
}

export function logRoutes(deps: LogDeps): Hono {
  const routes = new Hono();
  const latest = checkpointCache(deps);
  const vkey = `${verifierKey(deps.signer.name, deps.signer.key)}\n`;

  // The log is for mirroring: other sites (a newsroom's monitor, a witness) may fetch it from a browser.
  routes.use('/log/*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  });

  routes.get('/log/checkpoint', async (c) => {
    const checkpoint = await latest();
    return c.body(checkpoint.note, 200, { 'Content-Type': TEXT, 'Cache-Control': 'no-cache' });
  });

  routes.get('/log/key', (c) => c.body(vkey, 200, { 'Content-Type': TEXT, 'Cache-Control': 'public, max-age=86400' }));

  routes.get('/log/leaves/:file{[0-9]{1,12}\\.json}', async (c) => {
    const n = Number(c.req.param('file').slice(0, -'.json'.length));
    const start = n * TILE_LEAVES;
    const size = await deps.store.logSize();
    if (start >= size) return c.notFound();
    const leaves = await deps.store.logLeaves(start, start + TILE_LEAVES);
    const tile: LeafTileJson = { start, leaves: leaves.map((l) => ({ index: l.index, leaf: l.leaf, hash: toBase64(l.hash) })) };
    // A full tile never changes (leaves are append-only); the last one grows.
    const full = start + TILE_LEAVES <= size;
    return c.body(JSON.stringify(tile), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': full ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });

  // The index is read from the store, never from the log: a version stored without its leaf is
  // listed, and the verifier names it.
  routes.get(PUBLICATION_INDEX_PATH, async (c) => {
    const stats = await deps.store.publicationStats('');
    const doc: PublicationDirectory = { villages: [...stats.keys()].sort().map((village) => ({ village, url: villageIndexPath(village) })) };
    return c.body(JSON.stringify(doc), 200, JSON_NO_CACHE);
  });

  routes.get('/log/publications/:file{[0-9]{12}\\.json}', async (c) => {
    const village = c.req.param('file').slice(0, -'.json'.length);
    const [summaries, takedowns] = await Promise.all([deps.store.listPublications(village), deps.store.listTakedowns()]);
    if (summaries.length === 0) return c.notFound();
    const down = new Set(takedowns.map((t) => t.publicationId));
    const doc: VillageVersions = { village, versions: [...summaries].sort(oldestFirst).map((s) => versionEntry(s, down.has(s.id))) };
    return c.body(JSON.stringify(doc), 200, JSON_NO_CACHE);
  });

  routes.get('/api/v1/publications/:id/proof', async (c) => {
    const id = c.req.param('id');
    const index = /^[\w-]{1,100}$/.test(id) ? await deps.store.logIndexOfPublication(id) : null;
    if (index === null) return respond(c, { kind: 'publication-not-found', id: id.slice(0, 100) });
    // Read after the index, so the checkpoint's tree contains the leaf.
    const checkpoint = await latest();
    const [proof, [leaf]] = await Promise.all([deps.store.inclusionProof(index, checkpoint.size), deps.store.logLeaves(index, index + 1)]);
    if (proof.kind !== 'proof' || !leaf) throw new Error(`log: no proof of leaf ${index} in a tree of ${checkpoint.size}: ${proof.kind}`);
    return c.json(success({ ...inclusionProofJson(proof, leaf.leaf), checkpoint: checkpoint.note }), 200, { 'Cache-Control': 'no-cache' });
  });

  routes.get('/api/v1/log/consistency', async (c) => {
    const from = readSize(c, 'from');
    const to = readSize(c, 'to');
    const issues = [from.issue, to.issue].filter((i) => i !== null);
    if (from.value === null && from.issue === null) issues.unshift(sizeIssue('from', '缺少参数 from（较早的树的大小）', 'from (the older tree size) is required'));
    if (issues.length > 0 || from.value === null) return respond(c, { kind: 'bad-request', issues });
    // Without `to`, the proof runs to the latest checkpoint, which comes with it.
    const checkpoint = to.value === null ? await latest() : null;
    const proof = await deps.store.consistencyProof(from.value, to.value ?? checkpoint?.size ?? 0);
    switch (proof.kind) {
      case 'proof':
        return c.json(success({ ...consistencyProofJson(proof), ...(checkpoint ? { checkpoint: checkpoint.note } : {}) }), 200, { 'Cache-Control': 'no-cache' });
      case 'beyond-log':
        return respond(c, { kind: 'bad-request', issues: [sizeIssue('to', `日志目前只有 ${proof.logSize} 条记录，没有 ${proof.size} 条的树`, `the log has ${proof.logSize} leaves, so there is no tree of ${proof.size}`)] });
      case 'sizes-out-of-order':
        return respond(c, { kind: 'bad-request', issues: [sizeIssue('from', `from（${proof.from}）不能大于 to（${proof.to}）`, `from (${proof.from}) must not exceed to (${proof.to})`)] });
    }
  });

  routes.onError((error, c) => {
    console.error(`[log] ${c.req.method} ${c.req.path} failed:`, error);
    return c.req.path.startsWith('/api/') ? respond(c, { kind: 'internal' }) : c.text('服务器内部错误 / Internal server error', 500);
  });

  return routes;
}

// ——— private helpers ———

const TEXT = 'text/plain; charset=utf-8';
const JSON_NO_CACHE = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' };

function versionEntry(s: PublicationSummary, takenDown: boolean): PublicationIndexEntry {
  return {
    id: s.id,
    village: s.village,
    kind: s.kind,
    period: s.period,
    version: s.version,
    supersedes: s.supersedes,
    supersededBy: s.supersededBy,
    publishedAt: s.publishedAt,
    sha256: s.sha256,
    takenDown,
    url: publicationHref(s.village, s.id),
  };
}

function oldestFirst(a: PublicationSummary, b: PublicationSummary): number {
  return a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.version - b.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface SignedCheckpoint {
  size: number;
  note: string;
}

/**
 * The latest checkpoint, signed again only when the tree has grown. A checkpoint names one size
 * and root for good, so the note of a size is kept until a larger one replaces it.
 */
function checkpointCache(deps: LogDeps): () => Promise<SignedCheckpoint> {
  let cached: SignedCheckpoint | null = null;
  return async () => {
    const size = await deps.store.logSize();
    if (cached && cached.size === size) return cached;
    const root = await deps.store.logRoot(size);
    if (root.kind !== 'root') throw new Error(`log: no root for size ${size}: ${root.kind}`);
    const note = signCheckpoint({ origin: deps.signer.name, size, root: root.root }, deps.signer);
    // Two requests may sign at once; keep the larger tree.
    if (!cached || cached.size < size) cached = { size, note };
    return { size, note };
  };
}

/** A tree size from the query string: null when absent; an issue when not a whole number. */
function readSize(c: Context, name: 'from' | 'to'): { value: number | null; issue: ApiIssue | null } {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return { value: null, issue: null };
  if (!/^(0|[1-9]\d{0,14})$/.test(raw)) return { value: null, issue: sizeIssue(name, `${name} 应为不小于 0 的整数`, `${name} must be a whole number ≥ 0`) };
  return { value: Number(raw), issue: null };
}

function sizeIssue(field: string, zh: string, en: string): ApiIssue {
  return fieldIssue('invalid-tree-size', field, zh, en);
}
