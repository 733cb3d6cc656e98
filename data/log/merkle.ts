import { createHash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing and proofs (SHA-256). Generation reads the hashes of
 * complete subtrees through a `SubtreeReader`, so a store can keep those (each written once, as
 * its last leaf arrives) and answer a root or a proof with O(log² n) lookups instead of rehashing
 * the log. Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step.
 *
 * Sizes and indices are JavaScript numbers (safe integers); bit operations are written as
 * arithmetic so nothing wraps at 2³¹.
 */

export const HASH_BYTES = 32;

/** SHA-256(0x00 ‖ leaf): the leaf's bytes are the UTF-8 of a string, or given as bytes. */
export function leafHash(leaf: Uint8Array | string): Uint8Array {
  const bytes = typeof leaf === 'string' ? Buffer.from(leaf, 'utf8') : leaf;
  return sha256(LEAF_PREFIX, bytes);
}

/** SHA-256(0x01 ‖ left ‖ right) */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH of the empty tree: SHA-256 of nothing. */
export function emptyRoot(): Uint8Array {
  return sha256();
}

/**
 * The hash of the complete subtree at `level` over leaves [index·2^level, (index+1)·2^level):
 * level 0 is the leaf hashes. Called only for subtrees that lie wholly inside the tree asked about.
 */
export type SubtreeReader = (level: number, index: number) => Uint8Array;

/** MTH(D[0:size]) */
export function treeRoot(read: SubtreeReader, size: number): Uint8Array {
  checkCount(size, 'size');
  return size === 0 ? emptyRoot() : rangeHash(read, 0, size);
}

/** RFC 6962 §2.1.1 PATH(index, D[0:size]): the audit path of a leaf, nearest sibling first. */
export function inclusionPath(read: SubtreeReader, index: number, size: number): Uint8Array[] {
  checkCount(index, 'index');
  checkCount(size, 'size');
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  // The recursion, unrolled from the top: each step records its sibling, and the path lists them bottom-up.
  const siblings: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      siblings.push(rangeHash(read, start + k, end));
      end = start + k;
    } else {
      siblings.push(rangeHash(read, start, start + k));
      start += k;
    }
  }
  return siblings.reverse();
}

/** RFC 6962 §2.1.2 PROOF(from, D[0:to]) = SUBPROOF(from, D[0:to], true); empty when from is 0 or equals to. */
export function consistencyPath(read: SubtreeReader, from: number, to: number): Uint8Array[] {
  checkCount(from, 'from');
  checkCount(to, 'to');
  if (from > to) throw new RangeError(`no consistency proof from ${from} back to ${to}`);
  if (from === 0 || from === to) return [];
  const nodes: Uint8Array[] = [];
  let start = 0;
  let end = to;
  let m = from; // the old size, counted from `start`
  let wholeOldTree = true; // SUBPROOF's flag: the old tree's own root is known to the verifier
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      nodes.push(rangeHash(read, start + k, end));
      end = start + k;
    } else {
      nodes.push(rangeHash(read, start, start + k));
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) nodes.push(rangeHash(read, start, end));
  return nodes.reverse();
}

export type ProofFailure =
  | 'bad-hash-length'
  | 'index-beyond-size'
  | 'sizes-out-of-order'
  | 'path-too-long'
  | 'path-too-short'
  | 'proof-not-empty'
  | 'empty-proof'
  | 'root-mismatch'
  | 'old-root-mismatch';

export type ProofCheck = { ok: true } | { ok: false; reason: ProofFailure };

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or why it leads nowhere. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
): { ok: true; root: Uint8Array } | { ok: false; reason: ProofFailure } {
  if (!isCount(index) || !isCount(size) || index >= size) return { ok: false, reason: 'index-beyond-size' };
  if (leaf.length !== HASH_BYTES || path.some((p) => p.length !== HASH_BYTES)) return { ok: false, reason: 'bad-hash-length' };
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return { ok: false, reason: 'path-too-long' };
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return { ok: false, reason: 'path-too-short' };
  return { ok: true, root: r };
}

export function verifyInclusion(index: number, size: number, leaf: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): ProofCheck {
  if (root.length !== HASH_BYTES) return { ok: false, reason: 'bad-hash-length' };
  const result = rootFromInclusionProof(index, size, leaf, path);
  if (!result.ok) return result;
  return equalBytes(result.root, root) ? { ok: true } : { ok: false, reason: 'root-mismatch' };
}

/**
 * RFC 9162 §2.1.4.2. A tree of size 0 is consistent with every later tree, and a tree with itself
 * when the roots are equal; both take an empty proof (as transparency-dev/merkle does).
 */
export function verifyConsistency(from: number, to: number, path: readonly Uint8Array[], fromRoot: Uint8Array, toRoot: Uint8Array): ProofCheck {
  if (!isCount(from) || !isCount(to) || from > to) return { ok: false, reason: 'sizes-out-of-order' };
  if (fromRoot.length !== HASH_BYTES || toRoot.length !== HASH_BYTES || path.some((p) => p.length !== HASH_BYTES)) {
    return { ok: false, reason: 'bad-hash-length' };
  }
  if (from === 0 || from === to) {
    if (path.length > 0) return { ok: false, reason: 'proof-not-empty' };
    return from !== to || equalBytes(fromRoot, toRoot) ? { ok: true } : { ok: false, reason: 'root-mismatch' };
  }
  if (path.length === 0) return { ok: false, reason: 'empty-proof' };
  const nodes = isPowerOfTwo(from) ? [fromRoot, ...path] : [...path];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = nodes[0]!;
  let sr = nodes[0]!;
  for (const c of nodes.slice(1)) {
    if (sn === 0) return { ok: false, reason: 'path-too-long' };
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return { ok: false, reason: 'path-too-short' };
  if (!equalBytes(fr, fromRoot)) return { ok: false, reason: 'old-root-mismatch' };
  return equalBytes(sr, toRoot) ? { ok: true } : { ok: false, reason: 'root-mismatch' };
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * MTH(D[start:end]) for the ranges the RFC's recursion reaches: `start` is a multiple of the
 * largest power of two below end − start, so the range is a run of complete subtrees (its left
 * part) closed by a smaller range of the same shape.
 */
export function rangeHash(read: SubtreeReader, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n <= 0) throw new RangeError(`empty range [${start}, ${end})`);
  if (isPowerOfTwo(n)) {
    if (start % n !== 0) throw new RangeError(`[${start}, ${end}) is not a complete subtree`);
    return read(log2(n), start / n);
  }
  const k = splitPoint(n);
  if (start % k !== 0) throw new RangeError(`[${start}, ${end}) does not split at a subtree boundary`);
  return nodeHash(read(log2(k), start / k), rangeHash(read, start + k, end));
}

/** The largest power of two smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// ——— private helpers ———

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  // a plain Uint8Array, not a Buffer, so results compare equal to other byte arrays
  return new Uint8Array(hash.digest());
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function checkCount(n: number, name: string): void {
  if (!isCount(n)) throw new RangeError(`${name} must be a whole number ≥ 0, not ${n}`);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

function log2(n: number): number {
  let level = 0;
  while (n > 1) {
    n /= 2;
    level += 1;
  }
  return level;
}
