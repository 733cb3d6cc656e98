import type { StaffChannel } from './complaint-channel.ts';
import { PORTAL, VILLAGER, type Complaint, type ComplaintEvent, type ComplaintInput, type ComplaintStatus, type Feedback, type NewComplaint, type NewComplaintEvent, type StaffAction } from './complaint.ts';

/**
 * The closed loop: received → dispatched → replied → closed, and back. Pure: the store calls
 * `applyEvents` inside its write transaction, so two staff acting at once cannot both move a
 * complaint from the same status.
 *
 * - dispatch: from received (or dispatched, to send it to another department) → dispatched
 * - reply:    from dispatched (or replied, a further answer) → replied
 * - close:    from replied → closed (a complaint is closed only once it has an answer)
 * - reopen:   from replied or closed → received (the office sorts it again)
 * - feedback: from replied or closed, once per answer; unsatisfied also reopens it (an automatic
 *             `reopen` by 系统 follows the feedback in the history)
 */
export type WorkflowResult =
  | { ok: true; status: ComplaintStatus; department: string | null; events: NewComplaintEvent[] }
  | { ok: false; failure: { kind: 'invalid-transition'; from: ComplaintStatus; action: ComplaintEvent['type'] } };

export function newComplaint(input: ComplaintInput, trackingCode: string, now: string): NewComplaint {
  const contact =
    input.anonymous || !input.contact || (!input.contact.name && !input.contact.phone)
      ? null
      : { name: input.contact.name || null, phone: input.contact.phone || null };
  return {
    trackingCode,
    village: input.village,
    category: input.category,
    text: input.text,
    publicationId: input.publicationId ?? null,
    row: input.row ?? null,
    contact,
    anonymous: input.anonymous,
    status: 'received',
    department: null,
    receivedAt: now,
    updatedAt: now,
    channel: 'portal',
    intake: null,
    events: [{ seq: 1, at: now, actor: VILLAGER, type: 'received' }],
  };
}

/**
 * A complaint staff recorded from another channel (issue 17): the same workflow from here on; its
 * receipt names the office that recorded it, and the intake says when and where it was heard.
 */
export function recordedComplaint(input: ComplaintInput, trackingCode: string, now: string, intake: { channel: StaffChannel; heardAt: string; place: string | null; recordedBy: string; powerItem?: string | null }): NewComplaint {
  const filed = newComplaint(input, trackingCode, now);
  const { channel, heardAt, place, recordedBy, powerItem } = intake;
  return { ...filed, channel, intake: { heardAt, place, recordedBy, powerItem: powerItem ?? null }, events: [{ seq: 1, at: now, actor: intake.recordedBy, type: 'received' }] };
}

/**
 * The 小微权力 item the complaint concerns now: the latest 确定 step's, else the one staff named as
 * they recorded it (ComplaintIntake.powerItem), else none. The intake keeps its first answer; a
 * correction is a step of its own, public and logged.
 */
export function currentPowerItem(complaint: Pick<Complaint, 'events' | 'intake'>): string | null {
  for (let i = complaint.events.length - 1; i >= 0; i--) {
    const e = complaint.events[i]!;
    if (e.type === 'classify') return e.powerItem;
  }
  return complaint.intake?.powerItem ?? null;
}

/** Open: still in the office's hands (not closed, not merged into another). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'dispatched', 'replied'];

/**
 * 我也遇到 (issue 17): another villager has the same problem. Counted on the complaint, in its
 * history and the log, instead of a duplicate; only while it is open.
 */
export function villagerSupport(complaint: Pick<Complaint, 'status' | 'department'>, now: string): WorkflowResult {
  if (!OPEN_STATUSES.includes(complaint.status)) return { ok: false, failure: { kind: 'invalid-transition', from: complaint.status, action: 'support' } };
  return { ok: true, status: complaint.status, department: complaint.department, events: [{ type: 'support', at: now, actor: VILLAGER }] };
}

/** The public id of the complaint this one was merged into, or null. */
export function mergedInto(complaint: Pick<Complaint, 'events'>): string | null {
  const merge = complaint.events.find((e) => e.type === 'merge-into');
  return merge?.type === 'merge-into' ? merge.into : null;
}

export type MergeRefusal =
  | { kind: 'merge-same'; publicId: string }
  | { kind: 'merge-other-village'; from: string; into: string }
  | { kind: 'merge-not-open'; publicId: string; status: ComplaintStatus };

/**
 * Staff merge `from` into `into` (duplicates of one problem): `from` is closed by it, with a
 * `merge-into` step naming the survivor; `into` gains a `merge-from` step and keeps its status.
 * Both must be open and of one village. The store applies both in one transaction.
 */
export function mergeComplaints(
  from: Pick<Complaint, 'publicId' | 'village' | 'status' | 'department'>,
  into: Pick<Complaint, 'publicId' | 'village' | 'status' | 'department'>,
  actor: string,
  now: string,
): { ok: true; from: WorkflowResult & { ok: true }; into: WorkflowResult & { ok: true } } | { ok: false; refusal: MergeRefusal } {
  if (from.publicId === into.publicId) return { ok: false, refusal: { kind: 'merge-same', publicId: from.publicId } };
  if (from.village !== into.village) return { ok: false, refusal: { kind: 'merge-other-village', from: from.publicId, into: into.publicId } };
  for (const c of [from, into]) {
    if (!OPEN_STATUSES.includes(c.status)) return { ok: false, refusal: { kind: 'merge-not-open', publicId: c.publicId, status: c.status } };
  }
  return {
    ok: true,
    from: { ok: true, status: 'closed', department: from.department, events: [{ type: 'merge-into', into: into.publicId, at: now, actor }] },
    into: { ok: true, status: into.status, department: into.department, events: [{ type: 'merge-from', from: from.publicId, at: now, actor }] },
  };
}

/** A staff action by the token named `actor`. */
export function staffAction(complaint: Pick<Complaint, 'status' | 'department'> & Partial<Pick<Complaint, 'events'>>, action: StaffAction, actor: string, now: string): WorkflowResult {
  const { status } = complaint;
  const invalid = (): WorkflowResult => ({ ok: false, failure: { kind: 'invalid-transition', from: status, action: action.type } });
  switch (action.type) {
    case 'dispatch':
      if (status !== 'received' && status !== 'dispatched') return invalid();
      return { ok: true, status: 'dispatched', department: action.department, events: [{ type: 'dispatch', department: action.department, at: now, actor }] };
    case 'reply':
      if (status !== 'dispatched' && status !== 'replied') return invalid();
      return { ok: true, status: 'replied', department: complaint.department, events: [{ type: 'reply', text: action.text, at: now, actor }] };
    case 'close':
      if (status !== 'replied') return invalid();
      return { ok: true, status: 'closed', department: complaint.department, events: [{ type: 'close', resolution: action.resolution, at: now, actor }] };
    case 'reopen':
      // one merged into another lives on in that one: reopening it would split the two again
      if ((status !== 'replied' && status !== 'closed') || mergedInto({ events: complaint.events ?? [] }) !== null) return invalid();
      return { ok: true, status: 'received', department: complaint.department, events: [{ type: 'reopen', reason: action.reason ?? null, at: now, actor }] };
    case 'classify':
      // in any state (the figures by item are kept after closing too), but not in one merged
      // into another: that one's item is the one that counts
      if (mergedInto({ events: complaint.events ?? [] }) !== null) return invalid();
      return { ok: true, status, department: complaint.department, events: [{ type: 'classify', powerItem: action.powerItem, at: now, actor }] };
    default:
      return unreachable(action);
  }
}

/** The villager's satisfaction, once per answer: after a reply or closing, and not twice for the same one. */
export function villagerFeedback(complaint: Pick<Complaint, 'status' | 'department' | 'events'>, feedback: Feedback, now: string): WorkflowResult {
  const { status } = complaint;
  const lastAnswer = findLastIndex(complaint.events, (e) => e.type === 'reply' || e.type === 'close');
  const answered = findLastIndex(complaint.events, (e) => e.type === 'feedback');
  // one merged into another is answered there; its complainant follows that one
  if ((status !== 'replied' && status !== 'closed') || answered > lastAnswer || mergedInto(complaint) !== null) {
    return { ok: false, failure: { kind: 'invalid-transition', from: status, action: 'feedback' } };
  }
  const events: NewComplaintEvent[] = [{ type: 'feedback', satisfied: feedback.satisfied, comment: feedback.comment ?? null, at: now, actor: VILLAGER }];
  if (feedback.satisfied) return { ok: true, status, department: complaint.department, events };
  events.push({ type: 'reopen', reason: '群众对答复不满意', at: now, actor: PORTAL });
  return { ok: true, status: 'received', department: complaint.department, events };
}

// ——— private helpers ———

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

function unreachable(value: never): never {
  throw new Error(`unhandled action ${JSON.stringify(value)}`);
}
