import { describe, expect, it } from 'vitest';
import { HashTree } from './hash-tree.ts';
import { verifyConsistency, verifyInclusion } from './merkle.ts';
import { ConsistencyProofJson, consistencyProofJson, hashBytes, InclusionProofJson, inclusionProofJson } from './proof-json.ts';

const tree = HashTree.fromLeaves(Array.from({ length: 13 }, (_, i) => `leaf ${i}`));

describe('proof JSON', () => {
  it('serves an inclusion proof that a reader parses back and verifies', () => {
    const served = inclusionProofJson({ kind: 'proof', index: 5, size: 13, leafHash: tree.leafHash(5), root: tree.root(), path: tree.inclusionProof(5) }, 'leaf 5');
    const read = InclusionProofJson.parse(JSON.parse(JSON.stringify(served)));
    expect(read.leaf).toBe('leaf 5');
    expect(verifyInclusion(read.index, read.size, hashBytes(read.leafHash), read.path.map(hashBytes), hashBytes(read.root))).toEqual({ ok: true });
  });

  it('serves a consistency proof that a reader parses back and verifies', () => {
    const served = consistencyProofJson({ kind: 'proof', from: 6, to: 13, fromRoot: tree.root(6), toRoot: tree.root(13), path: tree.consistencyProof(6, 13) });
    const read = ConsistencyProofJson.parse(JSON.parse(JSON.stringify(served)));
    expect(verifyConsistency(read.from, read.to, read.path.map(hashBytes), hashBytes(read.fromRoot), hashBytes(read.toRoot))).toEqual({ ok: true });
  });

  it('refuses hashes that are not base64 of 32 bytes', () => {
    const served = inclusionProofJson({ kind: 'proof', index: 0, size: 1, leafHash: tree.leafHash(0), root: tree.root(1), path: [] });
    expect(InclusionProofJson.safeParse({ ...served, root: served.root.slice(0, -4) }).success).toBe(false);
    expect(InclusionProofJson.safeParse({ ...served, path: ['not base64!'] }).success).toBe(false);
    expect(InclusionProofJson.safeParse({ ...served, size: -1 }).success).toBe(false);
  });
});
