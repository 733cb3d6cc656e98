/**
 * Runs `run` every day at `hour`:00 China time (the nightly flags, the morning reminders): one
 * timer at a time, the next set when a run ends, whether it succeeded or not; it never keeps the
 * process alive. `next` is the next run (ISO), null once closed.
 */
export interface DailyJob {
  readonly next: string | null;
  close(): void;
}

export function dailyJob(opts: { hour: number; clock: () => Date; run: () => Promise<string>; name: string; log?: (line: string) => void }): DailyJob {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let next: string | null = null;
  let closed = false;
  const schedule = () => {
    if (closed) return;
    const at = nextRunAt(opts.clock(), opts.hour);
    next = at.toISOString();
    timer = setTimeout(() => {
      timer = null;
      opts
        .run()
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

/** The next time the clock in China shows `hour`:00 after `now`. */
export function nextRunAt(now: Date, hour: number): Date {
  const offset = 8 * 3_600_000;
  const china = new Date(now.getTime() + offset);
  const candidate = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), hour) - offset;
  return new Date(candidate > now.getTime() ? candidate : candidate + 86_400_000);
}
