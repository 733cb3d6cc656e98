import type { RateLimiterFactory } from './rate-limit.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import { fileURLToPath } from 'node:url';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { Config } from '../data/config.ts';
import type { NoteSigner } from '../data/log/signed-note.ts';
import type { Publication } from '../data/publication.ts';
import type { FlagRunner } from '../data/flags/flag-runner.ts';
import type { PortalStore } from '../data/store/portal-store.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import { createPosterService, type PosterService } from '../site/poster/poster-service.ts';
import { newestPerScope } from '../data/power/catalogue-for.ts';
import { createPowerSheetService } from '../site/poster/power-sheet-service.ts';
import { createApp } from './app.ts';
import { createComplaintPages } from './complaint-pages.ts';
import { mySubsidyPage } from './my-subsidy-page.ts';
import { changesPage } from './changes-page.ts';
import { consoleAccountRoutes } from './console-accounts.ts';
import { regionCache } from './region-cache.ts';
import { consoleRoutes } from './console-pages.ts';
import { consoleDecisionRoutes } from './console-decisions.ts';
import { consolePublicationRoutes } from './console-publications.ts';
import { consoleRectificationRoutes } from './console-rectification.ts';
import { consoleRoundsRoutes } from './console-rounds.ts';
import { consoleUploadRoutes } from './console-upload.ts';
import { consoleSummaryUploadRoutes } from './console-summary-upload.ts';
import { consoleWorkRoutes } from './console-work.ts';
import { consoleIntakeRoutes } from './console-intake.ts';
import { consoleOriginalsRoutes } from './console-originals.ts';
import { consoleRulesRoutes } from './console-rules.ts';
import { securityHeaders } from './content-security.ts';
import { elderMode, elderModeRoutes } from './elder-mode.ts';
import { createDataTwins } from './data-twins.ts';
import { createBulkData } from './bulk-data.ts';
import { respond } from './http-errors.ts';
import type { ImportPool } from './import-pool.ts';
import { methodNotAllowed, siteFileAt } from './method-not-allowed.ts';
import { complaintLimits } from './routes/complaints.ts';
import { logRoutes } from './routes/log.ts';
import { posterRoutes } from './routes/posters.ts';
import { powerPdfRoutes } from './routes/power-pdf.ts';
import { createSearchPage } from './search-page.ts';
import { createAstroAssets, createStaticSite, notFoundPage } from './static-site.ts';

export interface PortalDeps {
  store: PortalStore;
  clock: () => Date;
  config: Config;
  siteDir: string;
  /** rebuilds the pages an upload must show before its 201 (the rest follow from the store's outbox) */
  afterPublish: (p: Publication) => Promise<void>;
  /**
   * A complaint of this village was filed or changed: its pages are already in the store's outbox
   * (written with the change); the outbox builder (site/build/outbox-builder.ts) is told to look.
   * Called after the change is stored, never awaited.
   */
  afterComplaint?: (village: string) => void;
  /** 四议两公开 entries of this village were recorded: its pages should follow (batched like complaints) */
  afterDecisions?: (village: string) => void;
  /** tells officials what is dispatched to them, by the API or the console (issue 13) */
  notifier?: Notifier;
  /** a county or city published its power list: its pages and its villages' should follow */
  afterCatalogue?: (scope: string) => void;
  /** a township, county or city published a summary table: its pages and its region page should follow */
  afterSummary?: (scope: string) => void;
  /** a county (or the region) saved its settings: the pages of its villages with 四议两公开 matters should follow */
  afterSettings?: (code: string) => void;
  /** the secret for beneficiaries' keyed fingerprints (ingest/app.ts AppDeps.beneficiaryKey) */
  beneficiaryKey?: Uint8Array;
  /** runs the red-flag rules after each publication (ingest/app.ts AppDeps.flagRunner) */
  flagRunner?: FlagRunner;
  /** flags of these villages changed: their pages should follow (batched like complaint figures) */
  afterFlags?: (villages: string[]) => void;
  /** a round of rectification changed: its notice and these villages' pages should follow */
  afterRectification?: (round: string, villages: string[]) => void;
  /** the SSR bundle's renderer, for the pages rendered per request (search, complaints, tracking); without it they are not served */
  render?: RenderFn;
  /** where `astro build` put the browser scripts (`_astro/`); the repository's dist/client by default */
  clientDir?: string;
  /** the QR posters, rendered on demand and cached; one with the defaults when not given */
  posters?: PosterService;
  /** the worker threads uploads are read in (ingest/app.ts AppDeps.importPool) */
  importPool?: ImportPool;
  /** makes the complaint limiters; in memory by default, in PostgreSQL when several processes serve (shared-rate-limit.ts) */
  rateLimiters?: RateLimiterFactory;
  /** signs the transparency log's checkpoints (scripts/lib/runtime.ts loadLogSigner); without it /log/ and the proof endpoints are not served */
  logSigner?: NoteSigner;
  /** counts the village pages' views (issue 17: page-view-counter.ts); none counted without it */
  pageViews?: MiddlewareHandler;
}

const ASTRO_CLIENT_DIR = fileURLToPath(new URL('../dist/client/', import.meta.url));

/** The whole portal on one port: the ingest API under /api/, the data twins, the built static site everywhere else. */
export function createPortalApp(deps: PortalDeps): Hono {
  const portal = new Hono();
  // The CSP and the other security headers on every response (content-security.ts says why each).
  // A handler may set its own value (overwrite: false): the complaint pages relax Referrer-Policy.
  portal.use('*', securityHeaders({ baseUrl: deps.config.baseUrl }));
  portal.use('*', compress());
  portal.use('*', elderMode());
  // before the routes, inside compress and elder mode: it sees the page's own status and type
  if (deps.pageViews) portal.use('/v/*', deps.pageViews);
  // After every route had its turn: a path some route (or the built site) answers, asked with
  // another method, is 405 with Allow; the API's own routes get theirs inside createApp.
  portal.use('*', methodNotAllowed(portal, wrongMethod, { staticFile: siteFileAt(deps.siteDir), except: ['/open311/'] }));
  const notFound = notFoundPage(deps.siteDir);
  // One set of counters for the API and the tracking page: a code guessed on either spends the same allowance.
  const limits = complaintLimits({ config: deps.config, clock: deps.clock, rateLimiters: deps.rateLimiters });
  const complaintPages = deps.render ? createComplaintPages({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, notFound, limits }) : null;
  // Before createApp: its /api/* catch-all would answer the proof and consistency routes first.
  if (deps.logSigner) portal.route('/', logRoutes({ store: deps.store, signer: deps.logSigner }));
  portal.route(
    '/',
    createApp({
      store: deps.store,
      clock: deps.clock,
      config: deps.config,
      afterPublish: deps.afterPublish,
      afterComplaint: deps.afterComplaint,
      afterDecisions: deps.afterDecisions,
      afterCatalogue: deps.afterCatalogue,
      afterSummary: deps.afterSummary,
      afterSettings: deps.afterSettings,
      notifier: deps.notifier,
      flagRunner: deps.flagRunner,
      beneficiaryKey: deps.beneficiaryKey,
      afterFlags: deps.afterFlags,
      afterRectification: deps.afterRectification,
      complaintForm: complaintPages?.complaintForm,
      complaintLimits: limits,
      importPool: deps.importPool,
    }),
  );
  portal.route('/', createDataTwins(deps.store, deps.config, deps.clock));
  portal.route('/', createBulkData(deps.store, deps.config));
  const posters = deps.posters ?? createPosterService({ store: deps.store, config: deps.config, clock: deps.clock });
  portal.route('/', posterRoutes({ posters, notFound }));
  portal.route(
    '/',
    powerPdfRoutes({ sheets: createPowerSheetService({ config: deps.config }), catalogues: async () => newestPerScope((await deps.store.listCatalogues()).map((c) => c.document)), notFound }),
  );
  if (deps.render) portal.route('/', createSearchPage({ store: deps.store, config: deps.config, render: deps.render }));
  if (complaintPages) portal.route('/', complaintPages.routes);
  if (deps.render) portal.route('/', changesPage({ store: deps.store, config: deps.config, render: deps.render, notFound }));
  if (deps.render) portal.route('/', mySubsidyPage({ store: deps.store, config: deps.config, render: deps.render, limits, ...(deps.beneficiaryKey && { beneficiaryKey: deps.beneficiaryKey }) }));
  if (deps.render) {
    // one read of the region for every console page
    const consoleRegion = regionCache(deps.store, deps.config);
    portal.route('/', consoleRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, clientOf: limits.clientOf }));
    portal.route('/', consoleAccountRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion }));
    portal.route(
      '/',
      consoleUploadRoutes({
        store: deps.store,
        config: deps.config,
        clock: deps.clock,
        render: deps.render,
        loadRegion: consoleRegion,
        importPool: deps.importPool,
        flagRunner: deps.flagRunner,
        afterPublish: deps.afterPublish,
        afterFlags: deps.afterFlags,
        beneficiaryKey: deps.beneficiaryKey,
      }),
    );
    portal.route('/', consoleSummaryUploadRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, afterSummary: deps.afterSummary, importPool: deps.importPool }));
    portal.route(
      '/',
      consoleDecisionRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, flagRunner: deps.flagRunner, afterDecisions: deps.afterDecisions }),
    );
    portal.route('/', consoleRectificationRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, afterRectification: deps.afterRectification }));
    portal.route('/', consoleRoundsRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, afterRectification: deps.afterRectification }));
    portal.route('/', consolePublicationRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion }));
    portal.route('/', consoleIntakeRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, afterComplaint: deps.afterComplaint, notifier: deps.notifier }));
    portal.route('/', consoleOriginalsRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion }));
    portal.route('/', consoleRulesRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion }));
    portal.route('/', consoleWorkRoutes({ store: deps.store, config: deps.config, clock: deps.clock, render: deps.render, loadRegion: consoleRegion, afterComplaint: deps.afterComplaint, afterFlags: deps.afterFlags, notifier: deps.notifier }));
  }
  portal.route('/', createAstroAssets(deps.clientDir ?? ASTRO_CLIENT_DIR));
  portal.route('/', elderModeRoutes());
  portal.route('/', createStaticSite(deps.siteDir));
  // A mounted app's notFound does not apply to its parent: the portal names its own.
  portal.notFound(notFound);
  return portal;
}

function wrongMethod(c: Context, allow: string[]): Response {
  if (c.req.path.startsWith('/api/')) return respond(c, { kind: 'method-not-allowed', method: c.req.method, path: c.req.path.slice(0, 200), allow });
  return c.text('不支持这种请求方法 / Method not allowed', 405, { Allow: allow.join(', ') });
}
