import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuditedPublication } from '../../data/log/audit-log.ts';
import { PUBLICATION_INDEX_PATH, PublicationDirectory, VillageVersions, type PublicationIndexEntry } from '../../data/log/publication-index.ts';
import { PublicationKind, type PublicationContent } from '../../data/publication.ts';
import { photoHref, publicationHref } from '../../site/lib/urls.ts';
import { mapLimit, type Http } from './verify-http.ts';
import type { LogView } from './verify-log-view.ts';
import type { MovedPublication, VerifyFinding } from './verify.ts';

/**
 * Every version the portal serves, found from its public index (/log/publications.json) and each
 * village's data twin rather than from the log, so a version stored without a leaf is fetched and
 * the audit names it. Each served version is checked against its index entry, its leaf's village
 * and address (a version served elsewhere is moved, not gone), its takedown against the tombstone,
 * its `supersededBy` against the log, and each photo it shows against the SHA-256 its id is.
 */
export interface PublicationsContext {
  http: Http;
  base: string;
  limit: number;
  found: (f: VerifyFinding) => void;
  /** the log as downloaded so far */
  log: () => LogView;
  /** fetches the leaves appended since the download began */
  refetchTail: () => Promise<void>;
}

export interface ServedPublications {
  publications: AuditedPublication[];
  moved: MovedPublication[];
  photos: number;
}

export async function servedPublications(ctx: PublicationsContext): Promise<ServedPublications> {
  const { http, base, limit, found } = ctx;
  const fail = (res: { url: string; status: number | null; detail: string }) =>
    found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });

  // The index: every village with versions, then every version of each.
  const indexed = new Map<string, PublicationIndexEntry>();
  const dir = await http.json(`${base}${PUBLICATION_INDEX_PATH}`, PublicationDirectory);
  if (!dir.ok) fail(dir);
  const villages = dir.ok ? dir.value.villages : [];
  await mapLimit(villages, limit, async (v) => {
    const res = await http.json(`${base}${v.url}`, VillageVersions);
    if (!res.ok) return fail(res);
    for (const entry of res.value.versions) if (!indexed.has(entry.id)) indexed.set(entry.id, entry);
  });

  // The villages' own data twins list their versions too: one the index leaves out is named.
  const listedElsewhere = new Map<string, string>(); // id → village
  const twinVillages = new Set([...villages.map((v) => v.village), ...[...ctx.log().publications.values()].map((p) => p.village)]);
  await mapLimit([...twinVillages], limit, async (village) => {
    const res = await http.json(`${base}/v/${village}/index.json`, VillageTwin);
    // a village the divisions no longer have (merged, renamed) has no page; the index still lists its versions
    if (!res.ok) return void (res.status !== 404 && fail(res));
    for (const h of res.value.history) if (!indexed.has(h.id)) listedElsewhere.set(h.id, village);
  });

  if ([...indexed.keys(), ...listedElsewhere.keys()].some((id) => !ctx.log().publications.has(id))) await ctx.refetchTail();

  // Where each version is fetched from: the index's address; the leaf's village (or the twin's) for one the index omits.
  const wanted = new Map<string, { url: string; entry: PublicationIndexEntry | null }>();
  for (const [id, entry] of indexed) wanted.set(id, { url: entry.url, entry });
  for (const [id, p] of ctx.log().publications) if (!wanted.has(id)) wanted.set(id, { url: publicationHref(p.village, id), entry: null });
  for (const [id, village] of listedElsewhere) if (!wanted.has(id)) wanted.set(id, { url: publicationHref(village, id), entry: null });

  const served: Array<{ twin: Twin; url: string; entry: PublicationIndexEntry | null }> = [];
  await mapLimit([...wanted], limit, async ([id, { url, entry }]) => {
    const twinUrl = `${base}${url}index.json`;
    const res = await http.json(twinUrl, PublicationTwin);
    if (!res.ok) {
      // a version not found where it should be is named by the audit: its leaf has no publication
      if (res.status !== 404) fail(res);
      return;
    }
    if (res.value.id !== id) return found({ kind: 'unreadable', url: twinUrl, detail: `serves publication ${res.value.id}, not ${id}` });
    served.push({ twin: res.value, url, entry });
  });

  // A successor named by a version and not yet in the downloaded log may have been published meanwhile.
  if (served.some(({ twin }) => twin.supersededBy !== null && !ctx.log().publications.has(twin.supersededBy))) await ctx.refetchTail();
  const log = ctx.log();
  const moved: MovedPublication[] = [];
  const servedIds = new Set(served.map(({ twin }) => twin.id));
  for (const { twin, url, entry } of served.sort((a, b) => (a.twin.id < b.twin.id ? -1 : 1))) {
    const id = twin.id;
    if (!entry) found({ kind: 'not-in-index', publication: id, url });
    else {
      const fields = indexFields.filter((k) => (k === 'takenDown' ? entry.takenDown !== (twin.content === null) : entry[k] !== twin[k]));
      if (fields.length > 0) found({ kind: 'index-mismatch', publication: id, fields });
    }
    const leaf = log.publications.get(id);
    if (leaf && url !== publicationHref(leaf.village, id)) moved.push({ publication: id, loggedVillage: leaf.village, servedVillage: twin.village, url });
    const tombstone = log.tombstones.get(id);
    if (tombstone && twin.content !== null) found({ kind: 'takedown-not-applied', publication: id });
    if (tombstone && twin.content === null) {
      const shown = twin.takedown ?? { reason: null, at: null, logIndex: null };
      const logged = { reason: tombstone.reason, at: tombstone.at, logIndex: tombstone.index };
      const fields = (['reason', 'at', 'logIndex'] as const).filter((k) => shown[k] !== logged[k]);
      if (fields.length > 0) found({ kind: 'takedown-mismatch', publication: id, index: tombstone.index, fields });
    }
    // a newer version that is served but not logged is named as such, once
    const unloggedSuccessor = twin.supersededBy !== null && !log.publications.has(twin.supersededBy) && servedIds.has(twin.supersededBy);
    if (leaf && !unloggedSuccessor) {
      const successor = log.successors.get(id) ?? null;
      if (twin.supersededBy !== successor) found({ kind: 'superseded-by-mismatch', publication: id, served: twin.supersededBy, logged: successor });
    }
  }

  const photos = await checkPhotos(ctx, served.map(({ twin }) => twin));
  return { publications: served.map(({ twin }) => ({ ...twin, content: twin.content as PublicationContent | null })), moved, photos };
}

/** A photo's id is the first 24 hex digits of the SHA-256 of its 1200-pixel WebP, as served. */
export function photoMatches(id: string, bytes: Uint8Array): { ok: boolean; actual: string } {
  const actual = createHash('sha256').update(bytes).digest('hex').slice(0, PHOTO_ID_HEX);
  return { ok: actual === id, actual };
}

// ——— private helpers ———

const PHOTO_ID_HEX = 24;

async function checkPhotos(ctx: PublicationsContext, twins: readonly Twin[]): Promise<number> {
  const shownBy = new Map<string, string>(); // photo id → the first version showing it
  for (const twin of [...twins].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const parsed = ProjectPhotos.safeParse(twin.content);
    if (!parsed.success) continue;
    for (const item of parsed.data.projects) for (const photo of item.photos) if (!shownBy.has(photo.id)) shownBy.set(photo.id, twin.id);
  }
  await mapLimit([...shownBy], ctx.limit, async ([photo, publication]) => {
    const url = `${ctx.base}${photoHref(photo, 'large')}`;
    const res = await ctx.http.bytes(url);
    if (!res.ok) {
      if (res.status === 404) ctx.found({ kind: 'photo-missing', publication, photo, url });
      else ctx.found(res.status === null ? { kind: 'unreachable', url, detail: res.detail } : { kind: 'unreadable', url, detail: res.detail });
      return;
    }
    const match = photoMatches(photo, res.value);
    if (!match.ok) ctx.found({ kind: 'photo-mismatch', publication, photo, url, actual: match.actual });
  });
  return shownBy.size;
}

const indexFields = ['village', 'kind', 'period', 'version', 'supersedes', 'supersededBy', 'publishedAt', 'sha256', 'takenDown'] as const;

const VillageTwin = z.object({ history: z.array(z.object({ id: z.string().min(1) })) });
const PublicationTwin = z.object({
  id: z.string().min(1),
  village: z.string(),
  kind: PublicationKind,
  period: z.string(),
  subject: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  publishedAt: z.string(),
  sha256: z.string(),
  // the digest is recomputed from exactly what was served, so the content is not reshaped
  content: z.unknown().transform((c) => c ?? null),
  takedown: z.object({ reason: z.string(), at: z.string(), logIndex: z.number().int() }).optional(),
});
type Twin = z.infer<typeof PublicationTwin>;
const ProjectPhotos = z.object({ kind: z.literal('project'), projects: z.array(z.object({ photos: z.array(z.object({ id: z.string() })) })) });
