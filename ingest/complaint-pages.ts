import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import type { DivisionsVersion } from '../data/store/divisions-version.ts';
import { villageCatalogue } from './village-catalogue.ts';
import { newFormKey } from './submit-once.ts';
import { Hono, type Context } from 'hono';
import { followedComplaint } from './followed-complaint.ts';
import { currentPowerItem, villagerFeedback } from '../data/complaints/complaint-workflow.ts';
import { publicComplaint } from '../data/complaints/public-complaint.ts';
import type { Complaint } from '../data/complaints/complaint.ts';
import { displayTrackingCode, normaliseTrackingCode } from '../data/complaints/tracking-code.ts';
import type { Config } from '../data/config.ts';
import type { Publication } from '../data/publication.ts';
import type { Store } from '../data/store/store.ts';
import type { ComplaintTakedowns } from '../data/store/takedown-store.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import { buildComplaintView, EMPTY_VALUES, formValues, type ReportedIssue } from '../site/lib/complaint-form-view.ts';
import { SUPPORTED_PARAM } from '../site/lib/complaint-form.ts';
import { supportedNotice, type SimilarShown } from '../site/lib/complaint-similar-view.ts';
import type { ComplaintPage, PageModel } from '../site/lib/page-model.ts';
import { buildTrackView, type TrackLookup } from '../site/lib/track-view.ts';
import { CSRF_FIELD, csrfToken } from './csrf.ts';
import { regionCache } from './region-cache.ts';
import { renderPage } from './render-page.ts';
import type { ComplaintLimits } from './routes/complaints.ts';

export interface ComplaintPagesDeps {
  store: Store & DivisionsVersion & ComplaintTakedowns & Pick<CatalogueStore, 'listCatalogues'>;
  config: Config;
  clock: () => Date;
  /** the SSR bundle's renderer (loadRenderer in site/build/page-builder.ts) */
  render: RenderFn;
  /** the site's 404 page, for a village the region does not have */
  notFound: (c: Context) => Promise<Response>;
  /** the API's lookup limit and client reader (routes/complaints.ts complaintLimits): a code looked up here counts there */
  limits: Pick<ComplaintLimits, 'lookups' | 'clientOf'>;
}

/** A rejected form post, as the complaint API hands it back to be shown again. */
export interface ComplaintFormState {
  /** the village code the form was posted for */
  village: string;
  /** the posted fields as received (strings; anything else is ignored) */
  values: Readonly<Record<string, unknown>>;
  /** what was wrong, each with the field it belongs to (a form field name or a JSON path) */
  issues: readonly ReportedIssue[];
  /** 422 unless told otherwise (400 for a form that cannot be read, 403 for a failed CSRF check; 200 with `similar`) */
  status?: 200 | 400 | 403 | 409 | 422 | 429;
  /** open complaints like the one posted, listed above the form with their 我也遇到 buttons (issue 17) */
  similar?: readonly SimilarShown[];
  /** said at the top of the page: why a 我也遇到 was refused */
  notice?: ComplaintPage['notice'];
}

/** Re-renders the complaint page with everything the villager typed and each problem next to its field. */
export type ComplaintFormRenderer = (c: Context, state: ComplaintFormState) => Promise<Response>;

/**
 * The two complaint pages rendered per request, like /search/: the village complaint form
 * (its CSRF token is tied to a cookie, so it cannot be a static file) and the tracking page
 * (it reads the complaint from the store). Both are plain forms and work with JavaScript off.
 * The tracking page prints only publicComplaint() — never the contact.
 */
export function createComplaintPages(deps: ComplaintPagesDeps): { routes: Hono; complaintForm: ComplaintFormRenderer } {
  const routes = new Hono();
  // Looking a code up on the page is a lookup like GET /api/v1/complaints/{code}, on the same counter.
  const { lookups, clientOf } = deps.limits;
  const loadRegion = regionCache(deps.store, deps.config);

  const html = (c: Context, path: string, page: PageModel, status: 200 | 400 | 403 | 404 | 409 | 422 | 429): Promise<Response> =>
    // Both pages carry a CSRF token or a complaint: never stored by a shared cache, never indexed.
    // Under the site's no-referrer policy a browser posts these pages' forms with `Origin: null`,
    // which the CSRF check must refuse (sandboxed frames send it too); same-origin lets the browser
    // name this site as the origin, and still sends nothing, not even the origin, to other sites.
    renderPage(c, deps.render, path, page, status, { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'same-origin' });

  const complaintPage = async (
    c: Context,
    code: string,
    values: typeof EMPTY_VALUES,
    issues: readonly ReportedIssue[],
    status: 200 | 400 | 403 | 409 | 422 | 429,
    extra: Pick<ComplaintFormState, 'similar' | 'notice'> = {},
  ): Promise<Response> => {
    const { byCode, site } = await loadRegion();
    const village = byCode.get(code);
    if (!village || village.level !== 'village') return deps.notFound(c);
    const publication = await publicationOf(deps.store, values.publicationId);
    const above = [code.slice(0, 6), code.slice(0, 9)].flatMap((a) => {
      const d = byCode.get(a);
      return d ? [d] : [];
    });
    const page = buildComplaintView({
      site,
      village,
      above,
      csrf: { name: CSRF_FIELD, value: csrfToken(c) },
      categories: deps.config.complaints.categories,
      // a form shown fresh gets its key; a refilled one keeps the key it was posted with
      values: values.formKey ? values : { ...values, formKey: newFormKey() },
      publication,
      issues,
      ...extra,
    });
    return html(c, `/v/${code}/complaint/`, page, status);
  };

  routes.get('/v/:code{[0-9]{12}}/complaint', (c) => c.redirect(`/v/${c.req.param('code')}/complaint/${new URL(c.req.url).search}`, 301));
  routes.get('/v/:code{[0-9]{12}}/complaint/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const p = params.get('p') ?? '';
    const r = params.get('r') ?? '';
    const values = { ...EMPTY_VALUES, publicationId: /^[0-9a-z-]{1,40}$/i.test(p) ? p : '', row: /^\d{1,7}$/.test(r) ? r : '' };
    const notice = await supportNotice(deps, c.req.param('code'), params.get(SUPPORTED_PARAM) ?? '');
    return complaintPage(c, c.req.param('code'), values, [], 200, notice ? { notice } : {});
  });

  routes.get('/track', (c) => c.redirect(`/track/${new URL(c.req.url).search}`, 301));
  routes.get('/track/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const typed = (params.get('code') ?? '').trim().slice(0, 40);
    const { byCode, site } = await loadRegion();
    const now = deps.clock().toISOString();
    let lookup: TrackLookup = { kind: 'none' };
    let feedbackOpen = false;
    const decision = typed === '' ? null : await lookups.take(clientOf(c));
    if (decision && !decision.ok) lookup = { kind: 'rate-limited', retryAfterSeconds: decision.retryAfterSeconds };
    else if (typed !== '') {
      const code = normaliseTrackingCode(typed);
      const complaint = code ? await deps.store.getComplaint(code) : null;
      if (!code) lookup = { kind: 'malformed' };
      else if (!complaint) lookup = { kind: 'not-found', code: displayTrackingCode(code) };
      else {
        feedbackOpen = villagerFeedback(complaint, { satisfied: true }, now).ok;
        const publication = await publicationOf(deps.store, complaint.publicationId ?? '');
        lookup = {
          kind: 'found',
          complaint: publicComplaint(complaint, deps.config.complaints.deadlines, now, await deps.store.complaintStepTakedowns(complaint.publicId)),
          villageName: byCode.get(complaint.village)?.name ?? complaint.village,
          place: [complaint.village.slice(0, 6), complaint.village.slice(0, 9)].map((a) => byCode.get(a)?.name ?? '').filter((n) => n !== '').join(' · '),
          publication: publication && publication.village === complaint.village ? publication : null,
          feedbackOpen,
          followed: await followedComplaint(deps.store, complaint, deps.config.complaints.deadlines, now),
          ...(await powerItemsOf(deps.store, complaint)),
        };
      }
    }
    const page = buildTrackView({
      site,
      typed,
      lookup,
      fresh: params.get('new') === '1',
      // The cookie is set only when there is a form to protect.
      csrf: { name: CSRF_FIELD, value: feedbackOpen ? csrfToken(c) : '' },
    });
    const status = lookup.kind === 'malformed' || lookup.kind === 'not-found' ? 404 : lookup.kind === 'rate-limited' ? 429 : 200;
    const response = await html(c, '/track/', page, status);
    if (lookup.kind === 'rate-limited') response.headers.set('Retry-After', String(lookup.retryAfterSeconds));
    return response;
  });

  const complaintForm: ComplaintFormRenderer = (c, state) =>
    complaintPage(c, state.village, formValues(state.values), state.issues, state.status ?? 422, { similar: state.similar, notice: state.notice });
  return { routes, complaintForm };
}

// ——— private helpers ———

/**
 * After a 我也遇到 (?supported=12, where routes/complaint-duplicates.ts sends the browser): the
 * count as it stands now. Only for a complaint of this village that has one: the flag is in the
 * address, and must not make a page say 已记下 about another village's complaint or about nothing.
 */
async function supportNotice(deps: Pick<ComplaintPagesDeps, 'store' | 'config' | 'clock'>, village: string, publicId: string): Promise<ComplaintPage['notice']> {
  if (!/^[1-9]\d{0,14}$/.test(publicId)) return null;
  const complaint = await deps.store.getComplaintByPublicId(publicId);
  if (!complaint || complaint.village !== village) return null;
  const { supporters } = publicComplaint(complaint, deps.config.complaints.deadlines, deps.clock().toISOString());
  return supporters > 0 ? supportedNotice(publicId, supporters) : null;
}

/** The publication a complaint questions; none once it was taken down (its rows must not reappear here). */
async function publicationOf(store: Store, id: string): Promise<Publication | null> {
  if (!/^[0-9a-z-]{1,40}$/i.test(id)) return null;
  if (await store.getTakedown(id)) return null;
  return store.getPublication(id);
}

/**
 * The 小微权力 item the complaint concerns now, and the names of the items its steps name, in the
 * list that applies to its village (the default when the county has none).
 */
async function powerItemsOf(store: Pick<CatalogueStore, 'listCatalogues'>, complaint: Complaint): Promise<{ powerItem: { name: string; code: string; scope: string } | null; powerItemNames: Record<string, string> }> {
  const named = new Set([complaint.intake?.powerItem, ...complaint.events.map((e) => (e.type === 'classify' ? e.powerItem : null))].filter((c): c is string => typeof c === 'string'));
  if (named.size === 0) return { powerItem: null, powerItemNames: {} };
  const catalogue = await villageCatalogue(store, complaint.village);
  const powerItemNames = Object.fromEntries(catalogue.items.filter((i) => named.has(i.code)).map((i) => [i.code, i.name]));
  const code = currentPowerItem(complaint);
  return { powerItem: code !== null && powerItemNames[code] ? { name: powerItemNames[code], code, scope: catalogue.scope } : null, powerItemNames };
}
