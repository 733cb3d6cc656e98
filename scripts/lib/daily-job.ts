import { hostname } from 'node:os';
import type { DailyRuns } from '../../data/store/daily-runs.ts';

/**
 * Runs `run` every day at `hour`:00 China time (the nightly flags, the morning reminders): one
 * timer at a time, the next set when a run ends, whether it succeeded or not; it never keeps the
 * process alive. `next` is the next run (ISO), null once closed. With `runs` (several processes on
 * one database), a day's run is claimed first, and only the process that claims it runs it.
 */
export interface DailyJob {
  readonly next: string | null;
  close(): void;
}

export function dailyJob(opts: { hour: number; clock: () => Date; run: () => Promise<string>; name: string; log?: (line: string) => void; runs?: DailyRuns }): DailyJob {
  const owner = `${hostname()}:${process.pid}`;
  const claimed = async (at: Date): Promise<boolean> => !opts.runs || opts.runs.claimDailyRun(opts.name, chinaDay(at), owner, opts.clock().toISOString());
  let timer: ReturnType<typeof setTimeout> | null = null;
  let next: string | null = null;
  let closed = false;
  const schedule = () => {
    if (closed) return;
    const at = nextRunAt(opts.clock(), opts.hour);
    next = at.toISOString();
    timer = setTimeout(() => {
      timer = null;
      claimed(at)
        .then((mine) => (mine ? opts.run() : `${chinaDay(at)} run by another process`))
        .then((line) => opts.log?.(`[${opts.name}] ${line}`))
        .catch((error: unknown) => console.error(`[${opts.name}] failed:`, error))
        .finally(schedule);
    }, Math.max(0, at.getTime() - opts.clock().getTime()));
    timer.unref?.();
  };
  schedule();
  return {
    get next() {
      return next;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      next = null;
    },
  };
}

/** The date in China at `at` (YYYY-MM-DD): the day a run is for. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The next time the clock in China shows `hour`:00 after `now`. */
export function nextRunAt(now: Date, hour: number): Date {
  const offset = 8 * 3_600_000;
  const china = new Date(now.getTime() + offset);
  const candidate = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), hour) - offset;
  return new Date(candidate > now.getTime() ? candidate : candidate + 86_400_000);
}
