import { COMPLAINT_STATUSES, type Complaint } from '../complaints/complaint.ts';
import type { Flag } from '../flags/flag.ts';
import { MAX_COMPLAINT_LIMIT } from './complaint-rows.ts';
import { MAX_FLAG_LIST, type FlagFilter, type FlagStore } from './flag-store.ts';
import type { ComplaintFilter, Store } from './store.ts';

/**
 * Every complaint or flag a filter matches, read page after page (issue 14): a job that must see
 * them all — the morning's reminders, the night's newly shown flags, an audit, a dashboard's late
 * villages — never stops at a list's cap, where a province's or the country's would be silently
 * cut. Each page continues after the last of the one before (`after`, in the list's own order),
 * so a complaint filed or a flag raised meanwhile neither repeats one nor skips one.
 */
export function everyComplaint(store: Pick<Store, 'listComplaints'>, filter: Omit<ComplaintFilter, 'limit' | 'after'>, pageSize = MAX_COMPLAINT_LIMIT): Promise<Complaint[]> {
  return pageByPage<Complaint, NonNullable<ComplaintFilter['after']>>((limit, after) => store.listComplaints({ ...filter, limit, ...(after ? { after } : {}) }), (c) => ({ receivedAt: c.receivedAt, publicId: c.publicId }), pageSize);
}

/**
 * Every complaint under `scope` not yet closed, in the list's order (newest first): what 待办 and
 * the reminders work from. Closed ones, most of them in time, are not read. One moved from one
 * open status to another while the lists are read may be in two of them: it is kept once.
 */
export async function everyUnfinishedComplaint(store: Pick<Store, 'listComplaints'>, scope: string, pageSize = MAX_COMPLAINT_LIMIT): Promise<Complaint[]> {
  const lists = await Promise.all(COMPLAINT_STATUSES.filter((s) => s !== 'closed').map((status) => everyComplaint(store, { scope, status }, pageSize)));
  const once = new Map(lists.flat().map((c) => [c.trackingCode, c]));
  return [...once.values()].sort((a, b) => (a.receivedAt !== b.receivedAt ? (a.receivedAt < b.receivedAt ? 1 : -1) : Number(b.publicId) - Number(a.publicId)));
}

export function everyFlag(store: Pick<FlagStore, 'listFlags'>, filter: Omit<FlagFilter, 'limit' | 'after'>, pageSize = MAX_FLAG_LIST): Promise<Flag[]> {
  return pageByPage<Flag, NonNullable<FlagFilter['after']>>((limit, after) => store.listFlags({ ...filter, limit, ...(after ? { after } : {}) }), (f) => ({ raisedAt: f.raisedAt, id: f.id }), pageSize);
}

// ——— private helpers ———

async function pageByPage<T, C>(list: (limit: number, after: C | undefined) => Promise<T[]>, cursorOf: (last: T) => C, pageSize: number): Promise<T[]> {
  const out: T[] = [];
  for (let after: C | undefined; ; ) {
    const page = await list(pageSize, after);
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return out;
    after = cursorOf(last);
  }
}
