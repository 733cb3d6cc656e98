import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import type { Complaint } from '../../data/complaints/complaint.ts';
import type { OriginalMeta } from '../../data/store/intake-originals.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { success } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { MAX_ORIGINAL_UPLOAD_BYTES } from '../../data/complaints/original-refusal.ts';
import { keepOriginal } from '../intake-original.ts';
import { NO_STORE } from './complaints.ts';

/**
 * The original words of a complaint staff recorded (issue 17), by the staff API: a screenshot or
 * photo sent as the request body (image/jpeg, image/png or image/webp), kept through the photo
 * pipeline for staff only (ingest/intake-original.ts), listed and read back by staff who may read
 * the complainant's contact (a screenshot shows who spoke). A complaint filed on the portal has no
 * originals: its words are its own.
 */
export function staffOriginalRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: MAX_ORIGINAL_UPLOAD_BYTES, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: MAX_ORIGINAL_UPLOAD_BYTES }) });

  /** The recorded complaint if the token may read it; one answer for none, out of scope and filed on the portal. */
  const readable = async (c: Context): Promise<{ complaint: Complaint; token: { scope: string; name: string } } | Response> => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const id = c.req.param('id') ?? '';
    const complaint = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getComplaintByPublicId(id) : null;
    if (!complaint || complaint.channel === 'portal' || !tokenAllows(auth.token, 'read-complaints', complaint.village).ok) return respond(c, { kind: 'staff-complaint-not-found' });
    return { complaint, token: auth.token };
  };

  routes.post('/staff/complaints/:id/originals', limitBody, async (c) => {
    const found = await readable(c);
    if (found instanceof Response) return found;
    if (!tokenAllows(found.token, 'record-complaint', found.complaint.village).ok) return respond(c, { kind: 'not-staff', scope: found.token.scope });
    const kept = await keepOriginal(deps.store, {
      complaint: found.complaint.publicId,
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      savedBy: found.token.name,
      at: deps.clock().toISOString(),
      maxPixels: deps.config.maxPhotoPixels,
    });
    if (kept.kind === 'refused') return respond(c, { kind: 'invalid-original', reason: kept.reason, limit: kept.limit ?? null });
    return c.json(success({ original: originalView(kept.meta) }), 201, NO_STORE);
  });

  routes.get('/staff/complaints/:id/originals', async (c) => {
    const found = await readable(c);
    if (found instanceof Response) return found;
    if (!tokenAllows(found.token, 'read-complainant-contact', found.complaint.village).ok) return respond(c, { kind: 'not-staff', scope: found.token.scope });
    const originals = await deps.store.listOriginals(found.complaint.publicId);
    return c.json(success({ complaint: found.complaint.publicId, originals: originals.map(originalView) }), 200, NO_STORE);
  });

  routes.get('/staff/complaints/:id/originals/:seq', async (c) => {
    const found = await readable(c);
    if (found instanceof Response) return found;
    // a screenshot can show who spoke: read as the complainant's contact is
    if (!tokenAllows(found.token, 'read-complainant-contact', found.complaint.village).ok) return respond(c, { kind: 'not-staff', scope: found.token.scope });
    const seq = Number(c.req.param('seq'));
    const meta = (await deps.store.listOriginals(found.complaint.publicId)).find((o) => o.seq === seq);
    const original = meta ? await deps.store.getOriginal(found.complaint.publicId, meta.id) : null;
    if (!original) return respond(c, { kind: 'staff-complaint-not-found' });
    return c.body(new Uint8Array(original.bytes), 200, { 'Content-Type': original.meta.mime, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  });

  return routes;
}

/** What the API says of an original: never its bytes (GET …/originals/{seq} serves those). */
function originalView(o: OriginalMeta) {
  return { seq: o.seq, sha256: o.id, mediaType: o.mime, width: o.width, height: o.height, bytes: o.size, savedBy: o.savedBy, at: o.at, href: `/api/v1/staff/complaints/${encodeURIComponent(o.complaint)}/originals/${o.seq}` };
}
