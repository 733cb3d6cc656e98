import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { displayTrackingCode } from './tracking-code.ts';
import { STATUS_LABEL, type Complaint, type ComplaintEvent, type NewComplaintEvent } from './complaint.ts';
import { lateness, type Deadlines } from './deadlines.ts';

/**
 * What anyone holding the tracking code may see: the complaint, its status and every step with
 * its date, the departments' replies — never the contact, and never who filed it. Staff names
 * are the token's name (an office, e.g. 沅古坪镇纪委), which is public by design. ID, phone and
 * bank-card numbers typed into the text or a reply are masked here, as on every public page.
 */
export type PublicComplaint = Omit<Complaint, 'contact' | 'anonymous' | 'events'> & {
  /** as shown: ABCDE-FGHJK */
  trackingCode: string;
  statusLabel: string;
  overdue: boolean;
  /** the next deadline, while one runs */
  due: string | null;
  events: PublicEvent[];
};

export type PublicEvent = NewComplaintEvent & { label: string };

export function publicComplaint(c: Complaint, deadlines: Deadlines, now: string): PublicComplaint {
  const late = lateness(c, deadlines, now);
  return {
    trackingCode: displayTrackingCode(c.trackingCode),
    publicId: c.publicId,
    village: c.village,
    category: c.category,
    text: masked(c.text),
    publicationId: c.publicationId,
    row: c.row,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    department: c.department,
    receivedAt: c.receivedAt,
    updatedAt: c.updatedAt,
    overdue: late.late,
    due: late.due,
    events: c.events.map(({ seq: _seq, ...e }) => ({ ...maskEvent(e), label: EVENT_LABEL[e.type] })),
  };
}

export const EVENT_LABEL: Record<ComplaintEvent['type'], string> = {
  received: '已受理',
  dispatch: '转交办理',
  reply: '部门答复',
  close: '办结',
  reopen: '重新办理',
  feedback: '群众评价',
};

// ——— private helpers ———

function masked(text: string): string {
  return maskNumbersInText(text, DEFAULT_ID_MASK).text;
}

function maskEvent(e: NewComplaintEvent): NewComplaintEvent {
  if (e.type === 'reply') return { ...e, text: masked(e.text) };
  if (e.type === 'close') return { ...e, resolution: masked(e.resolution) };
  if (e.type === 'reopen' && e.reason) return { ...e, reason: masked(e.reason) };
  if (e.type === 'feedback' && e.comment) return { ...e, comment: masked(e.comment) };
  return e;
}
