import type { Complaint } from '../data/complaints/complaint.ts';
import { mergedInto } from '../data/complaints/complaint-workflow.ts';
import type { Deadlines } from '../data/complaints/deadlines.ts';
import { publicComplaint, type PublicComplaint } from '../data/complaints/public-complaint.ts';
import type { Store } from '../data/store/store.ts';
import type { ComplaintTakedowns } from '../data/store/takedown-store.ts';

/** A complaint as one merged into it sees it: everything public but its own tracking code. */
export type FollowedComplaint = Omit<PublicComplaint, 'trackingCode'>;

/**
 * The complaint a merged one lives on in (issue 17): whoever holds the merged one's code follows
 * the survivor with it — its status, its steps, its answers — but never learns the survivor's
 * code, which is its own complainant's credential. A survivor merged on again is followed to the
 * end of the chain (a merge closes the merged one, so the chain only grows at its end).
 */
export async function followedComplaint(store: Pick<Store, 'getComplaintByPublicId'> & Pick<ComplaintTakedowns, 'complaintStepTakedowns'>, complaint: Complaint, deadlines: Deadlines, now: string): Promise<FollowedComplaint | null> {
  let current = complaint;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const into = mergedInto(current);
    if (into === null) break;
    const next = await store.getComplaintByPublicId(into);
    if (!next) break;
    current = next;
  }
  if (current === complaint) return null;
  const { trackingCode: _theirs, ...shown } = publicComplaint(current, deadlines, now, await store.complaintStepTakedowns(current.publicId));
  return shown;
}

/** far more than staff would ever chain; a bound all the same, as every loop over stored links has */
const MAX_HOPS = 20;
