/**
 * Jobs that run once a day (the nightly red flags, the morning reminders). Each portal process
 * schedules them; with several processes on one database, the first to claim a day's run does
 * it and the others skip it. A run whose process dies half-way is not taken over: the next
 * day's run covers it (the nightly rules look at the whole village again; a reminder repeats
 * what is still late).
 */
export interface DailyRuns {
  /** true for the one caller that claims `job` for `day` (a China date, YYYY-MM-DD) first */
  claimDailyRun(job: string, day: string, owner: string, at: string): Promise<boolean>;
}
