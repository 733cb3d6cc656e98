/**
 * Takedowns beyond whole publication versions (Store.tombstone), each its own small interface so
 * a consumer takes only what it uses. The contract suite is takedown-contract.ts.
 *
 * A complaint step taken down (a reply that leaked a number): a `complaint-step-tombstone` leaf and
 * a takedown record, in one transaction. The step itself and its leaf stay as they were
 * (append-only), so its hash still verifies; public views show its type, date and 已撤下 with the
 * reason instead of its text (data/complaints/public-complaint.ts).
 */
export interface ComplaintTakedowns {
  /**
   * Takes step `seq` of the complaint with public id `complaint` down. The reason is trimmed; an
   * empty one is a caller bug (TypeError). Taking a step down twice answers the first takedown.
   */
  takeDownComplaintStep(complaint: string, seq: number, reason: string, at: string): Promise<ComplaintStepTombstoneResult>;
  /** The complaint's steps taken down, by seq. */
  complaintStepTakedowns(complaint: string): Promise<ComplaintStepTakedown[]>;
  /**
   * The steps taken down of these complaints (public ids; those not a number are none), by
   * complaint and seq: one look-up for a list a page or an answer shows, whatever the country's
   * other takedowns.
   */
  complaintStepTakedownsOf(complaints: readonly string[]): Promise<ComplaintStepTakedown[]>;
  /** Every step taken down, oldest first: for checks over all of them (a move between stores is compared by it). */
  listComplaintStepTakedowns(): Promise<ComplaintStepTakedown[]>;
}

/**
 * Photos are stored once by id (a hash of their bytes) and referenced from project content, so a
 * JSON upload could name the id of a photo that was taken down and bring it back.
 */
export interface PhotoTakedowns {
  /**
   * Of `ids`, those stored photos that only versions taken down show: a stored photo that no
   * version not taken down references. Ids not stored are not returned.
   */
  takenDownPhotos(ids: readonly string[]): Promise<string[]>;
}

export interface ComplaintStepTakedown {
  /** the complaint's public id */
  complaint: string;
  seq: number;
  reason: string;
  at: string;
  /** the complaint-step-tombstone's leaf */
  logIndex: number;
}

export type ComplaintStepTombstoneResult =
  | { kind: 'taken-down'; takedown: ComplaintStepTakedown }
  | { kind: 'already-taken-down'; takedown: ComplaintStepTakedown }
  | { kind: 'not-found'; complaint: string; seq: number };
