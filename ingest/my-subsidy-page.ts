import type { Context } from 'hono';
import { Hono } from 'hono';
import { beneficiaryKey, fullIdNumber, maskedBeneficiaryKey } from '../data/import/beneficiary-key.ts';
import { DEFAULT_ID_MASK, maskIdNumber } from '../data/personal-data.ts';
import type { Publication } from '../data/publication.ts';
import type { PortalStore } from '../data/store/portal-store.ts';
import type { Config } from '../data/config.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import { buildMySubsidyView, MY_SUBSIDY_FIELDS, type MySubsidyLookup } from '../site/lib/my-subsidy-view.ts';
import { MY_SUBSIDY_HREF } from '../site/lib/urls.ts';
import { CSRF_FIELD, csrfToken, csrfValid } from './csrf.ts';
import { regionCache } from './region-cache.ts';
import { renderPage } from './render-page.ts';
import type { ComplaintLimits } from './routes/complaints.ts';

/**
 * 查我的补贴 (issue 16): a villager types their name and ID number and sees their own rows in the
 * current subsidy lists, and nobody else's. The ID number is turned into the keyed fingerprints the
 * import made before masking (data/import/beneficiary-key.ts) — of the full number, and of the name
 * with the masked number for lists that arrived masked — and never stored, logged or sent back; a
 * row counts only when its name is the name typed. A post, not a GET: the number never goes into a
 * URL. Lookups share the tracking code's limit per client.
 */
export interface MySubsidyDeps {
  store: Pick<PortalStore, 'beneficiaryRows' | 'getPublication' | 'listDivisions' | 'divisionsVersion'>;
  config: Config;
  render: RenderFn;
  limits: Pick<ComplaintLimits, 'lookups' | 'clientOf'>;
  /** the fingerprints' secret; without it there are no fingerprints to look up */
  beneficiaryKey?: Uint8Array;
}

/** Rows shown at most: a person's lists over the years. */
const MAX_ROWS = 200;

export function mySubsidyPage(deps: MySubsidyDeps): Hono {
  const routes = new Hono();
  const loadRegion = regionCache(deps.store, deps.config);
  const siteOrigins = [new URL(deps.config.baseUrl).origin];

  const page = async (c: Context, typedName: string, lookup: MySubsidyLookup, status: 200 | 400 | 403 | 429): Promise<Response> => {
    const { site } = await loadRegion();
    const model = buildMySubsidyView({ site, csrf: { name: CSRF_FIELD, value: csrfToken(c) }, typedName, lookup });
    return renderPage(c, deps.render, MY_SUBSIDY_HREF, model, status, { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'same-origin' });
  };

  routes.get('/subsidy', (c) => c.redirect(MY_SUBSIDY_HREF, 301));
  routes.get(MY_SUBSIDY_HREF, (c) => page(c, '', { kind: deps.beneficiaryKey ? 'form' : 'unavailable' }, 200));
  routes.post(MY_SUBSIDY_HREF, async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).normalize('NFKC').replace(/\s+/g, '') : '');
    const name = text(MY_SUBSIDY_FIELDS.name).slice(0, 20);
    if (!csrfValid(c, typeof form[CSRF_FIELD] === 'string' ? (form[CSRF_FIELD] as string) : undefined, siteOrigins)) return page(c, name, { kind: 'form' }, 403);
    if (!deps.beneficiaryKey) return page(c, name, { kind: 'unavailable' }, 200);
    const decision = await deps.limits.lookups.take(deps.limits.clientOf(c));
    if (!decision.ok) return page(c, name, { kind: 'rate-limited', retryAfterSeconds: decision.retryAfterSeconds }, 429);
    const id = fullIdNumber(text(MY_SUBSIDY_FIELDS.idNumber));
    if (name === '') return page(c, name, { kind: 'invalid', problem: 'name' }, 400);
    if (id === null) return page(c, name, { kind: 'invalid', problem: 'id-number' }, 400);
    const masked = maskIdNumber(id, DEFAULT_ID_MASK);
    const keys = [
      { key: beneficiaryKey(deps.beneficiaryKey, id), match: 'id' as const },
      ...(masked.kind === 'masked' ? [{ key: maskedBeneficiaryKey(deps.beneficiaryKey, name, masked.value), match: 'name-masked-id' as const }] : []),
    ];
    const found = await deps.store.beneficiaryRows(keys, MAX_ROWS);
    const { byCode } = await loadRegion();
    const versions = new Map<string, Publication | null>();
    const rows: Extract<MySubsidyLookup, { kind: 'found' }>['rows'] = [];
    for (const f of found) {
      if (!versions.has(f.publicationId)) versions.set(f.publicationId, await deps.store.getPublication(f.publicationId));
      const p = versions.get(f.publicationId);
      if (!p || p.content.kind !== 'subsidy') continue;
      const row = p.content.rows.find((r) => r.row === f.row);
      // the fingerprint of an ID number alone is not enough: the row must carry the name typed too
      if (!row || row.name.normalize('NFKC').replace(/\s+/g, '') !== name) continue;
      rows.push({ village: p.village, villageName: byCode.get(p.village)?.name ?? p.village, publicationId: p.id, row: row.row, programme: p.content.programme, period: p.period, amount: row.amount, datePaid: row.datePaid, sample: p.sample });
    }
    return page(c, name, { kind: 'found', rows }, 200);
  });
  return routes;
}
