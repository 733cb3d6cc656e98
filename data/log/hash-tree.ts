import { consistencyPath, HASH_BYTES, inclusionPath, leafHash, nodeHash, treeRoot, type SubtreeReader } from './merkle.ts';

/**
 * A Merkle tree in memory that keeps every complete subtree hash (the "tile" idea without the
 * tiling): appending a leaf hashes only the subtrees it completes, and a root or proof at any
 * past size reads O(log² n) of them. One byte buffer per level, so 100,000 leaves take about
 * 6.4 MB. The verify CLI and `auditLog` rebuild a downloaded log with it; tests use it as the model.
 */
export class HashTree {
  #levels: Level[] = [];
  #size = 0;

  static fromLeafHashes(hashes: Iterable<Uint8Array>): HashTree {
    const tree = new HashTree();
    for (const hash of hashes) tree.append(hash);
    return tree;
  }

  /** The leaves are strings (their UTF-8 is hashed) or bytes. */
  static fromLeaves(leaves: Iterable<Uint8Array | string>): HashTree {
    const tree = new HashTree();
    for (const leaf of leaves) tree.append(leafHash(leaf));
    return tree;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a leaf hash (SHA-256(0x00 ‖ leaf)); returns its index. */
  append(hash: Uint8Array): number {
    if (hash.length !== HASH_BYTES) throw new RangeError(`a leaf hash has ${HASH_BYTES} bytes, not ${hash.length}`);
    const index = this.#size;
    let node = hash;
    let position = index;
    for (let level = 0; ; level++) {
      this.#level(level).push(node);
      // a right child completes its parent
      if (position % 2 === 0) break;
      node = nodeHash(this.#level(level).get(position - 1), node);
      position = (position - 1) / 2;
    }
    this.#size += 1;
    return index;
  }

  readonly read: SubtreeReader = (level, index) => {
    const stored = this.#levels[level];
    if (!stored || index >= stored.length) throw new RangeError(`no complete subtree at level ${level}, index ${index} in a tree of ${this.#size}`);
    return stored.get(index);
  };

  leafHash(index: number): Uint8Array {
    return this.read(0, index);
  }

  root(size = this.#size): Uint8Array {
    this.#checkSize(size);
    return treeRoot(this.read, size);
  }

  inclusionProof(index: number, size = this.#size): Uint8Array[] {
    this.#checkSize(size);
    return inclusionPath(this.read, index, size);
  }

  consistencyProof(from: number, to = this.#size): Uint8Array[] {
    this.#checkSize(to);
    return consistencyPath(this.read, from, to);
  }

  #checkSize(size: number): void {
    if (size > this.#size) throw new RangeError(`the tree has ${this.#size} leaves, not ${size}`);
  }

  #level(level: number): Level {
    let stored = this.#levels[level];
    if (!stored) {
      stored = new Level();
      this.#levels[level] = stored;
    }
    return stored;
  }
}

// ——— private helpers ———

/** A growable array of 32-byte hashes in one buffer. */
class Level {
  #bytes = new Uint8Array(HASH_BYTES * 64);
  length = 0;

  push(hash: Uint8Array): void {
    if ((this.length + 1) * HASH_BYTES > this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes.set(hash, this.length * HASH_BYTES);
    this.length += 1;
  }

  /** A copy: the buffer moves when it grows, and callers may keep what they read. */
  get(index: number): Uint8Array {
    return this.#bytes.slice(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }
}
