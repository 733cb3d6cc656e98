import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru.ts';

const bytes = (n: number) => new Uint8Array(n);

describe('a byte-budget LRU cache', () => {
  it('evicts the least recently used entries once the budget is exceeded', () => {
    const cache = new ByteLru(100);
    cache.set('a', bytes(40));
    cache.set('b', bytes(40));
    cache.get('a'); // a is now more recent than b
    cache.set('c', bytes(40));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.byteLength).toBe(40);
    expect(cache.get('c')?.byteLength).toBe(40);
    expect(cache.bytes).toBe(80);
  });

  it('does not keep an entry larger than the whole budget, nor evict others for it', () => {
    const cache = new ByteLru(100);
    cache.set('a', bytes(60));
    cache.set('huge', bytes(101));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('counts a replaced entry once', () => {
    const cache = new ByteLru(100);
    cache.set('a', bytes(60));
    cache.set('a', bytes(30));
    expect(cache.bytes).toBe(30);
    expect(cache.size).toBe(1);
  });

  it('keeps nothing with a budget of zero', () => {
    const cache = new ByteLru(0);
    cache.set('a', bytes(1));
    expect(cache.size).toBe(0);
  });
});
