/**
 * A least-recently-used cache of byte arrays with a budget in bytes rather than in entries:
 * a county's batch PDF weighs as much as a few hundred single posters.
 */
export class ByteLru {
  readonly #entries = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor(readonly budgetBytes: number) {}

  get(key: string): Uint8Array | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Re-inserting moves the key to the end: Map iteration order is the recency order.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Stores `value` unless it alone is over the budget; evicts the least recently used to make room. */
  set(key: string, value: Uint8Array): void {
    this.delete(key);
    if (value.byteLength > this.budgetBytes) return;
    this.#entries.set(key, value);
    this.#bytes += value.byteLength;
    for (const [oldest, bytes] of this.#entries) {
      if (this.#bytes <= this.budgetBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= bytes.byteLength;
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (old === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= old.byteLength;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }
}
