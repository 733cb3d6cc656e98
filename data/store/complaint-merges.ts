import type { Complaint } from '../complaints/complaint.ts';
import type { MergeRefusal } from '../complaints/complaint-workflow.ts';

/**
 * Merging duplicates (issue 17): two complaints about one problem become one. Both complaints
 * change in one transaction — the one merged gains `merge-into` and is closed, the survivor gains
 * `merge-from` — each step with its leaf in the transparency log, so no reader ever sees half a
 * merge. The checks (both open, one village, not the same) run on the rows read inside that
 * transaction (data/complaints/complaint-workflow.ts's mergeComplaints), so two merges at once
 * cannot chain a complaint into one that is itself being merged away.
 */
export interface ComplaintMerges {
  mergeComplaints(fromPublicId: string, intoPublicId: string, actor: string, at: string): Promise<MergeOutcome>;
}

export type MergeOutcome =
  | { kind: 'merged'; from: Complaint; into: Complaint }
  | { kind: 'not-found'; publicId: string }
  | MergeRefusal;
