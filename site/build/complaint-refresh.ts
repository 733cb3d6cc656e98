/**
 * Keeps the complaint figures on the static pages fresh without a rebuild per complaint. Each
 * filed or changed complaint names its village; the villages collect, and one rebuild renders
 * them all (and their township, county and home pages once), at most once every `intervalMs`.
 * A complaint after a quiet spell is rebuilt at once; a burst of 1,000 a second costs one
 * rebuild per interval. The figures are public statistics, so a few seconds late is fine; a
 * complaint's own status is on the tracking page, which reads the store on every request.
 */
export interface ComplaintRefresherOptions {
  /** renders the pages of these villages (SiteBuilder.rebuildVillages) */
  rebuild: (villages: string[]) => Promise<unknown>;
  /** the least time between the starts of two rebuilds; 5 s by default */
  intervalMs?: number;
  /** a failed rebuild; its villages are tried again with the next one, up to three times */
  onError?: (error: unknown, villages: readonly string[]) => void;
}

export interface ComplaintRefresher {
  /** a complaint of this village was filed or changed: its pages will be rebuilt soon */
  touch(village: string): void;
  /** rebuilds whatever is waiting now, without waiting for the interval; resolves when no rebuild is running */
  flush(): Promise<void>;
  /** what touch() collected and no rebuild has started on yet */
  readonly pending: number;
  /** finishes what is waiting (as flush) and ignores later touches: for shutting down */
  close(): Promise<void>;
}

export const DEFAULT_COMPLAINT_REFRESH_MS = 5_000;

export function createComplaintRefresher(opts: ComplaintRefresherOptions): ComplaintRefresher {
  const interval = opts.intervalMs ?? DEFAULT_COMPLAINT_REFRESH_MS;
  const onError = opts.onError ?? ((error, villages) => console.error(`[site] rebuilding complaint figures of ${villages.length} village(s) failed:`, error));
  const pending = new Set<string>();
  const attempts = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let closed = false;

  const schedule = () => {
    if (timer || running || pending.size === 0) return;
    const wait = Math.max(0, lastStart + interval - Date.now());
    timer = setTimeout(run, wait);
    // A waiting rebuild must not keep a finished process (a CLI, a test run) alive.
    timer.unref?.();
  };

  const run = () => {
    timer = null;
    if (running || pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    lastStart = Date.now();
    running = opts
      .rebuild(batch)
      .then(
        () => {
          for (const v of batch) attempts.delete(v);
        },
        (error: unknown) => {
          onError(error, batch);
          for (const v of batch) {
            const n = (attempts.get(v) ?? 0) + 1;
            if (n >= MAX_ATTEMPTS) attempts.delete(v);
            else {
              attempts.set(v, n);
              pending.add(v);
            }
          }
        },
      )
      .finally(() => {
        running = null;
        if (!closed) schedule();
      });
  };

  const flush = async () => {
    // A rebuild may be running with touches waiting behind it: keep going until both are done.
    while (running || pending.size > 0) {
      if (running) await running;
      else {
        if (timer) clearTimeout(timer);
        timer = null;
        run();
      }
    }
  };

  return {
    touch(village) {
      if (closed) return;
      pending.add(village);
      schedule();
    },
    flush,
    get pending() {
      return pending.size;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}

// ——— private helpers ———

const MAX_ATTEMPTS = 3;
