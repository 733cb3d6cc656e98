import type { Hono } from 'hono';
import type { Config } from '../../data/config.ts';
import { createFlagRunner, type FlagRunner } from '../../data/flags/flag-runner.ts';
import type { NoteSigner } from '../../data/log/signed-note.ts';
import type { StoreLocator } from '../../data/store/open-store.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { createPortalApp } from '../../ingest/portal-app.ts';
import { createComplaintRefresher, type ComplaintRefresher } from '../../site/build/complaint-refresh.ts';
import type { RenderFn } from '../../site/build/page-builder.ts';
import { startLiveBuildThread } from '../../site/build/live-build-thread.ts';
import { createSiteBuilder, type SiteBuilder } from '../../site/build/site-builder.ts';
import { join } from 'node:path';
import type { Notifier } from '../../data/notify/notifier.ts';
import { fileNotifier } from './file-notifier.ts';
import { createNightlyFlags, type NightlyFlags } from './nightly-flags.ts';
import { createReminders, type Reminders } from './reminders.ts';

/**
 * The running portal, wired once for `npm start` and the end-to-end tests: the site builder, the
 * refresher that batches village rebuilds (complaint figures, flags, rectification), the red-flag
 * runner after each publication and every night, and the app with all of it as hooks.
 */
export interface PortalOptions {
  store: PortalStore;
  config: Config;
  clock: () => Date;
  siteDir: string;
  serverEntry: string;
  render: RenderFn;
  logSigner?: NoteSigner;
  beneficiaryKey?: Uint8Array;
  workers?: { count: number; store: StoreLocator };
  /** rebuild pages after start-up in a page thread with its own connection to this store (the server does) */
  pageThread?: StoreLocator;
  /** the refresher's interval (site/build/complaint-refresh.ts) */
  refreshMs?: number;
  /** schedule the nightly run and the morning reminders (the server does; tests call runNow themselves) */
  scheduleNightly?: boolean;
  /** where notices to officials go; a JSON-lines file in the data folder by default */
  notifier?: Notifier;
  log?: (line: string) => void;
}

export interface Portal {
  /** the whole portal on one port; ask for it after the first full build */
  readonly app: Hono;
  builder: SiteBuilder;
  /** rebuilds villages' pages (and their township, county and home pages) in batches */
  refresher: ComplaintRefresher;
  flags: FlagRunner;
  nightly: NightlyFlags;
  reminders: Reminders;
  close(): Promise<void>;
}

export async function composePortal(opts: PortalOptions): Promise<Portal> {
  const { store, config, clock } = opts;
  const mainBuilder = await createSiteBuilder({ store, config, outDir: opts.siteDir, serverEntry: opts.serverEntry, workers: opts.workers, clock });
  // The full build at start-up runs here (and in its workers); every rebuild after it, in the page thread.
  const thread = opts.pageThread ? startLiveBuildThread({ store: opts.pageThread, config, outDir: opts.siteDir, serverEntry: opts.serverEntry }) : null;
  const builder: SiteBuilder = thread
    ? { ...mainBuilder, rebuildForPublication: thread.rebuildForPublication, rebuildVillages: thread.rebuildVillages, rebuildRounds: thread.rebuildRounds, rebuildPowerLists: thread.rebuildPowerLists }
    : mainBuilder;
  const refresher = createComplaintRefresher({ rebuild: (villages) => builder.rebuildVillages(villages), intervalMs: opts.refreshMs });
  const flags = createFlagRunner({ store, clock, region: config.region });
  const touch = (villages: readonly string[]) => villages.forEach((v) => refresher.touch(v));
  const nightly = createNightlyFlags({ runner: flags, store, clock, region: config.region, onChanged: touch, log: opts.log });
  if (opts.scheduleNightly === false) nightly.close();
  const notifier = opts.notifier ?? fileNotifier(join(config.dataDir, 'notifications.jsonl'));
  const reminders = createReminders({ store, config, clock, notifier, log: opts.log });
  if (opts.scheduleNightly === false) reminders.close();
  // Made on first use: the static-site handler looks for the site folder when it is created, so the
  // caller builds the site (builder.buildAll) first.
  let app: Hono | null = null;
  const makeApp = () => createPortalApp({
    store,
    clock,
    config,
    siteDir: opts.siteDir,
    afterPublish: async (p) => {
      await builder.rebuildForPublication(p);
    },
    afterComplaint: (village) => refresher.touch(village),
    afterDecisions: (village) => refresher.touch(village),
    afterCatalogue: (scope) => {
      // the list's own pages, then its villages' badges and links (batched like complaint figures)
      builder.rebuildPowerLists().catch((error: unknown) => console.error(`[site] rebuilding the power lists after ${scope} failed:`, error));
      store
        .listDivisions(scope)
        .then((divisions) => divisions.filter((d) => d.level === 'village').forEach((d) => refresher.touch(d.code)))
        .catch((error: unknown) => console.error(`[site] listing the villages of ${scope} failed:`, error));
    },
    afterSettings: (code) => {
      // the checks' thresholds moved: every village of the county with a matter is judged anew
      store
        .listDecisionMatters(code === config.region ? '' : code)
        .then((matters) => new Set(matters.map((m) => m.village)).forEach((v) => refresher.touch(v)))
        .catch((error: unknown) => console.error(`[site] listing the matters under ${code} failed:`, error));
    },
    flagRunner: flags,
    notifier,
    beneficiaryKey: opts.beneficiaryKey,
    afterFlags: touch,
    afterRectification: (round, villages) => {
      builder.rebuildRounds([round]).catch((error: unknown) => console.error(`[site] rebuilding round ${round} failed:`, error));
      touch(villages);
    },
    render: opts.render,
    logSigner: opts.logSigner,
  });
  return {
    get app() {
      app ??= makeApp();
      return app;
    },
    builder,
    refresher,
    flags,
    nightly,
    reminders,
    async close() {
      nightly.close();
      reminders.close();
      await refresher.close();
      await thread?.close();
    },
  };
}
