import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { detectFormat } from '../../data/import/detect-format.ts';
import type { ImportIssue, SourceFormat } from '../../data/import/import-result.ts';
import type { Publication, PublicationContent } from '../../data/publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import { nextTurn } from '../../data/next-turn.ts';
import type { Division } from '../../data/region.ts';
import type { IdempotencyClaim, NewPhoto, TokenRecord } from '../../data/store/store.ts';
import type { AppDeps } from '../app.ts';
import { findVillage, villageWriter } from '../auth.ts';
import { issueFromImport, success, type ApiIssue } from '../envelope.ts';
import { respond, type Failure } from '../http-errors.ts';
import { readIdempotencyKey, requestHash } from '../idempotency.ts';
import { sharedImportPool, type ImportRun } from '../import-pool.ts';
import { attachPhotos, processPhotos, refuseTakenDownPhotos } from '../photos.ts';
import { publicationApiView, summaryApiViews } from '../data-twins.ts';
import { readUpload, type Upload } from '../upload.ts';
import { createdView, publicationApiUrl } from '../views.ts';

export type UploadEnv = { Variables: { token: TokenRecord; village: Division } };

/**
 * Uploading and reading publications. An upload is checked in the order a client can fix it:
 * who you are (401), the village (404), whether you may publish there (403), the size (413),
 * the parameters (400), the file type (415), then the file's content (422). The file is read in a
 * worker thread (ingest/import-pool.ts); when every worker is busy and the queue is full the
 * upload is answered 503 with Retry-After, before anything is stored.
 */
export function publicationRoutes(deps: AppDeps): Hono<UploadEnv> {
  const routes = new Hono<UploadEnv>();
  const limitBytes = deps.config.bodyLimitBytes;

  routes.post(
    '/villages/:code/publications',
    async (c, next) => {
      const writer = await villageWriter(deps.store, c.req.header('authorization'), c.req.param('code'));
      if (!writer.ok) return respond(c, writer.failure);
      c.set('token', writer.token);
      c.set('village', writer.village);
      await next();
    },
    // Counts the bytes as they stream in, so chunked bodies without Content-Length are cut off too.
    bodyLimit({ maxSize: limitBytes, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes }) }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      // A Content-Length smaller than the body skips the streaming count above; count again.
      if (body.byteLength > limitBytes) return respond(c, { kind: 'payload-too-large', limitBytes });
      const outcome = await handleUpload(deps, c, body);
      if (outcome.kind === 'failure') return respond(c, outcome.failure);
      if (outcome.kind === 'preview') return c.json(success({ dryRun: true, preview: outcome.preview, warnings: outcome.warnings }), 200);
      const headers: Record<string, string> = { Location: publicationApiUrl(deps.config, outcome.publication.id) };
      if (outcome.replayed) headers['Idempotent-Replayed'] = 'true';
      return c.json(success({ publication: createdView(deps.config, outcome.publication), warnings: outcome.warnings }), 201, headers);
    },
  );

  routes.get('/villages/:code/publications', async (c) => {
    const found = await findVillage(deps.store, c.req.param('code'));
    if (!found.ok) return respond(c, found.failure);
    const [summaries, takedowns] = await Promise.all([deps.store.listPublications(found.village.code), deps.store.listTakedowns()]);
    const down = new Map(takedowns.map((t) => [t.publicationId, t]));
    return c.json(success({ village: found.village.code, publications: summaryApiViews(deps.config, summaries, down) }));
  });

  routes.get('/publications/:id', async (c) => {
    const id = c.req.param('id');
    const publication = /^[\w-]{1,100}$/.test(id) ? await deps.store.getPublication(id) : null;
    if (!publication) return respond(c, { kind: 'publication-not-found', id: id.slice(0, 100) });
    // A version taken down is served in its takedown form, as its data twin is.
    return c.json(success({ publication: publicationApiView(deps.config, publication, await deps.store.getTakedown(publication.id)) }));
  });

  return routes;
}

type UploadOutcome =
  | { kind: 'failure'; failure: Failure }
  | { kind: 'preview'; preview: Preview; warnings: ApiIssue[] }
  | { kind: 'published'; publication: Publication; replayed: boolean; warnings: ApiIssue[] };

interface Preview {
  kind: PublicationContent['kind'];
  period: string;
  subject: string;
  title: string;
  sha256: string;
  content: PublicationContent;
  totals: PublicationContent['totals'];
}

async function handleUpload(deps: AppDeps, c: Context<UploadEnv>, body: Uint8Array<ArrayBuffer>): Promise<UploadOutcome> {
  const token = c.get('token');
  const village = c.get('village');
  const fail = (failure: Failure): UploadOutcome => ({ kind: 'failure', failure });

  const key = readIdempotencyKey(c.req.header('idempotency-key'));
  if (!key.ok) return fail(key.failure);
  const read = await readUpload(body, c.req.raw.headers, new URL(c.req.url).searchParams);
  if (!read.ok) return fail(read.failure);
  const upload = read.upload;
  const detected = detectFormat(upload.file.bytes, upload.file.contentType, upload.file.filename);
  if (detected.kind !== 'ok') return fail({ kind: 'unsupported-media-type', message: detected.message, messageEn: detected.messageEn });
  const format = detected.format;

  const hash = requestHash(c.req.method, c.req.path, upload.params, body);
  // A dry run changes nothing, so repeating it is harmless: its key is neither checked nor claimed.
  const claim: IdempotencyClaim | undefined = key.key && !upload.params.dryRun ? { scope: token.id, key: key.key, requestHash: hash } : undefined;
  if (claim) {
    const prior = await deps.store.findIdempotency(claim.scope, claim.key);
    if (prior && prior.requestHash !== hash) return fail({ kind: 'idempotency-conflict', key: claim.key });
    if (prior) {
      const publication = await deps.store.getPublication(prior.publicationId);
      if (!publication) throw new Error(`idempotency record points at missing publication ${prior.publicationId}`);
      const again = await importUpload(deps, upload, format);
      if (again.kind === 'busy') return fail({ kind: 'imports-busy', retryAfterSeconds: again.retryAfterSeconds });
      return { kind: 'published', publication, replayed: true, warnings: replayWarnings(again) };
    }
  }

  const run = await importUpload(deps, upload, format);
  if (run.kind === 'busy') return fail({ kind: 'imports-busy', retryAfterSeconds: run.retryAfterSeconds });
  const imported = run.result;
  if (!imported.ok) return fail({ kind: 'invalid-file', errors: imported.errors, warnings: imported.warnings });
  const warnings = imported.warnings.map(issueFromImport);
  if (imported.content.kind !== upload.params.kind) {
    throw new Error(`importer returned ${imported.content.kind} content for a ${upload.params.kind} upload`);
  }

  let content: PublicationContent = imported.content;
  let photos: NewPhoto[] = [];
  if (upload.photos.length > 0 && content.kind === 'project') {
    const processed = await processPhotos(upload.photos, content.projects.length, deps.config.maxPhotoPixels);
    if (!processed.ok) return fail(processed.failure);
    content = attachPhotos(content, processed.photos);
    photos = processed.photos.map((p) => p.photo);
  }
  const refused = await refuseTakenDownPhotos(deps.store, content);
  if (refused) return fail(refused);

  const input = newPublication({
    id: deps.newId?.(),
    village: village.code,
    content,
    publishedAt: deps.clock().toISOString(),
    sample: false,
    source: { filename: upload.file.filename ?? null, format },
    photos,
    beneficiaryKeys: imported.beneficiaryKeys,
  });
  if (upload.params.dryRun) {
    const preview = { kind: content.kind, period: content.period, subject: input.subject, title: content.title, sha256: input.sha256, content, totals: content.totals };
    return { kind: 'preview', preview, warnings };
  }

  await nextTurn(); // the digest of a big file was one long piece of work, storing it is another
  const outcome = await deps.store.publish(input, claim);
  if (outcome.kind === 'replayed') {
    // A concurrent request with the same key won the race: answer with its publication.
    if (outcome.requestHash !== hash) return fail({ kind: 'idempotency-conflict', key: claim?.key ?? '' });
    return { kind: 'published', publication: outcome.publication, replayed: true, warnings };
  }

  // The rules first, so the village page rebuilt next shows what they found; a failure here is
  // only logged (the version is stored, and the nightly run finds what this one missed).
  let flagged: string[] = [];
  if (deps.flagRunner) {
    try {
      flagged = await deps.flagRunner.afterPublication(village.code);
    } catch (error) {
      console.error(`[ingest] running the red-flag rules after publishing ${outcome.publication.id} failed:`, error);
    }
  }
  if (deps.afterPublish) {
    try {
      await deps.afterPublish(outcome.publication);
    } catch (error) {
      // The version is stored and will be rendered on the next rebuild; the upload succeeded.
      console.error(`[ingest] rebuilding pages after publishing ${outcome.publication.id} failed:`, error);
    }
  }
  const others = flagged.filter((v) => v !== village.code);
  if (others.length > 0) {
    try {
      deps.afterFlags?.(others);
    } catch (error) {
      console.error('[ingest] afterFlags failed:', error);
    }
  }
  return { kind: 'published', publication: outcome.publication, replayed: false, warnings };
}

/**
 * A replay answers with the warnings the first upload got. The bytes are the same (the request
 * hash matched) and importing is deterministic, so importing again recovers them without storing them.
 */
function replayWarnings(again: Extract<ImportRun, { kind: 'done' }>): ApiIssue[] {
  return (again.result.ok ? again.result.warnings : ([] as ImportIssue[])).map(issueFromImport);
}

function importUpload(deps: AppDeps, upload: Upload, format: SourceFormat): Promise<ImportRun> {
  return (deps.importPool ?? sharedImportPool()).run({
    bytes: upload.file.bytes,
    format,
    kind: upload.params.kind,
    period: upload.params.period,
    filename: upload.file.filename,
    programme: upload.params.programme,
    idMask: deps.config.idMask,
    publicNumbers: deps.config.publicPhones,
    beneficiaryKey: deps.beneficiaryKey,
  });
}
