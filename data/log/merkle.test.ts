import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { int, rng } from '../demo/seeded-random.ts';
import { HashTree } from './hash-tree.ts';
import { consistencyPath, emptyRoot, inclusionPath, leafHash, nodeHash, splitPoint, treeRoot, verifyConsistency, verifyInclusion } from './merkle.ts';
import { CONSISTENCY_PROOFS, HASHER_VECTORS, INCLUSION_PROOFS, LEAF_INPUTS_HEX, NODE_HASHES_HEX, ROOT_HASHES_HEX } from './rfc6962-vectors.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const unhex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const goldenTree = HashTree.fromLeaves(LEAF_INPUTS_HEX.map(unhex));
const golden = (size: number) => ({ root: unhex(ROOT_HASHES_HEX[size]!), leaf: (i: number) => goldenTree.leafHash(i) });
// transparency-dev/merkle's sha256SomeHash, a hash that belongs to no tree here
const SOME_HASH = unhex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 6962 hashing (transparency-dev/merkle vectors)', () => {
  it('hashes leaves with 0x00 and nodes with 0x01, and the empty tree as SHA-256 of nothing', () => {
    expect(hex(emptyRoot())).toBe(HASHER_VECTORS.emptyRoot);
    expect(hex(leafHash(new Uint8Array()))).toBe(HASHER_VECTORS.emptyLeaf);
    expect(hex(leafHash('L123456'))).toBe(HASHER_VECTORS.leafL123456);
    expect(hex(nodeHash(Buffer.from('N123'), Buffer.from('N456')))).toBe(HASHER_VECTORS.nodeN123N456);
  });

  it('computes the published root of every size from 0 to 8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(hex(goldenTree.root(size)), `size ${size}`).toBe(ROOT_HASHES_HEX[size]);
      expect(hex(HashTree.fromLeaves(LEAF_INPUTS_HEX.slice(0, size).map(unhex)).root()), `built to ${size}`).toBe(ROOT_HASHES_HEX[size]);
    }
  });

  it('keeps the published hash of every complete subtree', () => {
    NODE_HASHES_HEX.forEach((level, l) => level.forEach((hash, i) => expect(hex(goldenTree.read(l, i)), `level ${l} index ${i}`).toBe(hash)));
  });

  it('generates the published inclusion proofs, which verify', () => {
    for (const v of INCLUSION_PROOFS) {
      const { root, leaf } = golden(v.size);
      expect(goldenTree.inclusionProof(v.index, v.size).map(hex), `${v.index}/${v.size}`).toEqual(v.path);
      expect(verifyInclusion(v.index, v.size, leaf(v.index), v.path.map(unhex), root)).toEqual({ ok: true });
    }
  });

  it('rejects the published inclusion proofs when corrupted as transparency-dev/merkle corrupts them', () => {
    for (const v of INCLUSION_PROOFS) {
      const { root, leaf } = golden(v.size);
      const path = v.path.map(unhex);
      const probes: Array<[string, number, number, Uint8Array, Uint8Array[], Uint8Array]> = [
        ['index - 1', v.index - 1, v.size, leaf(v.index), path, root],
        ['index + 1', v.index + 1, v.size, leaf(v.index), path, root],
        ['index ^ 2', v.index ^ 2, v.size, leaf(v.index), path, root],
        ['size * 2', v.index, v.size * 2, leaf(v.index), path, root],
        ['size / 2', v.index, Math.floor(v.size / 2), leaf(v.index), path, root],
        ['wrong leaf', v.index, v.size, Buffer.from('WrongLeaf'), path, root],
        ['empty root', v.index, v.size, leaf(v.index), path, emptyRoot()],
        ['random root', v.index, v.size, leaf(v.index), path, SOME_HASH],
        ['trailing garbage', v.index, v.size, leaf(v.index), [...path, new Uint8Array()], root],
        ['trailing root', v.index, v.size, leaf(v.index), [...path, root], root],
        ['preceding garbage', v.index, v.size, leaf(v.index), [new Uint8Array(), ...path], root],
        ['preceding root', v.index, v.size, leaf(v.index), [root, ...path], root],
      ];
      if (path.length > 0) probes.push(['removed component', v.index, v.size, leaf(v.index), path.slice(0, -1), root]);
      if (path.length > 1) probes.push(['inserted component', v.index, v.size, leaf(v.index), [path[0]!, SOME_HASH, ...path.slice(1)], root]);
      path.forEach((_, i) => probes.push([`proof[${i}] bit 3`, v.index, v.size, leaf(v.index), path.map((p, j) => (j === i ? flip(p, 3) : p)), root]));
      for (const [desc, index, size, leafHash, proof, r] of probes) {
        expect(verifyInclusion(index, size, leafHash, proof, r).ok, `${v.index}/${v.size}: ${desc}`).toBe(false);
      }
    }
  });

  it('generates the published consistency proofs, which verify', () => {
    for (const v of CONSISTENCY_PROOFS) {
      expect(goldenTree.consistencyProof(v.from, v.to).map(hex), `${v.from}→${v.to}`).toEqual(v.path);
      expect(verifyConsistency(v.from, v.to, v.path.map(unhex), golden(v.from).root, golden(v.to).root)).toEqual({ ok: true });
    }
  });

  it('rejects the published consistency proofs when corrupted as transparency-dev/merkle corrupts them', () => {
    for (const v of CONSISTENCY_PROOFS.filter((p) => p.path.length > 0)) {
      const [r1, r2] = [golden(v.from).root, golden(v.to).root];
      const path = v.path.map(unhex);
      const probes: Array<[string, number, number, Uint8Array, Uint8Array, Uint8Array[]]> = [
        ['from - 1', v.from - 1, v.to, r1, r2, path],
        ['from + 1', v.from + 1, v.to, r1, r2, path],
        ['from ^ 2', v.from ^ 2, v.to, r1, r2, path],
        ['to * 2', v.from, v.to * 2, r1, r2, path],
        ['to / 2', v.from, Math.floor(v.to / 2), r1, r2, path],
        ['wrong root1', v.from, v.to, Buffer.from('WrongRoot'), r2, path],
        ['wrong root2', v.from, v.to, r1, Buffer.from('WrongRoot'), path],
        ['swapped roots', v.from, v.to, r2, r1, path],
        ['empty proof', v.from, v.to, r1, r2, []],
        ['trailing garbage', v.from, v.to, r1, r2, [...path, new Uint8Array()]],
        ['trailing root1', v.from, v.to, r1, r2, [...path, r1]],
        ['trailing root2', v.from, v.to, r1, r2, [...path, r2]],
        ['preceding garbage', v.from, v.to, r1, r2, [new Uint8Array(), ...path]],
        ['preceding root1', v.from, v.to, r1, r2, [r1, ...path]],
        ['preceding root2', v.from, v.to, r1, r2, [r2, ...path]],
        ['preceding proof[0]', v.from, v.to, r1, r2, [path[0]!, ...path]],
        ['truncated proof', v.from, v.to, r1, r2, path.slice(0, -1)],
      ];
      path.forEach((_, i) => probes.push([`proof[${i}] bit 4`, v.from, v.to, r1, r2, path.map((p, j) => (j === i ? flip(p, 4) : p))]));
      for (const [desc, from, to, a, b, proof] of probes) {
        expect(verifyConsistency(from, to, proof, a, b).ok, `${v.from}→${v.to}: ${desc}`).toBe(false);
      }
    }
  });

  it('decides the edge cases of consistency as transparency-dev/merkle does', () => {
    const [root1, root2] = [Buffer.from('don\'t care 1').subarray(0, 12), Buffer.from('don\'t care 2').subarray(0, 12)];
    const [any1, any2] = [sha('one'), sha('two')];
    const empty = emptyRoot();
    const cases: Array<[number, number, Uint8Array, Uint8Array, Uint8Array[], boolean]> = [
      [0, 0, any1, any2, [], false],
      [1, 1, any1, any2, [], false],
      [0, 0, any1, any1, [], true],
      [0, 1, any1, any2, [], true],
      [1, 1, any2, any2, [], true],
      [1, 0, any1, any2, [], false],
      [2, 1, any1, any2, [], false],
      [1, 2, any1, any2, [], false],
      [0, 0, empty, any2, [], false],
      [1, 1, empty, any2, [], false],
      [0, 0, empty, empty, [empty], false],
      [0, 1, empty, empty, [empty], false],
      [1, 1, empty, empty, [empty], false],
      // hashes of the wrong length are refused outright
      [1, 1, root1, root2, [], false],
    ];
    for (const [from, to, a, b, proof, ok] of cases) expect(verifyConsistency(from, to, proof, a, b).ok, `${from}→${to}`).toBe(ok);
  });
});

describe('proofs against the RFC 6962 definitions', () => {
  const leaves = Array.from({ length: 1024 }, (_, i) => `leaf ${i}`);
  const tree = HashTree.fromLeaves(leaves);
  const hashes = leaves.map((l) => leafHash(l));

  it('generates exactly RFC 6962 PATH and PROOF for every index and size up to 40', () => {
    for (let size = 1; size <= 40; size++) {
      const d = hashes.slice(0, size);
      expect(tree.root(size)).toEqual(mth(d));
      for (let m = 0; m < size; m++) expect(tree.inclusionProof(m, size), `PATH(${m}, D[${size}])`).toEqual(path(m, d));
      for (let m = 1; m <= size; m++) expect(tree.consistencyProof(m, size), `PROOF(${m}, D[${size}])`).toEqual(subproof(m, d, true));
    }
  });

  it('verifies inclusion and consistency proofs for every tree size up to 1,024', () => {
    const r = rng(6962);
    const roots = Array.from({ length: 1025 }, (_, size) => tree.root(size));
    for (let size = 1; size <= 1024; size++) {
      const root = roots[size]!;
      for (const index of new Set([0, size - 1, int(r, 0, size - 1), int(r, 0, size - 1)])) {
        expect(verifyInclusion(index, size, hashes[index]!, tree.inclusionProof(index, size), root), `leaf ${index} of ${size}`).toEqual({ ok: true });
      }
      for (const from of new Set([1, size, int(r, 1, size), int(r, 1, size)])) {
        expect(verifyConsistency(from, size, tree.consistencyProof(from, size), roots[from]!, root), `${from}→${size}`).toEqual({ ok: true });
      }
    }
  });

  it('fails when any single bit of the proof, the root or the leaf is flipped', () => {
    const r = rng(9162);
    const accepted: string[] = [];
    const expectFailure = (check: { ok: boolean }, what: string) => {
      if (check.ok) accepted.push(what);
    };
    for (let round = 0; round < 8; round++) {
      const size = int(r, 2, 1024);
      const index = int(r, 0, size - 1);
      const root = tree.root(size);
      const proof = tree.inclusionProof(index, size);
      const leaf = hashes[index]!;
      const from = int(r, 1, size - 1);
      const oldRoot = tree.root(from);
      const consistency = tree.consistencyProof(from, size);
      for (let bit = 0; bit < 256; bit++) {
        expectFailure(verifyInclusion(index, size, flip(leaf, bit), proof, root), `leaf ${index}/${size}, leaf bit ${bit}`);
        expectFailure(verifyInclusion(index, size, leaf, proof, flip(root, bit)), `leaf ${index}/${size}, root bit ${bit}`);
        proof.forEach((_, i) => expectFailure(verifyInclusion(index, size, leaf, proof.map((p, j) => (j === i ? flip(p, bit) : p)), root), `leaf ${index}/${size}, path[${i}] bit ${bit}`));
        expectFailure(verifyConsistency(from, size, consistency, flip(oldRoot, bit), root), `${from}→${size}, old root bit ${bit}`);
        expectFailure(verifyConsistency(from, size, consistency, oldRoot, flip(root, bit)), `${from}→${size}, root bit ${bit}`);
        consistency.forEach((_, i) => expectFailure(verifyConsistency(from, size, consistency.map((p, j) => (j === i ? flip(p, bit) : p)), oldRoot, root), `${from}→${size}, proof[${i}] bit ${bit}`));
      }
      // the unflipped proofs do verify, so the failures above come from the flips
      expect(verifyInclusion(index, size, leaf, proof, root).ok && verifyConsistency(from, size, consistency, oldRoot, root).ok).toBe(true);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses to prove a leaf or size the tree does not have', () => {
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 1025)).toThrow(RangeError);
    expect(() => tree.consistencyProof(9, 8)).toThrow(RangeError);
    expect(() => inclusionPath(tree.read, -1, 8)).toThrow(RangeError);
    expect(() => consistencyPath(tree.read, 1.5, 8)).toThrow(RangeError);
    expect(treeRoot(tree.read, 0)).toEqual(emptyRoot());
    expect(verifyInclusion(8, 8, hashes[0]!, [], tree.root(8))).toEqual({ ok: false, reason: 'index-beyond-size' });
  });
});

// ——— the RFC 6962 §2.1 definitions, written as recursion over leaf hashes ———

function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return emptyRoot();
  if (d.length === 1) return d[0]!;
  const k = splitPoint(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

function path(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = splitPoint(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

function subproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = splitPoint(d.length);
  return m <= k ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

function sha(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}
