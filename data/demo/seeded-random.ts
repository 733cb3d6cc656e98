/** Seeded pseudo-random helpers for the demo data; never Math.random. */

/** A seeded random source in [0, 1): the demo data must be the same on every run and platform. */
export type Rng = () => number;

/** mulberry32: small, fast and the same on every platform. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units, to derive a village's own seed. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  const item = items[Math.floor(r() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

export function digits(r: Rng, n: number): string {
  return Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
}

export function shuffle<T>(r: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(r, 0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
