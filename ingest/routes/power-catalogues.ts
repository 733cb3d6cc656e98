import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { catalogueFor } from '../../data/power/catalogue-for.ts';
import { parseCatalogue } from '../../data/power/power-catalogue.ts';
import { covers } from '../../data/region.ts';
import type { StoredCatalogue } from '../../data/store/catalogue-store.ts';
import type { AppDeps } from '../app.ts';
import { authenticate, findVillage } from '../auth.ts';
import { readSmallBody } from '../complaint-body.ts';
import { bilingual, success, type ApiIssue } from '../envelope.ts';
import { respond } from '../http-errors.ts';

/**
 * Counties' and cities' own 小微权力清单 (issue 11, point 1): thresholds differ (5万 here, 20万
 * there), so a county or city publishes its list, as JSON, with a token for it; `?dryRun=1` checks
 * it without publishing. Versions are append-only, each a leaf in the log; villages inherit the
 * newest list of the nearest scope (county, then city, then the national default).
 */
export function powerCatalogueRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: CATALOGUE_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: CATALOGUE_BODY_LIMIT }) });

  routes.post('/power-catalogues', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const read = await readSmallBody(c, ['json'], CATALOGUE_BODY_LIMIT);
    if (!read.ok) return respond(c, read.failure);
    const parsed = parseCatalogue(read.body.kind === 'json' ? read.body.value : undefined);
    if (!parsed.ok) {
      const issues: ApiIssue[] = parsed.issues.map((i) => ({
        code: 'invalid-catalogue',
        row: null,
        column: null,
        field: i.path,
        message: bilingual(`${i.path || '（整份清单）'}：${i.message}`, `${i.path || '(the list)'}: ${i.message}`),
      }));
      return respond(c, { kind: 'invalid-catalogue', issues });
    }
    const catalogue = parsed.catalogue;
    if (catalogue.scope === '') {
      return respond(c, {
        kind: 'invalid-catalogue',
        issues: [{ code: 'invalid-catalogue', row: null, column: null, field: 'scope', message: bilingual('请写明清单适用的市（4 位）或县（6 位）区划代码', 'Name the city (4 digits) or county (6) the list is for') }],
      });
    }
    // A list binds every village under it: only a county's or wider token may publish one.
    if (auth.token.scope.length > 6 || !covers(auth.token.scope, catalogue.scope)) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'county' });
    if (c.req.query('dryRun') === '1' || c.req.query('dryRun') === 'true') return c.json(success({ dryRun: true, catalogue }), 200);
    const outcome = await deps.store.publishCatalogue(catalogue, deps.clock().toISOString());
    if (outcome.kind === 'version-taken') return respond(c, { kind: 'catalogue-version-taken', scope: outcome.scope, version: outcome.version });
    try {
      deps.afterCatalogue?.(catalogue.scope);
    } catch (error) {
      console.error('[ingest] afterCatalogue failed:', error);
    }
    return c.json(success({ catalogue: catalogueView(outcome.catalogue) }), 201);
  });

  routes.get('/power-catalogues', async (c) => {
    const all = await deps.store.listCatalogues();
    // each with its document, so anyone can recompute every version's digest (verify does)
    return c.json(success({ catalogues: all.map(catalogueView) }));
  });

  routes.get('/villages/:code/power-catalogue', async (c) => {
    const found = await findVillage(deps.store, c.req.param('code'));
    if (!found.ok) return respond(c, found.failure);
    const stored = await deps.store.listCatalogues();
    const applies = catalogueFor(found.village.code, stored.map((s) => s.document));
    const source = stored.find((s) => s.document === applies) ?? null;
    return c.json(success({ village: found.village.code, catalogue: applies, published: source && catalogueView(source) }));
  });

  return routes;
}

// ——— private helpers ———

/** A list of some forty items with their steps is tens of kilobytes. */
const CATALOGUE_BODY_LIMIT = 512 * 1024;

/** As served: the document (the leaf's sha256 covers its canonical JSON) and where it sits in the log. */
function catalogueView(s: StoredCatalogue) {
  return { scope: s.scope, seq: s.seq, publishedAt: s.publishedAt, logIndex: s.logIndex, document: s.document };
}
