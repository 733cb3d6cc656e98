import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyRuns } from './daily-runs.ts';

/** What every backend must do with daily runs (daily-runs.ts); `connect` opens a second connection. */
export type OpenDailyRuns = () => Promise<{ store: DailyRuns; connect: () => Promise<DailyRuns>; cleanup: () => Promise<void> }>;

const AT = '2026-12-06T17:00:00.000Z';

export function describeDailyRunsContract(name: string, open: OpenDailyRuns): void {
  describe(`Daily runs contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenDailyRuns>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('gives a job’s day to its first claimant only, and every other day or job anew', async () => {
      const { store } = opened;
      expect(await store.claimDailyRun('nightly-flags', '2026-12-07', 'a', AT)).toBe(true);
      expect(await store.claimDailyRun('nightly-flags', '2026-12-07', 'b', AT)).toBe(false);
      expect(await store.claimDailyRun('nightly-flags', '2026-12-07', 'a', AT)).toBe(false);
      expect(await store.claimDailyRun('nightly-flags', '2026-12-08', 'b', AT)).toBe(true);
      expect(await store.claimDailyRun('reminders', '2026-12-07', 'b', AT)).toBe(true);
    });

    it('gives a day to exactly one of two connections claiming at once', async () => {
      const other = await opened.connect();
      for (let day = 1; day <= 20; day += 1) {
        const date = `2026-12-${String(day).padStart(2, '0')}`;
        const won = await Promise.all([opened.store.claimDailyRun('reminders', date, 'a', AT), other.claimDailyRun('reminders', date, 'b', AT)]);
        expect(won.filter(Boolean)).toHaveLength(1);
      }
    });
  });
}
