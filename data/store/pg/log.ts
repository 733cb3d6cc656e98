import { leafRef, leafText, type LogLeaf } from '../../log/log-leaf.ts';
import { consistencyPath, inclusionPath, leafHash, nodeHash, treeRoot, type SubtreeReader } from '../../log/merkle.ts';
import type { ConsistencyProofResult, InclusionProofResult, LogRootResult, TransparencyLog } from '../store.ts';
import type { PgClient, PgQueryable } from './client.ts';

/**
 * The transparency log in PostgreSQL (schema 2). `append` runs inside the caller's transaction —
 * the one that stores the record the leaf covers — so a record and its leaf commit or roll back
 * together. It takes the head row FOR UPDATE first: concurrent appenders wait there, so indices
 * are given in commit order without gaps, whichever connection or process appends.
 *
 * Reads: the subtrees a root or proof needs depend only on the sizes and index asked, never on the
 * hashes, so they are found by a dry run of the same merkle.ts functions, fetched in one query, and
 * the real run reads them from memory — one round trip per proof, in one snapshot (REPEATABLE READ
 * is not needed: committed leaves and nodes never change, and sizes are checked against the head).
 */
export interface PgLog extends TransparencyLog {
  /** Appends leaves in order inside `tx`; returns their indices. */
  append(tx: PgQueryable, leaves: readonly LogLeaf[]): Promise<number[]>;
  /**
   * Takes the log's head lock in `tx` before anything else is read: from then until commit this
   * transaction is the only one appending, so a number it reads as max + 1 (a round's public id, a
   * scope's next version) cannot be read by another writer too — SQLite's one writer, for the
   * records that go into the log. Every later statement of `tx` sees what the writers before it
   * committed (READ COMMITTED takes a new snapshot per statement).
   */
  lock(tx: PgQueryable): Promise<void>;
}

export function createPgLog(db: PgClient): PgLog {
  const size = async () => Number((await db.query<{ size: number | string }>('SELECT size FROM log_head'))[0]!.size);

  /** Runs `compute` with the subtrees it reads fetched in one query. */
  const withSubtrees = async <T>(compute: (read: SubtreeReader) => T): Promise<T> => {
    const wanted = new Map<string, [number, number]>();
    compute((level, index) => {
      wanted.set(`${level}/${index}`, [level, index]);
      return ZERO;
    });
    const pairs = [...wanted.values()];
    const rows =
      pairs.length === 0
        ? []
        : await db.query<{ level: number; idx: number | string; hash: Uint8Array }>(
            `SELECT w.level, w.idx, coalesce(n.hash, l.leaf_hash) AS hash
             FROM unnest($1::integer[], $2::bigint[]) AS w(level, idx)
             LEFT JOIN log_nodes n ON w.level > 0 AND n.level = w.level AND n.idx = w.idx
             LEFT JOIN log_leaves l ON w.level = 0 AND l.idx = w.idx`,
            [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
          );
    const got = new Map(rows.map((r) => [`${r.level}/${Number(r.idx)}`, r.hash]));
    return compute((level, index) => {
      const hash = got.get(`${level}/${index}`);
      // a missing row inside the committed size means the database was edited by hand
      if (!hash) throw new Error(`log: no hash stored for level ${level}, index ${index}`);
      return new Uint8Array(hash);
    });
  };

  return {
    async lock(tx) {
      await tx.query('SELECT size FROM log_head FOR UPDATE');
    },

    async append(tx, leaves) {
      if (leaves.length === 0) return [];
      const start = Number((await tx.query<{ size: number | string }>('SELECT size FROM log_head FOR UPDATE'))[0]!.size);
      const indices: number[] = [];
      // the hashes this transaction writes, for the parents it completes
      const fresh = new Map<string, Uint8Array>();
      const stored = async (level: number, index: number): Promise<Uint8Array> => {
        const mine = fresh.get(`${level}/${index}`);
        if (mine) return mine;
        const rows =
          level === 0
            ? await tx.query<{ hash: Uint8Array }>('SELECT leaf_hash AS hash FROM log_leaves WHERE idx = $1', [index])
            : await tx.query<{ hash: Uint8Array }>('SELECT hash FROM log_nodes WHERE level = $1 AND idx = $2', [level, index]);
        if (!rows[0]) throw new Error(`log: no hash stored for level ${level}, index ${index}`);
        return new Uint8Array(rows[0].hash);
      };
      const nodes: Array<[number, number, Uint8Array]> = [];
      const leafRows: Array<[number, string, Uint8Array, string, string]> = [];
      for (const [i, leaf] of leaves.entries()) {
        const index = start + i;
        const text = leafText(leaf);
        const hash = leafHash(text);
        leafRows.push([index, text, hash, leaf.type, leafRef(leaf)]);
        fresh.set(`0/${index}`, hash);
        let node = hash;
        let position = index;
        let level = 0;
        // a right child completes its parent, and perhaps its grandparent …
        while (position % 2 === 1) {
          node = nodeHash(await stored(level, position - 1), node);
          position = (position - 1) / 2;
          level += 1;
          fresh.set(`${level}/${position}`, node);
          nodes.push([level, position, node]);
        }
        indices.push(index);
      }
      await tx.query('INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::text[], $5::text[])', [
        leafRows.map((r) => r[0]),
        leafRows.map((r) => r[1]),
        leafRows.map((r) => Buffer.from(r[2])),
        leafRows.map((r) => r[3]),
        leafRows.map((r) => r[4]),
      ]);
      if (nodes.length > 0) {
        await tx.query('INSERT INTO log_nodes (level, idx, hash) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bytea[])', [
          nodes.map((n) => n[0]),
          nodes.map((n) => n[1]),
          nodes.map((n) => Buffer.from(n[2])),
        ]);
      }
      await tx.query('UPDATE log_head SET size = $1', [start + leaves.length]);
      return indices;
    },

    logSize: () => size(),

    async logLeaves(from, to) {
      checkCount(from, 'from');
      checkCount(to, 'to');
      const rows = await db.query<{ idx: number | string; leaf: string; leaf_hash: Uint8Array }>('SELECT idx, leaf, leaf_hash FROM log_leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx', [from, to]);
      return rows.map((r) => ({ index: Number(r.idx), leaf: r.leaf, hash: new Uint8Array(r.leaf_hash) }));
    },

    async logRoot(n): Promise<LogRootResult> {
      checkCount(n, 'size');
      const logSize = await size();
      if (n > logSize) return { kind: 'beyond-log', size: n, logSize };
      return { kind: 'root', size: n, root: await withSubtrees((read) => treeRoot(read, n)) };
    },

    async inclusionProof(index, n): Promise<InclusionProofResult> {
      checkCount(index, 'index');
      checkCount(n, 'size');
      const logSize = await size();
      if (n > logSize) return { kind: 'beyond-log', size: n, logSize };
      if (index >= n) return { kind: 'index-beyond-size', index, size: n };
      return withSubtrees((read) => ({ kind: 'proof', index, size: n, leafHash: read(0, index), root: treeRoot(read, n), path: inclusionPath(read, index, n) }));
    },

    async consistencyProof(from, to): Promise<ConsistencyProofResult> {
      checkCount(from, 'from');
      checkCount(to, 'to');
      const logSize = await size();
      if (to > logSize) return { kind: 'beyond-log', size: to, logSize };
      if (from > to) return { kind: 'sizes-out-of-order', from, to };
      return withSubtrees((read) => ({ kind: 'proof', from, to, fromRoot: treeRoot(read, from), toRoot: treeRoot(read, to), path: consistencyPath(read, from, to) }));
    },

    async logIndexOfPublication(id) {
      const rows = await db.query<{ idx: number | string }>("SELECT idx FROM log_leaves WHERE kind = 'publication' AND ref = $1", [id]);
      return rows[0] ? Number(rows[0].idx) : null;
    },
  };
}

const ZERO = new Uint8Array(32);

function checkCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, not ${n}`);
}
