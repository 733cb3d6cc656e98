import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import type { Complaint, ComplaintEvent } from '../complaints/complaint.ts';
import type { Flag, FlagEvent } from '../flags/flag.ts';
import type { RectificationEvent } from '../rectification/rectification.ts';
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
 * - `complaint-step-tombstone`: the takedown of one step of a complaint (a reply that leaked a
 *   number, say). Its text leaves every public view; the step's own leaf stays as it was, so its
 *   hash still verifies. A separate type, so the publication tombstone keeps its format.
 * - `flag-event`: one per step of a red flag (raised, updated, explained, decided, resolved,
 *   reopened). `sha256` covers the step as the public flag API serves it (flagEventDigest).
 * - `rectification-event`: one per step of an inspection round's rectification (rectificationEventDigest).
 * - `flag-settings`: one per version of a county's red-flag settings; `sha256` covers the document.
 * - `decision-entry`: one per entry of a 四议两公开 matter (issue 11): `matter` (what it is about:
 *   事由, power-list item, amount, links — a new entry when any of it changes) or `step` (one
 *   step as it happened) or `evidence` (a photo or PDF attached to a step entry, by its SHA-256).
 *   `sha256` covers the entry as GET /api/v1/decisions/{id} serves it.
 * - `power-catalogue`: one per version of a county's or city's 小微权力清单; `sha256` covers the
 *   document as GET /api/v1/power-catalogues/{scope} serves it.
 * - `region-summary`: one per version of a township's, county's or city's summary table
 *   (data/summary/region-summary.ts); `sha256` covers the document as
 *   GET /api/v1/regions/{scope}/summaries/{seq} serves it.
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

export const COMPLAINT_EVENT_TYPES = ['received', 'dispatch', 'reply', 'close', 'reopen', 'feedback', 'support', 'merge-into', 'merge-from', 'classify'] as const satisfies readonly ComplaintEvent['type'][];

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

export const ComplaintStepTombstoneLeaf = z
  .object({
    type: z.literal('complaint-step-tombstone'),
    /** the complaint's public id, as in its `complaint-event` leaves */
    complaint: z.string().regex(/^[1-9]\d*$/),
    seq: z.number().int().positive(),
    reason: z.string().min(1),
    at: z.string(),
  })
  .strict();
export type ComplaintStepTombstoneLeaf = z.infer<typeof ComplaintStepTombstoneLeaf>;

const PublicNumber = z.string().regex(/^[1-9]\d*$/);

export const FlagEventLeaf = z
  .object({
    type: z.literal('flag-event'),
    /** the flag's public id */
    flag: PublicNumber,
    village: VillageCode,
    seq: z.number().int().positive(),
    event: z.enum(['raised', 'updated', 'explained', 'commented', 'confirmed', 'dismissed', 'resolved', 'reopened']),
    at: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type FlagEventLeaf = z.infer<typeof FlagEventLeaf>;

export const RectificationEventLeaf = z
  .object({
    type: z.literal('rectification-event'),
    /** the round's public id */
    round: PublicNumber,
    seq: z.number().int().positive(),
    event: z.enum(['opened', 'problem-added', 'task-added', 'evidence-submitted', 'task-closed', 'task-returned', 'recovery-recorded', 'rule-adopted', 'round-closed']),
    at: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type RectificationEventLeaf = z.infer<typeof RectificationEventLeaf>;

export const FlagSettingsLeaf = z
  .object({
    type: z.literal('flag-settings'),
    /** the county (or region) code the settings are for */
    code: z.string().regex(/^\d{2,12}$/),
    version: z.number().int().positive(),
    at: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type FlagSettingsLeaf = z.infer<typeof FlagSettingsLeaf>;

export const DecisionEntryLeaf = z
  .object({
    type: z.literal('decision-entry'),
    /** the matter's public id */
    matter: PublicNumber,
    village: VillageCode,
    seq: z.number().int().positive(),
    entry: z.enum(['matter', 'step', 'evidence']),
    /** when it was recorded (the step's own date is in the entry) */
    at: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type DecisionEntryLeaf = z.infer<typeof DecisionEntryLeaf>;

export const PowerCatalogueLeaf = z
  .object({
    type: z.literal('power-catalogue'),
    /** the city (4 digits) or county (6) the list is for */
    scope: z.string().regex(/^(\d{4}|\d{6})$/),
    seq: z.number().int().positive(),
    at: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type PowerCatalogueLeaf = z.infer<typeof PowerCatalogueLeaf>;

export const RegionSummaryLeaf = z
  .object({
    type: z.literal('region-summary'),
    /** the city (4 digits), county (6) or township (9) that published it */
    scope: z.string().regex(/^(\d{4}|\d{6}|\d{9})$/),
    /** its number among the scope's summaries, in the order stored: its page is /r/{scope}/summary/{seq}/ */
    seq: z.number().int().positive(),
    /** the version of its series (one title and period), and the seq of the version it corrects */
    version: z.number().int().positive(),
    supersedes: z.number().int().positive().nullable(),
    at: z.string(),
    sha256: Sha256Hex,
  })
  .strict();
export type RegionSummaryLeaf = z.infer<typeof RegionSummaryLeaf>;

export const LogLeaf = z.discriminatedUnion('type', [
  PublicationLeaf,
  ComplaintEventLeaf,
  TombstoneLeaf,
  FlagEventLeaf,
  RectificationEventLeaf,
  FlagSettingsLeaf,
  ComplaintStepTombstoneLeaf,
  DecisionEntryLeaf,
  PowerCatalogueLeaf,
  RegionSummaryLeaf,
]);
export type LogLeaf = z.infer<typeof LogLeaf>;
export type LogLeafType = LogLeaf['type'];

export type LoggedPublication = Pick<Publication, 'id' | 'village' | 'kind' | 'period' | 'version' | 'supersedes' | 'publishedAt' | 'sha256'>;
export type LoggedComplaint = Pick<Complaint, 'trackingCode' | 'publicId' | 'village' | 'category' | 'text'> & Partial<Pick<Complaint, 'channel' | 'intake'>>;

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
 * the digest does not depend on how the event object was built. A complaint staff recorded from
 * another channel (issue 17) adds `channel` and `intake` ({heardAt, place, recordedBy}, and
 * `powerItem` when staff named one) to `complaint`; one filed on the portal adds neither, so the
 * digests of earlier steps still hold.
 */
export function complaintEventDigest(complaint: Pick<LoggedComplaint, 'trackingCode' | 'village' | 'category' | 'text' | 'channel' | 'intake'>, event: ComplaintEvent): string {
  const recorded = complaint.channel !== undefined && complaint.channel !== 'portal' ? { channel: complaint.channel, intake: hashedIntake(complaint.intake ?? null) } : {};
  const doc = {
    trackingCode: complaint.trackingCode,
    event: eventFields(event),
    ...(event.type === 'received' ? { complaint: { village: complaint.village, category: complaint.category, text: complaint.text, ...recorded } } : {}),
  };
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}

/** The intake as hashed: `powerItem` only when there is one, so intakes recorded before it existed hash as they did. */
function hashedIntake(intake: { heardAt: string; place: string | null; recordedBy: string; powerItem?: string | null } | null): object | null {
  if (intake === null) return null;
  const { heardAt, place, recordedBy, powerItem } = intake;
  return powerItem === null || powerItem === undefined ? { heardAt, place, recordedBy } : { heardAt, place, recordedBy, powerItem };
}

export function tombstoneLeaf(t: { publicationId: string; reason: string; at: string }): TombstoneLeaf {
  return { type: 'tombstone', publication: t.publicationId, reason: t.reason, at: t.at };
}

export function complaintStepTombstoneLeaf(t: { complaint: string; seq: number; reason: string; at: string }): ComplaintStepTombstoneLeaf {
  return { type: 'complaint-step-tombstone', complaint: t.complaint, seq: t.seq, reason: t.reason, at: t.at };
}

/**
 * SHA-256 (hex) of the canonical JSON of `{"flag": {id, village, rule}, "event": <the event as
 * stored: seq, at, actor, type and the type's own fields>}`: what GET /api/v1/flags/{id} serves for
 * each step once the flag is public, so anyone can recompute it.
 */
export function flagEventDigest(flag: Pick<Flag, 'id' | 'village' | 'rule'>, event: FlagEvent): string {
  return sha256Hex(canonicalJson({ flag: { id: flag.id, village: flag.village, rule: flag.rule }, event }));
}

export function flagEventLeaf(flag: Pick<Flag, 'id' | 'village' | 'rule'>, event: FlagEvent): FlagEventLeaf {
  return { type: 'flag-event', flag: flag.id, village: flag.village, seq: event.seq, event: event.type, at: event.at, sha256: flagEventDigest(flag, event) };
}

/** SHA-256 (hex) of the canonical JSON of `{"round": {id, scope}, "event": <the event as stored>}`, as GET /api/v1/rectification/rounds/{id} serves it. */
export function rectificationEventDigest(round: { id: string; scope: string }, event: RectificationEvent): string {
  return sha256Hex(canonicalJson({ round: { id: round.id, scope: round.scope }, event }));
}

export function rectificationEventLeaf(round: { id: string; scope: string }, event: RectificationEvent): RectificationEventLeaf {
  return { type: 'rectification-event', round: round.id, seq: event.seq, event: event.type, at: event.at, sha256: rectificationEventDigest(round, event) };
}

/** SHA-256 (hex) of the canonical JSON of a settings document, as GET …/flag-settings serves it. */
export function flagSettingsDigest(document: unknown): string {
  return sha256Hex(canonicalJson(document));
}

export function flagSettingsLeaf(s: { code: string; version: number; at: string; sha256: string }): FlagSettingsLeaf {
  return { type: 'flag-settings', code: s.code, version: s.version, at: s.at, sha256: s.sha256 };
}

/** SHA-256 (hex) of the canonical JSON of `{"matter": {id, village}, "entry": <the entry as served>}`. */
export function decisionEntryDigest(matter: { id: string; village: string }, entry: unknown): string {
  return sha256Hex(canonicalJson({ matter: { id: matter.id, village: matter.village }, entry }));
}

export function decisionEntryLeaf(matter: { id: string; village: string }, e: { seq: number; entry: 'matter' | 'step' | 'evidence'; at: string; value: unknown }): DecisionEntryLeaf {
  return { type: 'decision-entry', matter: matter.id, village: matter.village, seq: e.seq, entry: e.entry, at: e.at, sha256: decisionEntryDigest(matter, e.value) };
}

/** SHA-256 (hex) of the canonical JSON of a power list's document, as GET /api/v1/power-catalogues/{scope} serves it. */
export function powerCatalogueDigest(document: unknown): string {
  return sha256Hex(canonicalJson(document));
}

export function powerCatalogueLeaf(c: { scope: string; seq: number; at: string; document: unknown }): PowerCatalogueLeaf {
  return { type: 'power-catalogue', scope: c.scope, seq: c.seq, at: c.at, sha256: powerCatalogueDigest(c.document) };
}

/** SHA-256 (hex) of the canonical JSON of a region's summary table, as GET /api/v1/regions/{scope}/summaries/{seq} serves its document. */
export function regionSummaryDigest(document: unknown): string {
  return sha256Hex(canonicalJson(document));
}

export function regionSummaryLeaf(s: { scope: string; seq: number; version: number; supersedes: number | null; at: string; document: unknown }): RegionSummaryLeaf {
  return { type: 'region-summary', scope: s.scope, seq: s.seq, version: s.version, supersedes: s.supersedes, at: s.at, sha256: regionSummaryDigest(s.document) };
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
 * What a leaf is about, unique per type: the publication id; `<complaint public id>/<seq>` (a
 * step, or the takedown of that step); the id of the publication taken down. The store indexes
 * leaves by it.
 */
export function leafRef(leaf: LogLeaf): string {
  switch (leaf.type) {
    case 'publication':
      return leaf.id;
    case 'complaint-event':
      return `${leaf.complaint}/${leaf.seq}`;
    case 'tombstone':
      return leaf.publication;
    case 'flag-event':
      return `${leaf.flag}/${leaf.seq}`;
    case 'rectification-event':
      return `${leaf.round}/${leaf.seq}`;
    case 'flag-settings':
      return `${leaf.code}/${leaf.version}`;
    case 'complaint-step-tombstone':
      return `${leaf.complaint}/${leaf.seq}`;
    case 'decision-entry':
      return `${leaf.matter}/${leaf.seq}`;
    case 'power-catalogue':
    case 'region-summary':
      return `${leaf.scope}/${leaf.seq}`;
  }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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
    case 'support':
      return base;
    case 'merge-into':
      return { ...base, into: e.into };
    case 'merge-from':
      return { ...base, from: e.from };
    case 'classify':
      return { ...base, powerItem: e.powerItem };
  }
}
