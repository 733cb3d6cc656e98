import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { scopePrefix } from '../../data/accounts/role.ts';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { detectFormat } from '../../data/import/detect-format.ts';
import { importRegionSummary } from '../../data/import/summary-import.ts';
import { summaryJson } from '../../site/lib/summary-page-view.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { issueFromImport, success } from '../envelope.ts';
import { respond } from '../http-errors.ts';
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
    const filename = filenameFromDisposition(c.req.header('content-disposition') ?? null) ?? c.req.query('filename') ?? undefined;
    const detected = detectFormat(bytes, c.req.header('content-type'), filename);
    if (detected.kind !== 'ok') return respond(c, { kind: 'unsupported-media-type', message: detected.message, messageEn: detected.messageEn });
    if (detected.format === 'json') {
      return respond(c, { kind: 'unsupported-media-type', message: '汇总表请上传 CSV 或 Excel（XLSX）文件。', messageEn: 'Upload a summary table as CSV or Excel (XLSX).' });
    }
    const imported = await importRegionSummary({
      bytes,
      format: detected.format,
      scope: region.code,
      divisions: await deps.store.listDivisions(region.code),
      period: c.req.query('period') || undefined,
      filename,
      idMask: deps.config.idMask,
      publicNumbers: deps.config.publicPhones,
      amountToleranceFen: deps.config.amountToleranceFen,
    });
    if (!imported.ok) return respond(c, { kind: 'invalid-file', errors: imported.errors, warnings: imported.warnings, columns: imported.columns });
    const warnings = imported.warnings.map(issueFromImport);
    if (c.req.query('dryRun') === '1' || c.req.query('dryRun') === 'true') {
      return c.json(success({ dryRun: true, summary: imported.summary, warnings, columns: imported.columns }), 200);
    }
    const stored = await deps.store.publishSummary(imported.summary, deps.clock().toISOString());
    try {
      deps.afterSummary?.(stored.scope);
    } catch (error) {
      console.error('[ingest] afterSummary failed:', error);
    }
    return c.json(success({ summary: summaryJson(stored, []), warnings, columns: imported.columns }), 201);
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

  /** The township, county or city a path names (a city also as 430800), if the store has it. */
  const regionOf = async (code: string) => {
    const division = await deps.store.getDivision(scopePrefix(code));
    return division && division.level !== 'village' && division.level !== 'province' ? division : null;
  };

  return routes;
}

// ——— private helpers ———

/** A summary table of a few thousand rows is a few hundred kilobytes even as XLSX. */
const SUMMARY_BODY_LIMIT = 2 * 1024 * 1024;
