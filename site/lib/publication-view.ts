import { periodLabel } from '../../data/period.ts';
import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import type { Takedown } from '../../data/store/store.ts';
import { complaintHref } from './complaint-form.ts';
import { chinaDateTime, KIND_LABEL } from './format.ts';
import type { Crumb, LogStamp, PublicationPage, SiteInfo, TakedownView } from './page-model.ts';
import { photoView } from './project-view.ts';
import { publicationFigures, publicationTable } from './publication-table.ts';
import { publicationHref, twinsOf, villageHref } from './urls.ts';

export interface PublicationInput {
  site: SiteInfo;
  publication: Publication;
  village: Division;
  /** from the region home down to the village */
  crumbs: Crumb[];
  /** every version of the village (listPublications), to find the newest in this series */
  history: readonly PublicationSummary[];
  /** the version's leaf in the log and the log the page is built from (logStamp) */
  log?: { index: number; stamp: LogStamp } | null;
  /** set when the version was taken down: its content stays off the page */
  takedown?: Takedown | null;
}

/** Where the latest signed checkpoint is published (ingest/routes/log.ts). */
export const CHECKPOINT_HREF = '/log/checkpoint';

/** What a page prints about the log it was built from. */
export function logStamp(size: number, fingerprint: string): LogStamp {
  return { size, fingerprint, checkpointHref: CHECKPOINT_HREF };
}

export function takedownView(t: Takedown): TakedownView {
  return { reason: t.reason, at: chinaDateTime(t.at), iso: t.at, logIndex: t.logIndex };
}

/** What names a version taken down wherever its title stood: its kind, period and version (pages add 已撤下 beside it). */
export function takenDownTitle(p: Pick<Publication, 'kind' | 'period' | 'version'>): string {
  return `${KIND_LABEL[p.kind]} ${periodLabel(p.period)} 第${p.version}版`;
}

/**
 * One published version, every row, with its hash, its place in the correction chain and in the
 * log. A version taken down keeps its kind, period, version, dates, hash and place in the history,
 * and shows nothing the upload wrote: no title (the heading names it by kind and period), rows,
 * notes, photos or file name.
 */
export function buildPublicationView(input: PublicationInput): PublicationPage {
  const p = input.publication;
  const code = p.village;
  const href = publicationHref(code, p.id);
  const byId = new Map(input.history.map((h) => [h.id, h]));
  const newest = newestVersion(p, byId);
  const content = p.content;
  const down = input.takedown ?? null;
  const page: PublicationPage = {
    kind: 'publication',
    site: input.site,
    title: `${content.title}（第${p.version}版）· ${input.village.name}`,
    description: `${input.village.name} ${periodLabel(p.period)} ${KIND_LABEL[p.kind]}公开`,
    sample: p.sample,
    crumbs: [...input.crumbs, { name: `${KIND_LABEL[p.kind]} ${periodLabel(p.period)}`, href: null }],
    villageHref: villageHref(code),
    villageName: input.village.name,
    villageCode: code,
    heading: content.title,
    kindLabel: KIND_LABEL[p.kind],
    periodLabel: periodLabel(p.period),
    version: p.version,
    published: chinaDateTime(p.publishedAt),
    sha256: p.sha256,
    sourceName: p.source.filename,
    figures: publicationFigures(content),
    table: publicationTable(content, { mode: 'full', question: (row) => complaintHref(code, { publicationId: p.id, row }) }),
    notes: content.notes,
    photoGroups:
      content.kind === 'project'
        ? content.projects.filter((item) => item.photos.length > 0).map((item) => ({ name: item.name, photos: item.photos.map((ph) => photoView(ph, item.name)) }))
        : [],
    superseded: newest && newest.id !== p.id ? { newestHref: publicationHref(code, newest.id), newestVersion: newest.version } : null,
    supersedes: p.supersedes === null ? null : { href: publicationHref(code, p.supersedes), version: byId.get(p.supersedes)?.version ?? null },
    twins: twinsOf(href),
    log: input.log ? { index: input.log.index, ...input.log.stamp } : null,
    takedown: down ? takedownView(down) : null,
  };
  if (!down) return page;
  // Built above from the content, then dropped: nothing of it may reach the page.
  const named = takenDownTitle(p);
  return {
    ...page,
    title: `${named}（已撤下）· ${input.village.name}`,
    heading: named,
    sourceName: null,
    figures: [],
    table: { columns: [], rows: [], totals: null, totalRows: 0 },
    notes: [],
    photoGroups: [],
  };
}

// ——— private helpers ———

/**
 * Follows supersededBy to the head of the series. When the publication says it was superseded
 * but the successor is missing from the history (should not happen), the successor id alone is used.
 */
function newestVersion(p: Publication, byId: ReadonlyMap<string, PublicationSummary>): { id: string; version: number } | null {
  if (p.supersededBy === null) return null;
  let current: { id: string; version: number; supersededBy: string | null } = { id: p.supersededBy, version: p.version + 1, supersededBy: null };
  const first = byId.get(p.supersededBy);
  if (first) current = first;
  const seen = new Set<string>([p.id]);
  while (current.supersededBy !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const next = byId.get(current.supersededBy);
    if (!next) return { id: current.supersededBy, version: current.version + 1 };
    current = next;
  }
  return { id: current.id, version: current.version };
}
