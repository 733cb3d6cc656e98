import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { summaryJson } from '../../site/lib/summary-page-view.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { issueFromImport, success } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { publishSummary, SUMMARY_BODY_LIMIT, summaryRegion } from '../publish-summary.ts';
import { filenameFromDisposition } from '../upload.ts';

/**
 * A township's, county's or city's summary tables (issue 15: 补贴资金汇总表 / 分配表 whose rows are
 * townships, villages or categories): published for its own region with a token of that region
 * or above, as CSV or XLSX; `?dryRun=1` shows how the file was read without publishing. A second
 * upload of one title and period is its correction, a new version; nothing is changed in place,
 * and each version is a leaf in the log. Read back by anyone, with each version's document, so
 * its digest can be recomputed (`verify` does).
 */
export function regionSummaryRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: SUMMARY_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: SUMMARY_BODY_LIMIT }) });

  routes.post('/regions/:code{\\d{4}(?:\\d{2}|\\d{5})?}/summaries', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const region = await regionOf(c.req.param('code'));
    if (!region) return respond(c, { kind: 'division-not-found', code: c.req.param('code') });
    if (!tokenAllows(auth.token, 'publish-summary', region.code).ok) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'region' });
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > SUMMARY_BODY_LIMIT) return respond(c, { kind: 'payload-too-large', limitBytes: SUMMARY_BODY_LIMIT });
    const dryRun = c.req.query('dryRun') === '1' || c.req.query('dryRun') === 'true';
    const filename = filenameFromDisposition(c.req.header('content-disposition') ?? null) ?? c.req.query('filename') ?? undefined;
    const outcome = await publishSummary(deps, { region, bytes, contentType: c.req.header('content-type'), filename, period: c.req.query('period') || undefined, dryRun });
    if (outcome.kind === 'failure') return respond(c, outcome.failure);
    const warnings = outcome.warnings.map(issueFromImport);
    if (outcome.kind === 'preview') return c.json(success({ dryRun: true, summary: outcome.summary, warnings, columns: outcome.columns }), 200);
    return c.json(success({ summary: summaryJson(outcome.summary, []), warnings, columns: outcome.columns }), 201);
  });

  routes.get('/regions/:code{\\d{4}(?:\\d{2}|\\d{5})?}/summaries', async (c) => {
    const region = await regionOf(c.req.param('code'));
    if (!region) return respond(c, { kind: 'division-not-found', code: c.req.param('code') });
    const all = await deps.store.listSummaries(region.code);
    return c.json(success({ scope: region.code, summaries: all.map((s) => summaryJson(s, all)) }));
  });

  routes.get('/regions/:code{\\d{4}(?:\\d{2}|\\d{5})?}/summaries/:seq{[1-9]\\d{0,8}}', async (c) => {
    const region = await regionOf(c.req.param('code'));
    const all = region ? await deps.store.listSummaries(region.code) : [];
    const found = all.find((s) => s.seq === Number(c.req.param('seq')));
    if (!region || !found) return respond(c, { kind: 'route-not-found', method: 'GET', path: c.req.path.slice(0, 200) });
    return c.json(success({ summary: summaryJson(found, all) }));
  });

  const regionOf = (code: string) => summaryRegion(deps.store, code);

  return routes;
}
