import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashTree } from '../log/hash-tree.ts';
import { leafText, tombstoneLeaf, type LogLeaf } from '../log/log-leaf.ts';
import { emptyRoot, verifyConsistency, verifyInclusion } from '../log/merkle.ts';
import type { TransparencyLog } from './store.ts';

/**
 * What every backend's transparency log must do with leaves appended inside a write transaction
 * (store.ts, TransparencyLog; the log index is a sequencer). `appendAll` appends the leaves in one
 * transaction of the backend and, with `fail`, throws after appending so the transaction rolls back.
 * `connect` opens a second connection; the contract appends from both at once.
 */
export interface AppendingLog {
  log: TransparencyLog;
  appendAll(leaves: readonly LogLeaf[], options?: { fail?: boolean }): Promise<number[]>;
}

export type OpenAppendingLog = () => Promise<AppendingLog & { connect: () => Promise<AppendingLog>; cleanup: () => Promise<void> }>;

let n = 0;
const leaf = (): LogLeaf => tombstoneLeaf({ publicationId: `pub-${(n += 1)}`, reason: '误公开身份证号', at: '2026-12-06T02:00:00.000Z' });

export function describeLogAppendContract(name: string, open: OpenAppendingLog): void {
  describe(`Transparency log append contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenAppendingLog>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('numbers leaves 0, 1, 2 … and proves every size against an independent tree', async () => {
      const { log } = opened;
      expect(await log.logRoot(0)).toEqual({ kind: 'root', size: 0, root: emptyRoot() });
      const leaves = Array.from({ length: 13 }, leaf);
      expect(await opened.appendAll(leaves.slice(0, 1))).toEqual([0]);
      expect(await opened.appendAll(leaves.slice(1, 6))).toEqual([1, 2, 3, 4, 5]);
      expect(await opened.appendAll(leaves.slice(6))).toEqual([6, 7, 8, 9, 10, 11, 12]);
      expect(await log.logSize()).toBe(13);
      const tree = HashTree.fromLeaves(leaves.map(leafText));
      const stored = await log.logLeaves(0, 100);
      expect(stored.map((l) => l.leaf)).toEqual(leaves.map(leafText));
      expect(stored.map((l) => l.hash)).toEqual(leaves.map((_, i) => tree.leafHash(i)));
      for (let size = 1; size <= 13; size += 1) {
        const root = await log.logRoot(size);
        expect(root).toEqual({ kind: 'root', size, root: tree.root(size) });
        for (const index of [0, size - 1, Math.floor(size / 2)]) {
          const proof = await log.inclusionProof(index, size);
          if (proof.kind !== 'proof') throw new Error(proof.kind);
          expect(proof.leafHash).toEqual(tree.leafHash(index));
          expect(verifyInclusion(index, size, proof.leafHash, proof.path, tree.root(size)).ok).toBe(true);
        }
        const consistency = await log.consistencyProof(size, 13);
        if (consistency.kind !== 'proof') throw new Error(consistency.kind);
        expect(verifyConsistency(size, 13, consistency.path, tree.root(size), tree.root(13)).ok).toBe(true);
      }
    });

    it('keeps nothing of a transaction that failed after appending', async () => {
      await opened.appendAll([leaf(), leaf()]);
      await expect(opened.appendAll([leaf(), leaf(), leaf()], { fail: true })).rejects.toThrow();
      expect(await opened.log.logSize()).toBe(2);
      expect(await opened.appendAll([leaf()])).toEqual([2]);
      expect((await opened.log.logRoot(3)).kind).toBe('root');
    });

    it('gives every index once, without gaps, when two connections append at once', async () => {
      const other = await opened.connect();
      const batches = (who: AppendingLog) => Promise.all(Array.from({ length: 12 }, (_, i) => who.appendAll(Array.from({ length: (i % 3) + 1 }, leaf))));
      const [mine, theirs] = await Promise.all([batches(opened), batches(other)]);
      const all = [...mine.flat(), ...theirs.flat()].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 48 }, (_, i) => i));
      // each batch is one transaction: its indices are consecutive
      for (const batch of [...mine, ...theirs]) expect(batch).toEqual(batch.map((_, i) => batch[0]! + i));
      const stored = await other.log.logLeaves(0, 48);
      const tree = HashTree.fromLeaves(stored.map((l) => l.leaf));
      expect(await opened.log.logRoot(48)).toEqual({ kind: 'root', size: 48, root: tree.root() });
    });

    it('answers sizes beyond the log as values and refuses sizes that are not whole numbers', async () => {
      await opened.appendAll([leaf(), leaf()]);
      expect(await opened.log.logRoot(3)).toEqual({ kind: 'beyond-log', size: 3, logSize: 2 });
      expect(await opened.log.inclusionProof(2, 2)).toEqual({ kind: 'index-beyond-size', index: 2, size: 2 });
      expect(await opened.log.consistencyProof(2, 1)).toEqual({ kind: 'sizes-out-of-order', from: 2, to: 1 });
      await expect(opened.log.logRoot(-1)).rejects.toThrow(RangeError);
      await expect(opened.log.logLeaves(0.5, 2)).rejects.toThrow(RangeError);
    });
  });
}
