import type { RateLimiterFactory } from './rate-limit.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../data/config.ts';
import type { Publication } from '../data/publication.ts';
import type { FlagRunner } from '../data/flags/flag-runner.ts';
import type { PortalStore } from '../data/store/portal-store.ts';
import type { RemoteAddress } from './client-address.ts';
import type { ImportPool } from './import-pool.ts';
import { respond } from './http-errors.ts';
import { methodNotAllowed } from './method-not-allowed.ts';
import { complaintLimits, complaintRoutes, type ComplaintFormState, type ComplaintLimits } from './routes/complaints.ts';
import { decisionEvidenceRoutes } from './routes/decision-evidence.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { flagRoutes } from './routes/flags.ts';
import { powerCatalogueRoutes } from './routes/power-catalogues.ts';
import { regionSummaryRoutes } from './routes/region-summaries.ts';
import { flagSettingsRoutes } from './routes/flag-settings.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { rectificationRoutes } from './routes/rectification.ts';
import { healthRoutes, healthzRoutes } from './routes/health.ts';
import { open311Error, open311Routes } from './routes/open311.ts';
import { publicationRoutes } from './routes/publications.ts';
import { searchRoutes } from './routes/search.ts';
import { staffComplaintRoutes } from './routes/staff-complaints.ts';
import { classifyRulesRoutes } from './routes/classify-rules.ts';
import { staffOriginalRoutes } from './routes/staff-originals.ts';
import { staffIntakeRoutes } from './routes/staff-intake.ts';
import { complaintDuplicateRoutes } from './routes/complaint-duplicates.ts';
import { villageRoutes } from './routes/villages.ts';

/**
 * The ingest API: officials upload ledgers, subsidy lists and project lists; anyone reads what
 * was published. Everything it needs comes in `deps`, so tests run it with `app.request()`
 * against a real store in a temp folder, and the server wires the same app to a port.
 */
export interface AppDeps {
  store: PortalStore;
  clock: () => Date;
  config: Config;
  /**
   * Runs the red-flag rules after each publication (before afterPublish, so the rebuilt village
   * page shows its flags) and on a staff request; without it no rules run over HTTP.
   */
  flagRunner?: FlagRunner;
  /**
   * The server's secret for the keyed fingerprints of subsidy beneficiaries' ID numbers (the
   * duplicate-beneficiary flag); without it no fingerprints are made.
   */
  beneficiaryKey?: Uint8Array;
  /** flags of these villages changed (a run, an explanation, a review): their pages should follow; never awaited */
  afterFlags?: (villages: string[]) => void;
  /** a round of rectification changed: its notice page and the pages of these villages should follow; never awaited */
  afterRectification?: (round: string, villages: string[]) => void;
  /** rebuilds the village's static pages; awaited before answering 201, failures only logged */
  afterPublish?: (publication: Publication) => Promise<void>;
  /** publication ids; random by default */
  newId?: () => string;
  /**
   * Shows the village complaint form again when a posted one has problems (the site provides it);
   * without it such a post is answered 422 with the envelope.
   */
  complaintForm?: (c: Context, state: ComplaintFormState) => Response | Promise<Response>;
  /**
   * A complaint of this village was filed or changed (its figures on the village pages moved).
   * Called after the change is stored, never awaited; a failure is only logged.
   */
  afterComplaint?: (village: string) => void;
  /** 四议两公开 entries of this village were recorded (its matters' pages and badges moved); never awaited */
  afterDecisions?: (village: string) => void;
  /** a county or city published its power list (its pages and its villages' should follow); never awaited */
  afterCatalogue?: (scope: string) => void;
  /** a township, county or city published a summary table (its pages and its region page should follow); never awaited */
  afterSummary?: (scope: string) => void;
  /** tells officials what is dispatched to them (issue 13); none when not given */
  notifier?: Notifier;
  /** a county (or the region) saved its settings: its 四议两公开 matters are judged anew; never awaited */
  afterSettings?: (code: string) => void;
  /** the connection's address, for the rate limits; the socket's by default (tests have none) */
  remoteAddress?: RemoteAddress;
  /** makes the complaint routes' limiters: in memory unless several processes share a database (rate-limit.ts) */
  rateLimiters?: RateLimiterFactory;
  /** the worker threads uploads are read in; the process's shared pool by default (import-pool.ts) */
  importPool?: ImportPool;
  /**
   * The complaint limits, when pages outside this app count against them too (the tracking page
   * looks codes up: it must spend the API's allowance, not one of its own); made here otherwise.
   */
  complaintLimits?: ComplaintLimits;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // Open311 keeps the spec's own error set (a wrong method there is its 404, routes/open311.ts).
  app.use('*', methodNotAllowed(app, (c, allow) => respond(c, { kind: 'method-not-allowed', method: c.req.method, path: c.req.path.slice(0, 200), allow }), { except: ['/open311/'] }));
  app.route('/', healthzRoutes(deps));
  app.route('/api/v1', healthRoutes(deps));
  app.route('/api/v1', villageRoutes(deps));
  app.route('/api/v1', publicationRoutes(deps));
  app.route('/api/v1', searchRoutes(deps));
  const limits = deps.complaintLimits ?? complaintLimits(deps);
  // first: `GET /complaints/similar` must not be read as a tracking code by complaintRoutes
  app.route('/api/v1', complaintDuplicateRoutes(deps, limits));
  app.route('/api/v1', complaintRoutes(deps, limits));
  app.route('/api/v1', staffIntakeRoutes(deps));
  app.route('/api/v1', classifyRulesRoutes(deps));
  app.route('/api/v1', staffOriginalRoutes(deps));
  app.route('/api/v1', staffComplaintRoutes(deps));
  app.route('/api/v1', flagRoutes(deps));
  app.route('/api/v1', flagSettingsRoutes(deps));
  app.route('/api/v1', rectificationRoutes(deps));
  app.route('/api/v1', decisionRoutes(deps));
  app.route('/api/v1', decisionEvidenceRoutes(deps));
  app.route('/api/v1', powerCatalogueRoutes(deps));
  app.route('/api/v1', regionSummaryRoutes(deps));
  app.route('/api/v1', privacyRoutes(deps));
  // Open311 answers in the spec's own shape, not the envelope (docs/api.md says so).
  app.route('/open311', open311Routes(deps, limits));

  // A catch-all inside the app (not only notFound) so unknown API paths still get the envelope
  // when the server mounts this app inside another one.
  app.all('/api/*', (c) => respond(c, { kind: 'route-not-found', method: c.req.method, path: c.req.path.slice(0, 200) }));
  app.notFound((c) => respond(c, { kind: 'route-not-found', method: c.req.method, path: c.req.path.slice(0, 200) }));

  app.onError((error, c) => {
    const fail = c.req.path.startsWith('/open311/') ? open311Error : respond;
    if (error instanceof HTTPException && error.status === 413) {
      return fail(c, { kind: 'payload-too-large', limitBytes: deps.config.bodyLimitBytes });
    }
    // Only bugs and infrastructure failures get here; the details go to the log, never to the client.
    console.error(`[ingest] ${c.req.method} ${c.req.path} failed:`, error);
    return fail(c, { kind: 'internal' });
  });
  return app;
}
