import { beijingTime } from '../../data/beijing-time.ts';
import type { ComplaintStats } from '../../data/complaints/complaint-stats.ts';
import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';
import { versionState, type VersionState } from './version-state.ts';

/**
 * The JSON data twins. A publication is written exactly as the `Publication` schema has it, so
 * anyone can recompute its SHA-256 from village, kind, period, subject and content
 * (data/publication-digest.ts) and compare it with `sha256`.
 *
 * A version taken down is written in its takedown form (takenDownPublication) wherever it
 * appears: without its title, content, subject or file name, with `takenDown: true` and why.
 *
 * Times (issue 15). `publishedAt` and `takedown.at` are written exactly as the transparency log has
 * them (UTC, "…Z"): verify compares them with the log's leaves character for character. Beside each,
 * the twins add the same instant in Beijing time with its offset (data/beijing-time.ts):
 * `publishedAtBeijing` and `takedown.atBeijing`; a time only the twin has (the complaint figures'
 * `asOf`) is written in Beijing time alone. The API's own views are not changed by this.
 */
export function publicationJson(p: Publication, takedown?: Takedown | null): string {
  return `${JSON.stringify(publicationTwin(p, takedown))}\n`;
}

/** A publication as its twin serves it: as stored (or in its takedown form), with the Beijing times beside the logged ones. */
export function publicationTwin(p: Publication, takedown?: Takedown | null): PublicationTwin {
  return takedown ? withBeijingTimes(takenDownPublication(p, takedown)) : withBeijingTimes(p);
}

export type PublicationTwin = WithBeijingTimes<Publication> | WithBeijingTimes<TakenDownPublication>;

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

/** A line of the village twin's history: the history entry, its Beijing times, and its state (version-state.ts). */
export type VillageHistoryEntry = WithBeijingTimes<HistoryEntry> & { state: VersionState };

/**
 * The village's complaint figures, counted as its page counts them (complaintStats over the
 * village's complaints, at `asOf`). `satisfaction` is the unrounded share (0…1) the page prints
 * rounded down as a percentage; `partial`: the village had more complaints than the store lists at
 * once, so only the newest were counted (the page says so too).
 */
export interface VillageComplaintFigures extends ComplaintStats {
  asOf: string;
  partial: boolean;
}

export function villageComplaintFigures(stats: ComplaintStats, now: string, partial: boolean): VillageComplaintFigures {
  return {
    received: stats.received,
    closed: stats.closed,
    overdue: stats.overdue,
    medianDaysToAnswer: stats.medianDaysToAnswer,
    satisfaction: stats.satisfaction,
    feedbacks: stats.feedbacks,
    byChannel: { ...stats.byChannel },
    asOf: beijingTime(now),
    partial,
  };
}

export interface VillageJson {
  village: { code: string; name: string; officialName: string; path: { code: string; name: string }[] };
  /** current versions, with content (a taken-down one in its takedown form), as their own twins serve them */
  publications: PublicationTwin[];
  /** every version, newest first, without content, each with its state */
  history: VillageHistoryEntry[];
  /** the village's complaint figures, as its page shows them; null when they were not counted */
  complaints: VillageComplaintFigures | null;
}

/** `path` runs from the county down to the village itself; `takedowns` by publication id (listTakedowns). */
export function villageJson(
  village: { code: string; name: string; officialName: string },
  path: readonly { code: string; name: string }[],
  current: readonly Publication[],
  history: readonly PublicationSummary[],
  takedowns: ReadonlyMap<string, Takedown> = new Map(),
  complaints: VillageComplaintFigures | null = null,
): string {
  const doc: VillageJson = {
    village: { code: village.code, name: village.name, officialName: village.officialName, path: [...path] },
    publications: current.map((p) => publicationTwin(p, takedowns.get(p.id))),
    history: history.map((h) => {
      const t = takedowns.get(h.id);
      return { ...withBeijingTimes(historyEntry(h, t)), state: versionState(h, t) };
    }),
    complaints,
  };
  return `${JSON.stringify(doc)}\n`;
}

// ——— private helpers ———

type WithBeijingTimes<T> = T & { publishedAtBeijing: string } & (T extends { takedown: TakedownNote } ? { takedown: TakedownNote & { atBeijing: string } } : unknown);

/**
 * `publishedAtBeijing` right after `publishedAt`, and `atBeijing` after a takedown's `at`; every
 * other field, and the order of the fields, as they were.
 */
function withBeijingTimes<T extends { publishedAt: string; takedown?: TakedownNote }>(doc: T): WithBeijingTimes<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'takedown' && value) {
      const note = value as TakedownNote;
      out.takedown = { reason: note.reason, at: note.at, atBeijing: beijingTime(note.at), logIndex: note.logIndex };
      continue;
    }
    out[key] = value;
    if (key === 'publishedAt') out.publishedAtBeijing = beijingTime(doc.publishedAt);
  }
  return out as WithBeijingTimes<T>;
}
