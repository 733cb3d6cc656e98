import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';

/**
 * The JSON data twins. A publication is written exactly as the `Publication` schema has it, so
 * anyone can recompute its SHA-256 from village, kind, period, subject and content
 * (data/publication-digest.ts) and compare it with `sha256`.
 *
 * A version taken down is written in its takedown form (takenDownPublication) wherever it
 * appears: without its title, content, subject or file name, with `takenDown: true` and why.
 */
export function publicationJson(p: Publication): string {
  return `${JSON.stringify(p)}\n`;
}

/** Why, when, and which log leaf records the takedown. */
export interface TakedownNote {
  reason: string;
  at: string;
  logIndex: number;
}

/**
 * A version taken down, as the twins and the API show it. It keeps what identifies the version
 * and what the log covers (id, village, kind, period, version, the correction chain, dates,
 * sha256); every field the upload wrote (title, content, subject, file name) is gone. `subject`
 * stays as an empty string so readers of the schema keep a string there.
 */
export interface TakenDownPublication {
  id: string;
  village: string;
  kind: Publication['kind'];
  period: string;
  subject: '';
  version: number;
  supersedes: string | null;
  supersededBy: string | null;
  publishedAt: string;
  sha256: string;
  sample: boolean;
  source: { filename: null; format: Publication['source']['format'] };
  content: null;
  takenDown: true;
  takedown: TakedownNote;
}

/** A history entry: every version, newest first, without content; a taken-down one without its title either. */
export type HistoryEntry = (PublicationSummary & { takenDown: false }) | (Omit<TakenDownPublication, 'content'> & { title: null });

/** Built field by field, so nothing of the version the list above leaves out can slip through. */
export function takenDownPublication(p: Publication | PublicationSummary, t: Takedown): TakenDownPublication {
  return {
    id: p.id,
    village: p.village,
    kind: p.kind,
    period: p.period,
    subject: '',
    version: p.version,
    supersedes: p.supersedes,
    supersededBy: p.supersededBy,
    publishedAt: p.publishedAt,
    sha256: p.sha256,
    sample: p.sample,
    source: { filename: null, format: p.source.format },
    content: null,
    takenDown: true,
    takedown: { reason: t.reason, at: t.at, logIndex: t.logIndex },
  };
}

export function historyEntry(s: PublicationSummary, t: Takedown | undefined): HistoryEntry {
  if (!t) return { ...s, takenDown: false };
  const { content: _content, ...fields } = takenDownPublication(s, t);
  return { ...fields, title: null };
}

export interface VillageJson {
  village: { code: string; name: string; officialName: string; path: { code: string; name: string }[] };
  /** current versions, with content (a taken-down one in its takedown form) */
  publications: Array<Publication | TakenDownPublication>;
  /** every version, newest first, without content */
  history: HistoryEntry[];
}

/** `path` runs from the county down to the village itself; `takedowns` by publication id (listTakedowns). */
export function villageJson(
  village: { code: string; name: string; officialName: string },
  path: readonly { code: string; name: string }[],
  current: readonly Publication[],
  history: readonly PublicationSummary[],
  takedowns: ReadonlyMap<string, Takedown> = new Map(),
): string {
  const shown = (p: Publication) => {
    const t = takedowns.get(p.id);
    return t ? takenDownPublication(p, t) : p;
  };
  const doc: VillageJson = {
    village: { code: village.code, name: village.name, officialName: village.officialName, path: [...path] },
    publications: current.map(shown),
    history: history.map((h) => historyEntry(h, takedowns.get(h.id))),
  };
  return `${JSON.stringify(doc)}\n`;
}
