import type { DailyRuns } from '../../data/store/daily-runs.ts';
import type { FlagRunner } from '../../data/flags/flag-runner.ts';
import type { DecisionStore } from '../../data/store/decision-store.ts';
import type { FlagStore } from '../../data/store/flag-store.ts';
import type { Store } from '../../data/store/store.ts';
import { dailyJob } from './daily-job.ts';
import { everyFlag } from '../../data/store/list-every.ts';

export { nextRunAt } from './daily-job.ts';

/**
 * The nightly run of the red-flag rules. Some answers change with the date alone (a rent falls
 * due, a disclosure deadline passes) and some flags become public when the village's time to
 * explain is up, so once a night every village on the calendar is checked again, and the pages of
 * villages whose flags changed or became public are rebuilt — and those of villages with a
 * 四议两公开 matter still open (no 实施结果公开 on record), whose checks judge what is owed by today. Runs at `hour` o'clock China time;
 * `runNow` is what the CLI and the tests call.
 */
export interface NightlyFlagsOptions {
  runner: FlagRunner;
  store: Pick<Store, 'publicationStats' | 'listDivisions'> & Pick<FlagStore, 'listFlags'> & Pick<DecisionStore, 'listDecisionMatters'>;
  clock: () => Date;
  /** the portal's region code: which villages to check */
  region: string;
  /** these villages' pages should be rebuilt (the outbox builder batches them) */
  onChanged: (villages: string[]) => void;
  /** claims each night's run, so one of several processes runs it (daily-job.ts) */
  runs?: DailyRuns;
  /** the hour of the day (China time) it runs at; 2 by default */
  hour?: number;
  log?: (line: string) => void;
}

export interface NightlySummary {
  villages: number;
  raised: number;
  changed: number;
  /** villages whose pages were asked to rebuild */
  rebuilt: number;
  ms: number;
}

export interface NightlyFlags {
  runNow(): Promise<NightlySummary>;
  /** the next scheduled run (ISO) */
  readonly next: string | null;
  close(): void;
}

export function createNightlyFlags(opts: NightlyFlagsOptions): NightlyFlags {
  // Flags that turn public between two runs: their villages' pages are rebuilt by the run after.
  let lastRun = opts.clock().toISOString();

  const runNow = async (): Promise<NightlySummary> => {
    const started = performance.now();
    const now = opts.clock().toISOString();
    const villages = await villagesOnCalendar(opts);
    let raised = 0;
    let changed = 0;
    const touched = new Set<string>();
    for (const code of villages) {
      const run = await opts.runner.runVillage(code, 'nightly');
      if (!run) continue;
      raised += run.result.raised.length;
      changed += run.result.changed.length;
      if (run.result.raised.length + run.result.changed.length > 0) touched.add(code);
    }
    // Settled flags too: one dismissed or resolved before its publicFrom still appears on the page once public.
    for (const f of await everyFlag(opts.store, { scope: opts.region, publicAt: now, publicAfter: lastRun })) touched.add(f.village);
    lastRun = now;
    // A step falls due with the date alone; once the result is disclosed, only new records or
    // publications move a matter's checks, and those rebuild its pages when they come.
    for (const m of await opts.store.listDecisionMatters(opts.region)) {
      if (!m.entries.some((e) => e.entry === 'step' && e.value.step === 'result-disclosure')) touched.add(m.village);
    }
    if (touched.size > 0) opts.onChanged([...touched]);
    return { villages: villages.length, raised, changed, rebuilt: touched.size, ms: Math.round(performance.now() - started) };
  };

  const job = dailyJob({
    hour: opts.hour ?? 2,
    clock: opts.clock,
    name: 'flags',
    log: opts.log,
    runs: opts.runs,
    run: async () => {
      const s = await runNow();
      return `nightly run: ${s.villages} villages, ${s.raised} raised, ${s.changed} changed, ${s.ms} ms`;
    },
  });

  return {
    runNow,
    get next() {
      return job.next;
    },
    close: () => job.close(),
  };
}


/** Villages with anything published: the others have nothing to check until their county sets a calendar start. */
async function villagesOnCalendar(opts: NightlyFlagsOptions): Promise<string[]> {
  const stats = await opts.store.publicationStats(opts.region);
  const codes = new Set(stats.keys());
  for (const county of (await opts.store.listDivisions(opts.region)).filter((d) => d.level === 'county')) {
    const settings = await opts.runner.settingsFor(county.code);
    if (settings.calendarStart === null) continue;
    for (const d of await opts.store.listDivisions(county.code)) if (d.level === 'village') codes.add(d.code);
  }
  return [...codes].sort();
}
