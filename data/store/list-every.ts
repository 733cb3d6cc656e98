import type { Complaint } from '../complaints/complaint.ts';
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
export async function everyComplaint(store: Pick<Store, 'listComplaints'>, filter: Omit<ComplaintFilter, 'limit' | 'after'>, pageSize = MAX_COMPLAINT_LIMIT): Promise<Complaint[]> {
  const out: Complaint[] = [];
  for (let after: ComplaintFilter['after']; ; ) {
    const page = await store.listComplaints({ ...filter, limit: pageSize, ...(after ? { after } : {}) });
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return out;
    after = { receivedAt: last.receivedAt, publicId: last.publicId };
  }
}

export async function everyFlag(store: Pick<FlagStore, 'listFlags'>, filter: Omit<FlagFilter, 'limit' | 'after'>, pageSize = MAX_FLAG_LIST): Promise<Flag[]> {
  const out: Flag[] = [];
  for (let after: FlagFilter['after']; ; ) {
    const page = await store.listFlags({ ...filter, limit: pageSize, ...(after ? { after } : {}) });
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return out;
    after = { raisedAt: last.raisedAt, id: last.id };
  }
}
