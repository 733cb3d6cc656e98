import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { detectFormat } from '../../data/import/detect-format.ts';
import type { ImportIssue } from '../../data/import/import-result.ts';
import { catalogueFor, newestPerScope } from '../../data/power/catalogue-for.ts';
import { catalogueCsv } from '../../data/power/catalogue-table-export.ts';
import { catalogueFromSheet } from '../../data/power/catalogue-upload.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import { parseCatalogue, type PowerCatalogue } from '../../data/power/power-catalogue.ts';
import { covers } from '../../data/region.ts';
import type { StoredCatalogue } from '../../data/store/catalogue-store.ts';
import { findInvalidText, pathName } from '../../data/text-validity.ts';
import type { AppDeps } from '../app.ts';
import { authenticate, findVillage } from '../auth.ts';
import { catalogueXlsx } from '../catalogue-sheet.ts';
import { bilingual, fieldIssue, issueFromImport, success, type ApiIssue } from '../envelope.ts';
import { respond, type Failure } from '../http-errors.ts';
import { filenameFromDisposition } from '../upload.ts';

/**
 * Counties' and cities' own 小微权力清单 (issue 11, point 1): thresholds differ (5万 here, 20万
 * there), so a county or city publishes its list, as JSON or as the spreadsheet it downloads from
 * here (CSV or XLSX, data/power/catalogue-table.ts), with a token for it; `?dryRun=1` checks it
 * without publishing. Versions are append-only, each a leaf in the log; villages inherit the
 * newest list of the nearest scope (county, then city, then the national default).
 */
export function powerCatalogueRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: CATALOGUE_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: CATALOGUE_BODY_LIMIT }) });

  routes.post('/power-catalogues', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > CATALOGUE_BODY_LIMIT) return respond(c, { kind: 'payload-too-large', limitBytes: CATALOGUE_BODY_LIMIT });
    const detected = detectFormat(bytes, c.req.header('content-type'), filenameFromDisposition(c.req.header('content-disposition') ?? null));
    if (detected.kind !== 'ok') return respond(c, { kind: 'unsupported-media-type', message: detected.message, messageEn: detected.messageEn });
    let parsed: { ok: true; catalogue: PowerCatalogue; warnings: ImportIssue[] };
    if (detected.format === 'json') {
      const fromJson = parseCatalogueJson(bytes);
      if (!fromJson.ok) return respond(c, fromJson.failure);
      parsed = { ok: true, catalogue: fromJson.catalogue, warnings: [] };
    } else {
      const fromSheet = await catalogueFromSheet(bytes, detected.format);
      if (!fromSheet.ok) return respond(c, { kind: 'invalid-file', errors: fromSheet.errors, warnings: fromSheet.warnings });
      parsed = fromSheet;
    }
    const warnings = parsed.warnings.map(issueFromImport);
    const catalogue = parsed.catalogue;
    if (catalogue.scope === '') {
      return respond(c, {
        kind: 'invalid-catalogue',
        issues: [{ code: 'invalid-catalogue', row: null, column: null, field: 'scope', message: bilingual('请写明清单适用的市（4 位）或县（6 位）区划代码', 'Name the city (4 digits) or county (6) the list is for') }],
      });
    }
    // A list binds every village under it: only a county's or wider token may publish one.
    if (!tokenAllows(auth.token, 'publish-catalogue', catalogue.scope).ok) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'county' });
    if (c.req.query('dryRun') === '1' || c.req.query('dryRun') === 'true') return c.json(success({ dryRun: true, catalogue, warnings }), 200);
    const outcome = await deps.store.publishCatalogue(catalogue, deps.clock().toISOString());
    if (outcome.kind === 'version-taken') return respond(c, { kind: 'catalogue-version-taken', scope: outcome.scope, version: outcome.version });
    try {
      deps.afterCatalogue?.(catalogue.scope);
    } catch (error) {
      console.error('[ingest] afterCatalogue failed:', error);
    }
    return c.json(success({ catalogue: catalogueView(outcome.catalogue), warnings }), 201);
  });

  // The newest list of a scope (`default` for the national one) in the upload's own table layout:
  // a county starts from it, edits its thresholds and uploads it back.
  routes.get('/power-catalogues/:file{(?:default|\\d{4}|\\d{6})\\.(?:csv|xlsx)}', async (c) => {
    const [scopeName, extension] = c.req.param('file').split('.') as [string, 'csv' | 'xlsx'];
    const scope = scopeName === 'default' ? '' : scopeName;
    const lists = newestPerScope((await deps.store.listCatalogues()).map((s) => s.document));
    const catalogue = scope === '' ? DEFAULT_CATALOGUE : lists.find((l) => l.scope === scope);
    if (!catalogue) return respond(c, { kind: 'division-not-found', code: scope });
    const name = `power-list-${catalogue.version}.${extension}`;
    if (extension === 'csv') {
      return c.body(catalogueCsv(catalogue), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    }
    return c.body((await catalogueXlsx(catalogue)) as Uint8Array<ArrayBuffer>, 200, { 'content-type': XLSX_MEDIA_TYPE, 'content-disposition': `attachment; filename="${name}"` });
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

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function parseCatalogueJson(bytes: Uint8Array): { ok: true; catalogue: PowerCatalogue } | { ok: false; failure: Failure } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, failure: { kind: 'bad-request', issues: [fieldIssue('json-malformed', null, '请求内容不是有效的 UTF-8 JSON', 'The body is not valid UTF-8 JSON')] } };
  }
  // text the portal does not take (data/text-validity.ts), named by its path as the schema's problems are
  const invalid = findInvalidText(value);
  if (invalid.length > 0) {
    const issues = invalid.map((f): ApiIssue => {
      const path = pathName(f.path) ?? '';
      return { code: 'text-invalid', row: null, column: null, field: path, message: bilingual(`${path || '（整份清单）'}${f.key ? '的字段名' : ''}：${f.invalid.zh}`, `${path || '(the list)'}${f.key ? ' (its name)' : ''}: ${f.invalid.en}`) };
    });
    return { ok: false, failure: { kind: 'invalid-catalogue', issues } };
  }
  const parsed = parseCatalogue(value);
  if (parsed.ok) return parsed;
  const issues: ApiIssue[] = parsed.issues.map((i) => ({
    code: 'invalid-catalogue',
    row: null,
    column: null,
    field: i.path,
    message: bilingual(`${i.path || '（整份清单）'}：${i.message}`, `${i.path || '(the list)'}: ${i.message}`),
  }));
  return { ok: false, failure: { kind: 'invalid-catalogue', issues } };
}

/** A list of some forty items with their steps is tens of kilobytes. */
const CATALOGUE_BODY_LIMIT = 512 * 1024;

/** As served: the document (the leaf's sha256 covers its canonical JSON) and where it sits in the log. */
function catalogueView(s: StoredCatalogue) {
  return { scope: s.scope, seq: s.seq, publishedAt: s.publishedAt, logIndex: s.logIndex, document: s.document };
}
