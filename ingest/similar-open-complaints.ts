import type { Complaint, ComplaintStatus } from '../data/complaints/complaint.ts';
import { shortName } from '../data/division-name.ts';
import { mergedInto, OPEN_STATUSES } from '../data/complaints/complaint-workflow.ts';
import { publicComplaint, takedownsByComplaint } from '../data/complaints/public-complaint.ts';
import { similarityIndex } from '../data/complaints/similar-complaints.ts';
import type { Config } from '../data/config.ts';
import type { Division } from '../data/region.ts';
import type { Store } from '../data/store/store.ts';
import type { ComplaintTakedowns } from '../data/store/takedown-store.ts';

/**
 * "Someone already reported this" (issue 17): the open complaints of one village whose text is
 * like a villager's, best first, in their public shape. One lookup for the similar-complaints
 * endpoint (GET /api/v1/complaints/similar) and for the village form, which shows them before it
 * files (routes/complaints.ts). Never a tracking code or a contact: only publicComplaint()'s
 * fields are copied out.
 */
export interface SimilarOpenComplaint {
  publicId: string;
  /** as every public page shows it: numbers masked */
  text: string;
  category: string;
  status: ComplaintStatus;
  statusLabel: string;
  receivedAt: string;
  /** how many villagers said 我也遇到 */
  supporters: number;
  /** Dice coefficient of the bigram sets, 0–1 (similar-complaints.ts), rounded to 3 places */
  score: number;
}

/**
 * Open complaints read per status, newest first. A village has a handful open at a time; this
 * bound keeps one request from reading a flood (a village spammed with thousands) whole: at most
 * 3 × 1,000 complaints, which the index searches in well under a millisecond. Older open ones
 * beyond it are not offered — the newest are the likeliest still in hand anyway.
 */
export const OPEN_READ_PER_STATUS = 1_000;

export interface SimilarLookupDeps {
  store: Pick<Store, 'listComplaints' | 'getDivision'> & Pick<ComplaintTakedowns, 'complaintStepTakedownsOf'>;
  config: Pick<Config, 'complaints'>;
  clock: () => Date;
}

/** The open complaints of `village` like `text`, at most 5, best first; `category` (the one picked) halves the others' scores. */
export async function similarOpenComplaints(deps: SimilarLookupDeps, village: Division, text: string, category?: string | null): Promise<SimilarOpenComplaint[]> {
  const lists = await Promise.all(OPEN_STATUSES.map((status) => deps.store.listComplaints({ scope: village.code, status, limit: OPEN_READ_PER_STATUS })));
  const takedowns = takedownsByComplaint(await deps.store.complaintStepTakedownsOf(lists.flat().map((c) => c.publicId)));
  const open = new Map<string, Complaint>();
  for (const c of lists.flat()) {
    // A complaint whose own words were taken down shows 已撤下 instead: matching on the hidden words would tell what they were.
    const first = c.events[0]?.seq ?? 1;
    if (c.village !== village.code || mergedInto(c) !== null || (takedowns.get(c.publicId) ?? []).some((t) => t.seq === first)) continue;
    // one moved from one open status to another between the reads is in two lists: once is enough
    open.set(c.publicId, c);
  }
  const candidates = [...open.values()];
  if (candidates.length === 0) return [];
  // The stored text is already masked on the way in (complaint.ts), and digits count for nothing in
  // a bigram (similar-complaints.ts folds them): matching on it is matching on what is published.
  const index = similarityIndex(
    candidates.map((c) => ({ publicId: c.publicId, text: c.text, category: c.category })),
    await placeNames(deps.store, village),
  );
  const now = deps.clock().toISOString();
  return index.search(text, { category: category ?? null }).map(({ publicId, score }) => {
    const shown = publicComplaint(open.get(publicId)!, deps.config.complaints.deadlines, now, takedowns.get(publicId) ?? []);
    return {
      publicId: shown.publicId,
      text: shown.text,
      category: shown.category,
      status: shown.status,
      statusLabel: shown.statusLabel,
      receivedAt: shown.receivedAt,
      supporters: shown.supporters,
      score: Math.round(score * 1000) / 1000,
    };
  });
}

/**
 * The names of the village and its township as people write them (马头溪村, 马头溪村委会, 马头溪;
 * 王家坪镇, 王家坪), which every complaint of the village may say and so must not make two alike
 * (similar-complaints.ts `ignore`).
 */
export async function placeNames(store: Pick<Store, 'getDivision'>, village: Division): Promise<string[]> {
  const township = village.parent ? await store.getDivision(village.parent) : null;
  const names = new Set<string>();
  for (const d of township ? [village, township] : [village]) {
    for (const name of [d.name, d.officialName]) {
      names.add(name);
      // a short name of one character (晓村 → 晓) is a word of every text, not a place: shortName gives none
      const short = shortName(name, d.level);
      if (short !== null) names.add(short);
    }
  }
  return [...names];
}
