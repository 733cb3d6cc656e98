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
    events: [{ seq: 1, at: now, actor: VILLAGER, type: 'received' }],
  };
}

/** A staff action by the token named `actor`. */
export function staffAction(complaint: Pick<Complaint, 'status' | 'department'>, action: StaffAction, actor: string, now: string): WorkflowResult {
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
      if (status !== 'replied' && status !== 'closed') return invalid();
      return { ok: true, status: 'received', department: complaint.department, events: [{ type: 'reopen', reason: action.reason ?? null, at: now, actor }] };
    default:
      return unreachable(action);
  }
}

/** The villager's satisfaction, once per answer: after a reply or closing, and not twice for the same one. */
export function villagerFeedback(complaint: Pick<Complaint, 'status' | 'department' | 'events'>, feedback: Feedback, now: string): WorkflowResult {
  const { status } = complaint;
  const lastAnswer = findLastIndex(complaint.events, (e) => e.type === 'reply' || e.type === 'close');
  const answered = findLastIndex(complaint.events, (e) => e.type === 'feedback');
  if ((status !== 'replied' && status !== 'closed') || answered > lastAnswer) {
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
