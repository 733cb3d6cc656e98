import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import type { Complaint, ComplaintEvent } from '../complaints/complaint.ts';
import { Period, PublicationKind, VillageCode, type Publication } from '../publication.ts';

/**
 * What each leaf of the transparency log says, as canonical JSON (data/canonical-json.ts); the
 * leaf's bytes are that text in UTF-8, and its hash SHA-256(0x00 ‖ bytes) (merkle.ts).
 *
 * - `publication`: one per stored version. `sha256` is the version's digest
 *   (publication-digest.ts), so anyone can recompute it from the published content.
 * - `complaint-event`: one per step of a complaint. `hash` covers the step (and, for `received`,
 *   what the complaint says) salted with the secret tracking code: the log shows that something
 *   happened and when, and the villager holding the code can check it is their step, but a short
 *   text or a phone number cannot be guessed from the public hash. The contact is never in it.
 * - `tombstone`: the takedown of a publication that carried personal data by mistake. Its content
 *   leaves the pages; its leaf (with the digest) and the removal, with the reason, stay.
 */

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const PublicationLeaf = z
  .object({
    type: z.literal('publication'),
    id: z.string().min(1),
    village: VillageCode,
    kind: PublicationKind,
    period: Period,
    version: z.number().int().positive(),
    supersedes: z.string().nullable(),
    publishedAt: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type PublicationLeaf = z.infer<typeof PublicationLeaf>;

export const COMPLAINT_EVENT_TYPES = ['received', 'dispatch', 'reply', 'close', 'reopen', 'feedback'] as const satisfies readonly ComplaintEvent['type'][];

export const ComplaintEventLeaf = z
  .object({
    type: z.literal('complaint-event'),
    /** the complaint's public id ("1", "2" …), never its tracking code */
    complaint: z.string().regex(/^[1-9]\d*$/),
    seq: z.number().int().positive(),
    event: z.enum(COMPLAINT_EVENT_TYPES),
    at: z.string(),
    hash: Sha256Hex,
  })
  .strict();
export type ComplaintEventLeaf = z.infer<typeof ComplaintEventLeaf>;

export const TombstoneLeaf = z
  .object({
    type: z.literal('tombstone'),
    publication: z.string().min(1),
    reason: z.string().min(1),
    at: z.string(),
  })
  .strict();
export type TombstoneLeaf = z.infer<typeof TombstoneLeaf>;

export const LogLeaf = z.discriminatedUnion('type', [PublicationLeaf, ComplaintEventLeaf, TombstoneLeaf]);
export type LogLeaf = z.infer<typeof LogLeaf>;
export type LogLeafType = LogLeaf['type'];

export type LoggedPublication = Pick<Publication, 'id' | 'village' | 'kind' | 'period' | 'version' | 'supersedes' | 'publishedAt' | 'sha256'>;
export type LoggedComplaint = Pick<Complaint, 'trackingCode' | 'publicId' | 'village' | 'category' | 'text'>;

export function publicationLeaf(p: LoggedPublication): PublicationLeaf {
  return {
    type: 'publication',
    id: p.id,
    village: p.village,
    kind: p.kind,
    period: p.period,
    version: p.version,
    supersedes: p.supersedes,
    publishedAt: p.publishedAt,
    sha256: p.sha256,
  };
}

export function complaintEventLeaf(complaint: LoggedComplaint, event: ComplaintEvent): ComplaintEventLeaf {
  return {
    type: 'complaint-event',
    complaint: complaint.publicId,
    seq: event.seq,
    event: event.type,
    at: event.at,
    hash: complaintEventDigest(complaint, event),
  };
}

/**
 * SHA-256 (hex) of the canonical JSON of
 * `{"trackingCode", "event": {seq, at, actor, type, and the type's own fields}, "complaint": {village, category, text}}`,
 * where `complaint` is present for the `received` step only. The fields are listed by type, so
 * the digest does not depend on how the event object was built.
 */
export function complaintEventDigest(complaint: Pick<LoggedComplaint, 'trackingCode' | 'village' | 'category' | 'text'>, event: ComplaintEvent): string {
  const doc = {
    trackingCode: complaint.trackingCode,
    event: eventFields(event),
    ...(event.type === 'received' ? { complaint: { village: complaint.village, category: complaint.category, text: complaint.text } } : {}),
  };
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}

export function tombstoneLeaf(t: { publicationId: string; reason: string; at: string }): TombstoneLeaf {
  return { type: 'tombstone', publication: t.publicationId, reason: t.reason, at: t.at };
}

/** The leaf's text: the canonical JSON whose UTF-8 bytes are hashed. */
export function leafText(leaf: LogLeaf): string {
  return canonicalJson(leaf);
}

/**
 * Reads a leaf's text. Only the canonical form counts: the same leaf written another way
 * (spacing, key order) would hash differently, so it is refused rather than re-serialised.
 */
export function parseLeaf(text: string): { ok: true; leaf: LogLeaf } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const parsed = LogLeaf.safeParse(json);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'leaf'}: ${i.message}`).join('; ') };
  if (leafText(parsed.data) !== text) return { ok: false, problem: 'not in canonical JSON form' };
  return { ok: true, leaf: parsed.data };
}

/**
 * What a leaf is about, unique per type: the publication id; `<complaint public id>/<seq>`; the
 * id of the publication taken down. The store indexes leaves by it.
 */
export function leafRef(leaf: LogLeaf): string {
  switch (leaf.type) {
    case 'publication':
      return leaf.id;
    case 'complaint-event':
      return `${leaf.complaint}/${leaf.seq}`;
    case 'tombstone':
      return leaf.publication;
  }
}

// ——— private helpers ———

function eventFields(e: ComplaintEvent): Record<string, unknown> {
  const base = { seq: e.seq, at: e.at, actor: e.actor, type: e.type };
  switch (e.type) {
    case 'received':
      return base;
    case 'dispatch':
      return { ...base, department: e.department };
    case 'reply':
      return { ...base, text: e.text };
    case 'close':
      return { ...base, resolution: e.resolution };
    case 'reopen':
      return { ...base, reason: e.reason ?? null };
    case 'feedback':
      return { ...base, satisfied: e.satisfied, comment: e.comment ?? null };
  }
}
