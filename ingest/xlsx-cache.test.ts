import { describe, expect, it } from 'vitest';
import { xlsxCache } from './xlsx-cache.ts';

const bytes = (n: number) => new Uint8Array(new ArrayBuffer(n));

describe('the XLSX cache', () => {
  it('makes a file once for readers asking one after another and at once', async () => {
    const cache = xlsxCache();
    let made = 0;
    const make = async () => {
      made += 1;
      return bytes(10);
    };
    await Promise.all([cache.get('a', make), cache.get('a', make)]);
    await cache.get('a', make);
    expect(made).toBe(1);
  });

  it('keeps within its bytes, dropping the least recently read first', async () => {
    const cache = xlsxCache(25);
    const made: string[] = [];
    const make = (key: string) => async () => {
      made.push(key);
      return bytes(10);
    };
    await cache.get('a', make('a'));
    await cache.get('b', make('b'));
    await cache.get('a', make('a')); // a is now the most recent
    await cache.get('c', make('c')); // 30 bytes: b goes
    await cache.get('a', make('a'));
    await cache.get('b', make('b'));
    expect(made).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not keep a failure', async () => {
    const cache = xlsxCache();
    await expect(cache.get('a', async () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect((await cache.get('a', async () => bytes(3))).byteLength).toBe(3);
  });
});
