import type { DailyRuns } from '../../data/store/daily-runs.ts';
import type { Config } from '../../data/config.ts';
import type { Notifier } from '../../data/notify/notifier.ts';
import { reminderNotices } from '../../data/notify/reminder-notices.ts';
import type { AccountStore } from '../../data/store/account-store.ts';
import type { FlagStore } from '../../data/store/flag-store.ts';
import type { Store } from '../../data/store/store.ts';
import { CONSOLE_HREF } from '../../site/lib/urls.ts';
import { dailyJob } from './daily-job.ts';
import { everyFlag, everyUnfinishedComplaint } from '../../data/store/list-every.ts';

/**
 * The morning reminders (issue 13, point 4): at `hour` o'clock China time (8 by default), every
 * active account with something overdue or due within a day gets one notice. `runNow` is what the
 * tests call.
 */
export interface Reminders {
  runNow(): Promise<number>;
  close(): void;
}

export function createReminders(opts: {
  store: Pick<AccountStore, 'listAccounts'> & Pick<Store, 'listComplaints'> & Pick<FlagStore, 'listFlags'>;
  config: Config;
  clock: () => Date;
  notifier: Notifier;
  hour?: number;
  log?: (line: string) => void;
  /** claims each morning's run, so one of several processes sends the reminders (daily-job.ts) */
  runs?: DailyRuns;
}): Reminders {
  const runNow = async () => {
    const now = opts.clock().toISOString();
    const [accounts, complaints, flags] = await Promise.all([
      opts.store.listAccounts(opts.config.region),
      everyUnfinishedComplaint(opts.store, opts.config.region),
      everyFlag(opts.store, { scope: opts.config.region, status: 'active' }),
    ]);
    const notices = reminderNotices({ accounts, complaints, flags, deadlines: opts.config.complaints.deadlines, now, link: `${opts.config.baseUrl}${CONSOLE_HREF}` });
    await opts.notifier.send(notices);
    return notices.length;
  };
  const job = dailyJob({ hour: opts.hour ?? 8, clock: opts.clock, name: 'reminders', log: opts.log, runs: opts.runs, run: async () => `${await runNow()} sent` });
  return { runNow, close: () => job.close() };
}
