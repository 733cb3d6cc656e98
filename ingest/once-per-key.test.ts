import { describe, expect, it } from 'vitest';
import { oncePerKey } from './once-per-key.ts';

describe('a form posted twice', () => {
  it('does its work once when the second post comes while the first is still working, and both get its result', async () => {
    let runs = 0;
    let release!: () => void;
    const once = oncePerKey<number>({ ttlMs: 60_000, max: 10 });
    const work = () => new Promise<number>((resolve) => {
      runs += 1;
      release = () => resolve(runs);
    });
    const first = once('k', work);
    const second = once('k', work);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(runs).toBe(1);
  });

  it('gives a later repeat the same result until the time runs out, then works again; other keys work apart', async () => {
    let t = 0;
    let runs = 0;
    const once = oncePerKey<number>({ ttlMs: 1_000, max: 10, now: () => t });
    const work = async () => ++runs;
    expect(await once('a', work)).toBe(1);
    t = 999;
    expect(await once('a', work)).toBe(1);
    expect(await once('b', work)).toBe(2);
    t = 2_000;
    expect(await once('a', work)).toBe(3);
  });

  it('keeps no failure: the next post tries again', async () => {
    const once = oncePerKey<string>({ ttlMs: 60_000, max: 10 });
    await expect(once('k', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await once('k', async () => 'recorded')).toBe('recorded');
  });

  it('keeps at most `max` finished keys, dropping the oldest', async () => {
    let runs = 0;
    const once = oncePerKey<number>({ ttlMs: 60_000, max: 2 });
    const work = async () => ++runs;
    for (const k of ['a', 'b', 'c', 'd']) await once(k, work);
    expect(await once('d', work)).toBe(4);
    expect(await once('a', work)).toBe(5);
  });
});
