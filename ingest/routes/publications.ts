import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Division } from '../../data/region.ts';
import type { IdempotencyClaim, TokenRecord } from '../../data/store/store.ts';
import type { AppDeps } from '../app.ts';
import { findVillage, villageWriter } from '../auth.ts';
import { success } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { readIdempotencyKey, requestHash } from '../idempotency.ts';
import { publicationApiView, summaryApiViews } from '../data-twins.ts';
import { publishUpload, type UploadOutcome } from '../publish-upload.ts';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { PUBLISH_ACTION } from '../../data/accounts/permissions.ts';
import { readUpload } from '../upload.ts';
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
      // nothing was created: the series' current version, which already holds this content
      if (outcome.kind === 'unchanged') return c.json(success({ unchanged: true, publication: createdView(deps.config, outcome.publication), warnings: outcome.warnings }), 200);
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

async function handleUpload(deps: AppDeps, c: Context<UploadEnv>, body: Uint8Array<ArrayBuffer>): Promise<UploadOutcome> {
  const token = c.get('token');
  const key = readIdempotencyKey(c.req.header('idempotency-key'));
  if (!key.ok) return { kind: 'failure', failure: key.failure };
  const read = await readUpload(body, c.req.raw.headers, new URL(c.req.url).searchParams);
  if (!read.ok) return { kind: 'failure', failure: read.failure };
  // The kind is known only now: the table is asked again for it.
  const kind = read.upload.params.kind;
  if (!tokenAllows(token, PUBLISH_ACTION[kind], c.get('village').code).ok) return { kind: 'failure', failure: { kind: 'forbidden', village: c.get('village').code } };
  const hash = requestHash(c.req.method, c.req.path, read.upload.params, body);
  // A dry run changes nothing, so repeating it is harmless: its key is neither checked nor claimed.
  const claim: IdempotencyClaim | undefined = key.key && !read.upload.params.dryRun ? { scope: token.id, key: key.key, requestHash: hash } : undefined;
  return publishUpload(deps, { upload: read.upload, village: c.get('village'), claim });
}
