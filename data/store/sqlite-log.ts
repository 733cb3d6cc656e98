import type Database from 'better-sqlite3';
import { complaintEventLeaf, leafRef, leafText, publicationLeaf, tombstoneLeaf, type LogLeaf } from '../log/log-leaf.ts';
import { consistencyPath, inclusionPath, leafHash, nodeHash, treeRoot, type SubtreeReader } from '../log/merkle.ts';
import type { PublicationKind } from '../publication.ts';
import { toEvent, type EventRow } from './complaint-rows.ts';
import type { ConsistencyProofResult, InclusionProofResult, LogRootResult, Store, Takedown, TombstoneResult } from './store.ts';

/**
 * The transparency log in SQLite (tables from migration 5). `append` runs inside the caller's
 * write transaction (publish, the complaint group commit, a complaint update), so a record and its
 * leaf commit or roll back together.
 *
 * Speed: appending leaf i also writes the hash of every complete subtree it closes (log_nodes; one
 * row per leaf on average), reading one stored sibling per level. A root or a proof at any size
 * then reads O(log² n) of those rows — a few hundred indexed lookups at a million leaves — with no
 * in-memory state, so every connection and process answers from the same committed rows.
 */
export interface SqliteLog {
  /** Appends a leaf; call inside a write transaction. Returns its index. */
  append(leaf: LogLeaf): number;
  /**
   * Takes a version down: its tombstone leaf and takedown record. Synchronous, so a caller's
   * write transaction can do more in the same commit (it nests as a savepoint there).
   */
  takeDown(publicationId: string, reason: string, at: string): TombstoneResult;
  /** The Store's log methods; `tombstone` runs its own IMMEDIATE transaction. */
  methods: LogMethods;
}

export type LogMethods = Pick<
  Store,
  'logSize' | 'logLeaves' | 'logRoot' | 'inclusionProof' | 'consistencyProof' | 'logIndexOfPublication' | 'tombstone' | 'getTakedown' | 'listTakedowns'
>;

/** What the complaint store needs of the log. */
export type LogAppender = Pick<SqliteLog, 'append'>;

export function createSqliteLog(db: Database.Database): SqliteLog {
  const sql = prepare(db);
  const size = () => sql.size.get() as number;

  const read: SubtreeReader = (level, index) => {
    const hash = (level === 0 ? sql.leafHash.get(index) : sql.node.get(level, index)) as Buffer | undefined;
    // a missing row inside the committed size means the database was edited by hand
    if (!hash) throw new Error(`log: no hash stored for level ${level}, index ${index}`);
    return hash;
  };

  const append = (leaf: LogLeaf): number => {
    const text = leafText(leaf);
    const hash = leafHash(text);
    const index = size();
    sql.insertLeaf.run(index, text, bytes(hash), leaf.type, leafRef(leaf));
    let node: Uint8Array = hash;
    let position = index;
    let level = 0;
    // a right child completes its parent, and perhaps its grandparent …
    while (position % 2 === 1) {
      node = nodeHash(read(level, position - 1), node);
      position = (position - 1) / 2;
      level += 1;
      sql.insertNode.run(level, position, bytes(node));
    }
    return index;
  };

  // Reads run in one (deferred) transaction so a proof and its root come from one snapshot.
  const rootTx = db.transaction((n: number): LogRootResult => {
    const logSize = size();
    if (n > logSize) return { kind: 'beyond-log', size: n, logSize };
    return { kind: 'root', size: n, root: copy(treeRoot(read, n)) };
  });

  const inclusionTx = db.transaction((index: number, n: number): InclusionProofResult => {
    const logSize = size();
    if (n > logSize) return { kind: 'beyond-log', size: n, logSize };
    if (index >= n) return { kind: 'index-beyond-size', index, size: n };
    return {
      kind: 'proof',
      index,
      size: n,
      leafHash: copy(read(0, index)),
      root: copy(treeRoot(read, n)),
      path: inclusionPath(read, index, n).map(copy),
    };
  });

  const consistencyTx = db.transaction((from: number, to: number): ConsistencyProofResult => {
    const logSize = size();
    if (to > logSize) return { kind: 'beyond-log', size: to, logSize };
    if (from > to) return { kind: 'sizes-out-of-order', from, to };
    return {
      kind: 'proof',
      from,
      to,
      fromRoot: copy(treeRoot(read, from)),
      toRoot: copy(treeRoot(read, to)),
      path: consistencyPath(read, from, to).map(copy),
    };
  });

  const getTakedown = (publicationId: string): Takedown | null => {
    const row = sql.takedown.get(publicationId) as TakedownRow | undefined;
    return row ? toTakedown(row) : null;
  };

  const tombstoneTx = db.transaction((publicationId: string, reason: string, at: string): TombstoneResult => {
    if (!sql.publicationExists.get(publicationId)) return { kind: 'not-found', publicationId };
    const existing = getTakedown(publicationId);
    if (existing) return { kind: 'already-taken-down', takedown: existing };
    const logIndex = append(tombstoneLeaf({ publicationId, reason, at }));
    sql.insertTakedown.run(publicationId, reason, at, logIndex);
    return { kind: 'taken-down', takedown: { publicationId, reason, at, logIndex } };
  });

  const checkedReason = (publicationId: string, reason: string): string => {
    const trimmed = reason.trim();
    if (trimmed === '') throw new TypeError(`takedown of ${publicationId}: a reason is required`);
    return trimmed;
  };

  return {
    append,
    takeDown: (publicationId, reason, at) => tombstoneTx(publicationId, checkedReason(publicationId, reason), at),
    methods: {
      async logSize() {
        return size();
      },

      async logLeaves(from, to) {
        checkCount(from, 'from');
        checkCount(to, 'to');
        return (sql.leaves.all(from, to) as LeafRow[]).map((r) => ({ index: r.idx, leaf: r.leaf, hash: copy(r.leaf_hash) }));
      },

      async logRoot(n) {
        checkCount(n, 'size');
        return rootTx(n);
      },

      async inclusionProof(index, n) {
        checkCount(index, 'index');
        checkCount(n, 'size');
        return inclusionTx(index, n);
      },

      async consistencyProof(from, to) {
        checkCount(from, 'from');
        checkCount(to, 'to');
        return consistencyTx(from, to);
      },

      async logIndexOfPublication(id) {
        return (sql.indexOf.get('publication', id) as number | undefined) ?? null;
      },

      async tombstone(publicationId, reason, at) {
        return tombstoneTx.immediate(publicationId, checkedReason(publicationId, reason), at);
      },

      async getTakedown(publicationId) {
        return getTakedown(publicationId);
      },

      async listTakedowns() {
        return (sql.takedowns.all() as TakedownRow[]).map(toTakedown);
      },
    },
  };
}

/**
 * Migration 5: leaves for everything stored before the log existed — every publication in the
 * order it was stored (rowid), then every complaint step by public id and seq.
 */
export function backfillLog(db: Database.Database): void {
  const log = createSqliteLog(db);
  const publications = db
    .prepare('SELECT id, village, kind, period, version, supersedes, published_at, sha256 FROM publications ORDER BY rowid')
    .all() as PublicationLeafRow[];
  for (const p of publications) {
    log.append(publicationLeaf({ ...p, kind: p.kind as PublicationKind, publishedAt: p.published_at }));
  }
  const steps = db
    .prepare(
      `SELECT e.*, c.public_id, c.village, c.category, c.text AS complaint_text
       FROM complaint_events e JOIN complaints c ON c.tracking_code = e.complaint
       ORDER BY c.public_id, e.seq`,
    )
    .all() as Array<EventRow & { public_id: number; village: string; category: string; complaint_text: string }>;
  for (const row of steps) {
    const complaint = { trackingCode: row.complaint, publicId: String(row.public_id), village: row.village, category: row.category, text: row.complaint_text };
    log.append(complaintEventLeaf(complaint, toEvent(row)));
  }
}

// ——— private helpers ———

function prepare(db: Database.Database) {
  return {
    size: db.prepare('SELECT coalesce(max(idx) + 1, 0) FROM log_leaves').pluck(),
    leafHash: db.prepare('SELECT leaf_hash FROM log_leaves WHERE idx = ?').pluck(),
    node: db.prepare('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?').pluck(),
    insertLeaf: db.prepare('INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (?, ?, ?, ?, ?)'),
    insertNode: db.prepare('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    leaves: db.prepare('SELECT idx, leaf, leaf_hash FROM log_leaves WHERE idx >= ? AND idx < ? ORDER BY idx'),
    indexOf: db.prepare('SELECT idx FROM log_leaves WHERE kind = ? AND ref = ?').pluck(),
    publicationExists: db.prepare('SELECT 1 FROM publications WHERE id = ?').pluck(),
    takedown: db.prepare('SELECT * FROM takedowns WHERE publication_id = ?'),
    takedowns: db.prepare('SELECT * FROM takedowns ORDER BY log_index'),
    insertTakedown: db.prepare('INSERT INTO takedowns (publication_id, reason, at, log_index) VALUES (?, ?, ?, ?)'),
  };
}

interface LeafRow {
  idx: number;
  leaf: string;
  leaf_hash: Buffer;
}

interface TakedownRow {
  publication_id: string;
  reason: string;
  at: string;
  log_index: number;
}

interface PublicationLeafRow {
  id: string;
  village: string;
  kind: string;
  period: string;
  version: number;
  supersedes: string | null;
  published_at: string;
  sha256: string;
}

function toTakedown(row: TakedownRow): Takedown {
  return { publicationId: row.publication_id, reason: row.reason, at: row.at, logIndex: row.log_index };
}

function checkCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, not ${n}`);
}

/** better-sqlite3 binds Buffers as BLOBs. */
function bytes(hash: Uint8Array): Buffer {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength);
}

/** A plain Uint8Array copy, so callers never hold a Buffer tied to the driver (as getPhoto does). */
function copy(hash: Uint8Array): Uint8Array {
  return new Uint8Array(hash);
}
