import type { Hono } from 'hono';
import type { RateLimiterFactory } from '../../ingest/rate-limit.ts';
import type { Config } from '../../data/config.ts';
import { createFlagRunner, type FlagRunner } from '../../data/flags/flag-runner.ts';
import type { NoteSigner } from '../../data/log/signed-note.ts';
import type { StoreLocator } from '../../data/store/open-store.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { createPortalApp } from '../../ingest/portal-app.ts';
import { createOutboxBuilder, type OutboxBuilder } from '../../site/build/outbox-builder.ts';
import type { StalePage } from '../../data/store/page-outbox.ts';
import type { RenderFn } from '../../site/build/page-builder.ts';
import { startLiveBuildThread } from '../../site/build/live-build-thread.ts';
import { createSiteBuilder, type SiteBuilder } from '../../site/build/site-builder.ts';
import { join } from 'node:path';
import type { Notifier } from '../../data/notify/notifier.ts';
import { fileNotifier } from './file-notifier.ts';
import { createNightlyFlags, type NightlyFlags } from './nightly-flags.ts';
import { createReminders, type Reminders } from './reminders.ts';
import { createPageViewCounter } from '../../ingest/page-view-counter.ts';

/**
 * The running portal, wired once for `npm start` and the end-to-end tests: the site builder, the
 * builder that works through the store's outbox of stale pages (what an upload, a complaint, a
 * flag or a round changed on the region pages), the red-flag runner after each publication and
 * every night, and the app with all of it as hooks.
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
  /** the least time between two batches of the outbox builder (site/build/outbox-builder.ts) */
  refreshMs?: number;
  /** schedule the nightly run and the morning reminders (the server does; tests call runNow themselves) */
  scheduleNightly?: boolean;
  /** the complaint limits' counters: in memory by default, in the database with several processes */
  rateLimiters?: RateLimiterFactory;
  /** where notices to officials go; a JSON-lines file in the data folder by default */
  notifier?: Notifier;
  log?: (line: string) => void;
}

export interface Portal {
  /** the whole portal on one port; ask for it after the first full build */
  readonly app: Hono;
  builder: SiteBuilder;
  /** rebuilds the pages the store's outbox names stale (villages, versions, rounds, power lists) in batches */
  outbox: OutboxBuilder;
  flags: FlagRunner;
  nightly: NightlyFlags;
  reminders: Reminders;
  close(): Promise<void>;
}

export async function composePortal(opts: PortalOptions): Promise<Portal> {
  const { store, config, clock } = opts;
  const mainBuilder = await createSiteBuilder({ store, config, outDir: opts.siteDir, serverEntry: opts.serverEntry, workers: opts.workers, clock, outbox: store });
  // The full build at start-up runs here (and in its workers); every rebuild after it, in the page thread.
  const thread = opts.pageThread ? startLiveBuildThread({ store: opts.pageThread, config, outDir: opts.siteDir, serverEntry: opts.serverEntry }) : null;
  const builder: SiteBuilder = thread
    ? { ...mainBuilder, rebuildForPublication: thread.rebuildForPublication, rebuildPublicationPages: thread.rebuildPublicationPages, rebuildVillages: thread.rebuildVillages, rebuildRounds: thread.rebuildRounds, rebuildPowerLists: thread.rebuildPowerLists, rebuildSummaries: thread.rebuildSummaries }
    : mainBuilder;
  const outbox = createOutboxBuilder({ outbox: store, builder, getPublication: (id) => store.getPublication(id), intervalMs: opts.refreshMs });
  const flags = createFlagRunner({ store, clock, region: config.region });
  const stale = (pages: readonly StalePage[]) => {
    if (pages.length > 0) outbox.touch(pages);
  };
  const touch = (villages: readonly string[]) => stale(villages.map((key) => ({ target: 'village' as const, key })));
  const nightly = createNightlyFlags({ runner: flags, store, clock, region: config.region, onChanged: touch, log: opts.log, runs: store });
  if (opts.scheduleNightly === false) nightly.close();
  const notifier = opts.notifier ?? fileNotifier(join(config.dataDir, 'notifications.jsonl'));
  const reminders = createReminders({ store, config, clock, notifier, log: opts.log, runs: store });
  if (opts.scheduleNightly === false) reminders.close();
  // Made on first use: the static-site handler looks for the site folder when it is created, so the
  // caller builds the site (builder.buildAll) first.
  let app: Hono | null = null;
  const pageViews = createPageViewCounter({ store, clock });
  const makeApp = () => createPortalApp({
    store,
    pageViews: pageViews.middleware,
    clock,
    config,
    siteDir: opts.siteDir,
    // The version's outbox row committed with it: the village page and the series are built before
    // the 201, the region pages above and the home page by the outbox builder.
    afterPublish: async (p) => {
      try {
        await builder.rebuildPublicationPages(p);
      } finally {
        outbox.nudge();
      }
    },
    // a complaint's step recorded its village's pages in the outbox with it
    afterComplaint: () => outbox.nudge(),
    afterDecisions: (village) => touch([village]),
    afterCatalogue: (scope) => {
      // the list's own pages, then its villages' badges and links
      stale([{ target: 'power-lists', key: scope }]);
      store
        .listDivisions(scope)
        .then((divisions) => touch(divisions.filter((d) => d.level === 'village').map((d) => d.code)))
        .catch((error: unknown) => console.error(`[site] listing the villages of ${scope} failed:`, error));
    },
    // its pages were made stale in its own transaction (summary-store.ts)
    afterSummary: () => outbox.nudge(),
    afterSettings: (code) => {
      // the checks' thresholds moved: every village of the county with a matter is judged anew
      store
        .listDecisionMatters(code === config.region ? '' : code)
        .then((matters) => touch([...new Set(matters.map((m) => m.village))]))
        .catch((error: unknown) => console.error(`[site] listing the matters under ${code} failed:`, error));
    },
    flagRunner: flags,
    notifier,
    beneficiaryKey: opts.beneficiaryKey,
    afterFlags: touch,
    afterRectification: (round, villages) => stale([{ target: 'round', key: round }, ...villages.map((key) => ({ target: 'village' as const, key }))]),
    render: opts.render,
    logSigner: opts.logSigner,
    rateLimiters: opts.rateLimiters,
  });
  return {
    get app() {
      outbox.start();
      app ??= makeApp();
      return app;
    },
    builder,
    outbox,
    flags,
    nightly,
    reminders,
    async close() {
      nightly.close();
      reminders.close();
      await pageViews.close();
      await outbox.close();
      await thread?.close();
    },
  };
}
