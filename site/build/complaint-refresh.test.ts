import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createComplaintRefresher } from './complaint-refresh.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A rebuild that records its batches and finishes when told to. */
function recorder() {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  return {
    batches,
    finishAll: () => finish.splice(0).forEach((f) => f()),
    rebuild: (villages: string[]) => {
      batches.push([...villages].sort());
      return new Promise<void>((resolve) => finish.push(resolve));
    },
  };
}

describe('the complaint refresher', () => {
  it('rebuilds a lone complaint’s village at once', async () => {
    const r = recorder();
    const refresher = createComplaintRefresher({ rebuild: r.rebuild, intervalMs: 5_000 });
    refresher.touch('430802108214');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.batches).toEqual([['430802108214']]);
  });

  it('turns a burst of a thousand complaints into one more rebuild per interval, each village once', async () => {
    const r = recorder();
    const refresher = createComplaintRefresher({ rebuild: r.rebuild, intervalMs: 5_000 });
    refresher.touch('430802108214');
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 1000; i++) refresher.touch(i % 2 === 0 ? '430802108214' : '430802108215');
    r.finishAll();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(r.batches).toHaveLength(1);
    expect(refresher.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.batches).toEqual([['430802108214'], ['430802108214', '430802108215']]);
    r.finishAll();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.batches).toHaveLength(2);
  });

  it('never starts a rebuild while one is running', async () => {
    const r = recorder();
    const refresher = createComplaintRefresher({ rebuild: r.rebuild, intervalMs: 1_000 });
    refresher.touch('430802108214');
    await vi.advanceTimersByTimeAsync(0);
    refresher.touch('430802108215');
    await vi.advanceTimersByTimeAsync(10_000); // the first is still running
    expect(r.batches).toHaveLength(1);
    r.finishAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.batches).toEqual([['430802108214'], ['430802108215']]);
  });

  it('tries the villages of a failed rebuild again with the next one, and gives up after three tries', async () => {
    const errors: unknown[] = [];
    const batches: string[][] = [];
    const refresher = createComplaintRefresher({
      rebuild: async (villages) => {
        batches.push(villages);
        throw new Error('disk full');
      },
      intervalMs: 1_000,
      onError: (error) => errors.push(error),
    });
    refresher.touch('430802108214');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches).toEqual([['430802108214'], ['430802108214'], ['430802108214']]);
    expect(errors).toHaveLength(3);
    expect(refresher.pending).toBe(0);
  });

  it('flushes what is waiting without waiting for the interval, and ignores touches once closed', async () => {
    const batches: string[][] = [];
    const refresher = createComplaintRefresher({ rebuild: async (v) => void batches.push(v), intervalMs: 60_000 });
    refresher.touch('430802108214');
    await vi.advanceTimersByTimeAsync(0);
    refresher.touch('430802108215');
    await refresher.flush();
    expect(batches).toEqual([['430802108214'], ['430802108215']]);
    await refresher.close();
    refresher.touch('430821211227');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(batches).toHaveLength(2);
  });
});
