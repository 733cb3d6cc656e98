import type { Complaint } from '../../data/complaints/complaint.ts';
import { overdueCutoffs } from '../../data/complaints/complaint-facts.ts';
import { complaintStats, statsFromCounts, type ComplaintStats } from '../../data/complaints/complaint-stats.ts';
import { complaintTrend, trendMonths, type MonthCount } from '../../data/complaints/complaint-trend.ts';
import type { Deadlines } from '../../data/complaints/deadlines.ts';
import { COUNTY_CODE_LENGTH, type Division } from '../../data/region.ts';
import type { ComplaintFigureStore } from '../../data/store/complaint-figures.ts';
import { complaintStatsView } from './complaint-stats-view.ts';
import type { ComplaintStatsView } from './page-model.ts';

/** What the figures need of a complaint. */
export type StatsComplaint = Pick<Complaint, 'village' | 'status' | 'events' | 'receivedAt'>;

export interface ComplaintStatsIndexOptions {
  /** the store's listComplaints: complaints of villages under `scope`, newest first, at most `limit` */
  list: (scope: string, limit: number) => Promise<readonly StatsComplaint[]>;
  /** the store's sums for the pages above the counties */
  figures: ComplaintFigureStore;
  /** the region's divisions: which townships and villages a county has */
  divisions: readonly Pick<Division, 'code' | 'level' | 'parent'>[];
  deadlines: Deadlines;
  /** the build clock: what is overdue, and the 统计截至 line */
  now: string;
  /** the most the store lists at once (Store.listComplaints: 5,000) */
  limit?: number;
}

export interface ComplaintStatsIndex {
  /** the figures of a village, township, county, or anything above */
  statsOf(code: string): Promise<{ stats: ComplaintStats; partial: boolean }>;
  viewOf(code: string): Promise<ComplaintStatsView>;
  /** received and closed per month over the last twelve months, from the same complaints */
  trendOf(code: string): Promise<MonthCount[]>;
}

export const COMPLAINT_LIST_LIMIT = 5_000;

/**
 * The complaint figures of a build. A county's complaints are read with one query the first time
 * any page under it asks, grouped by village in memory, and every village, township and the
 * county itself is counted from that group: a full build makes one query per county, not one per
 * village. A scope with more complaints than the store lists at once is read again by its
 * townships (and those by their villages), so the figures stay exact unless a single village
 * has more than the limit — then they say they are partial. A scope above the counties is counted
 * by the store (ComplaintFigureStore: two queries, nothing listed), so a province's or the
 * country's page costs the same however many complaints and counties are under it (issue 14).
 */
export function complaintStatsIndex(opts: ComplaintStatsIndexOptions): ComplaintStatsIndex {
  const limit = opts.limit ?? COMPLAINT_LIST_LIMIT;
  const children = new Map<string, string[]>();
  for (const d of opts.divisions) {
    if (d.parent === null) continue;
    const list = children.get(d.parent);
    if (list) list.push(d.code);
    else children.set(d.parent, [d.code]);
  }
  const truncated = new Set<string>();
  const loaded = new Map<string, Promise<Map<string, StatsComplaint[]>>>();
  const computed = new Map<string, Promise<{ stats: ComplaintStats; partial: boolean }>>();

  const loadScope = async (scope: string): Promise<StatsComplaint[]> => {
    const items = await opts.list(scope, limit);
    if (items.length < limit) return [...items];
    const below = children.get(scope) ?? [];
    if (below.length === 0) {
      truncated.add(scope);
      return [...items];
    }
    const parts: StatsComplaint[][] = [];
    // One after another: the store answers one query at a time anyway, and this bounds memory.
    for (const child of below) parts.push(await loadScope(child));
    return parts.flat();
  };

  const county = (code: string): Promise<Map<string, StatsComplaint[]>> => {
    const key = code.slice(0, COUNTY_CODE_LENGTH);
    let entry = loaded.get(key);
    if (!entry) {
      entry = loadScope(key).then(groupByVillage);
      entry.catch(() => loaded.delete(key)); // a failed read is tried again by the next page
      loaded.set(key, entry);
    }
    return entry;
  };

  const itemsOf = async (code: string): Promise<StatsComplaint[]> => {
    const groups = await county(code);
    if (code.length === 12) return groups.get(code) ?? [];
    const out: StatsComplaint[] = [];
    for (const [village, items] of groups) if (village.startsWith(code)) out.push(...items);
    return out;
  };

  const statsOf = (code: string) => {
    let entry = computed.get(code);
    if (!entry) {
      entry = aboveCounties(code)
        ? opts.figures.complaintCounts(code, overdueCutoffs(opts.now, opts.deadlines)).then((counts) => ({ stats: statsFromCounts(counts), partial: false }))
        : itemsOf(code).then((items) => ({
            stats: complaintStats(items, opts.deadlines, opts.now),
            partial: [...truncated].some((s) => s.startsWith(code) || code.startsWith(s)),
          }));
      entry.catch(() => computed.delete(code));
      computed.set(code, entry);
    }
    return entry;
  };

  return {
    statsOf,
    async viewOf(code) {
      const { stats, partial } = await statsOf(code);
      return complaintStatsView(stats, opts.now, { partial });
    },
    async trendOf(code) {
      if (aboveCounties(code)) return opts.figures.complaintMonths(code, trendMonths(opts.now));
      return complaintTrend(await itemsOf(code), opts.now);
    },
  };
}

// ——— private helpers ———

function aboveCounties(code: string): boolean {
  return code.length < COUNTY_CODE_LENGTH;
}

function groupByVillage(items: readonly StatsComplaint[]): Map<string, StatsComplaint[]> {
  const groups = new Map<string, StatsComplaint[]>();
  for (const item of items) {
    const list = groups.get(item.village);
    if (list) list.push(item);
    else groups.set(item.village, [item]);
  }
  return groups;
}
