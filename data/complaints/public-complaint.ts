import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import type { ComplaintStepTakedown } from '../store/takedown-store.ts';
import { displayTrackingCode } from './tracking-code.ts';
import { STATUS_LABEL, type Complaint, type ComplaintEvent, type NewComplaintEvent } from './complaint.ts';
import { lateness, type Deadlines } from './deadlines.ts';
import { CHANNEL_LABEL } from './complaint-channel.ts';
import { currentPowerItem, mergedInto } from './complaint-workflow.ts';

/**
 * What anyone holding the tracking code may see: the complaint, its status and every step with
 * its date, the departments' replies — never the contact, and never who filed it. Staff names
 * are the token's name (an office, e.g. 沅古坪镇纪委), which is public by design. ID, phone and
 * bank-card numbers typed into the text, a reply, a department or a name are masked here, as on
 * every public page.
 *
 * A step taken down (ComplaintTakedowns) keeps its type, date and actor; its words are replaced by
 * 已撤下 and the reason, and `takenDown` says when and which log leaf records it. The stored step
 * and its leaf are unchanged (staff still read the original), so its hash still verifies.
 */
export type PublicComplaint = Omit<Complaint, 'contact' | 'anonymous' | 'events'> & {
  /** as shown: ABCDE-FGHJK */
  trackingCode: string;
  statusLabel: string;
  channelLabel: string;
  /** the 小微权力 item it concerns as it stands (complaint-workflow.ts currentPowerItem), or null */
  powerItem: string | null;
  /** 我也遇到: how many other villagers said they have the same problem (issue 17) */
  supporters: number;
  /** the complaint this one was merged into, and those merged into this one (public ids) */
  mergedInto: string | null;
  mergedFrom: string[];
  overdue: boolean;
  /** the next deadline, while one runs */
  due: string | null;
  events: PublicEvent[];
};

export type PublicEvent = NewComplaintEvent & { label: string; takenDown: PublicStepTakedown | null };

export interface PublicStepTakedown {
  reason: string;
  at: string;
  /** the complaint-step-tombstone's leaf */
  logIndex: number;
}

/** What a public view needs of a step's takedown: ComplaintTakedowns.complaintStepTakedowns gives it. */
export type StepTakedown = Pick<ComplaintStepTakedown, 'seq' | 'reason' | 'at' | 'logIndex'>;

/**
 * The public view. `takedowns` are the complaint's steps taken down (complaintStepTakedowns of its
 * public id); pass every one, or their words are shown.
 */
export function publicComplaint(c: Complaint, deadlines: Deadlines, now: string, takedowns: readonly StepTakedown[] = []): PublicComplaint {
  const late = lateness(c, deadlines, now);
  const down = new Map(takedowns.map((t) => [t.seq, { reason: masked(t.reason), at: t.at, logIndex: t.logIndex }]));
  const received = down.get(c.events[0]?.seq ?? 1);
  return {
    trackingCode: displayTrackingCode(c.trackingCode),
    publicId: c.publicId,
    village: c.village,
    category: c.category,
    text: received ? takenDownText(received) : masked(c.text),
    publicationId: c.publicationId,
    row: c.row,
    status: c.status,
    statusLabel: mergedInto(c) !== null ? '已合并办理' : STATUS_LABEL[c.status],
    channel: c.channel,
    channelLabel: CHANNEL_LABEL[c.channel],
    intake: c.intake && { heardAt: c.intake.heardAt, place: c.intake.place === null ? null : masked(c.intake.place), recordedBy: masked(c.intake.recordedBy), powerItem: c.intake.powerItem },
    // the 小微权力 item as it stands (currentPowerItem): the intake's, or the latest 确定 step's
    powerItem: currentPowerItem(c),
    supporters: c.events.filter((e) => e.type === 'support').length,
    mergedInto: mergedInto(c),
    mergedFrom: c.events.flatMap((e) => (e.type === 'merge-from' ? [e.from] : [])),
    department: publicDepartment(c, takedowns),
    receivedAt: c.receivedAt,
    updatedAt: c.updatedAt,
    overdue: late.late,
    due: late.due,
    events: c.events.map(({ seq, ...e }) => {
      const t = down.get(seq) ?? null;
      return { ...(t ? hideEvent(e, t) : maskEvent(e)), label: EVENT_LABEL[e.type], takenDown: t };
    }),
  };
}

/**
 * The department the complaint was last sent to, as the public may see it: numbers masked, and
 * none when the dispatch that named it was taken down. Open311's agency_responsible is this too.
 */
export function publicDepartment(c: Pick<Complaint, 'department' | 'events'>, takedowns: readonly Pick<StepTakedown, 'seq'>[] = []): string | null {
  if (c.department === null) return null;
  const last = c.events.filter((e) => e.type === 'dispatch').at(-1);
  if (last && takedowns.some((t) => t.seq === last.seq)) return null;
  return masked(c.department);
}

/** Step takedowns (complaintStepTakedownsOf) grouped by the complaint's public id, for views of many complaints (Open311's lists, the similar ones). */
export function takedownsByComplaint(takedowns: readonly ComplaintStepTakedown[]): ReadonlyMap<string, ComplaintStepTakedown[]> {
  const by = new Map<string, ComplaintStepTakedown[]>();
  for (const t of takedowns) by.set(t.complaint, [...(by.get(t.complaint) ?? []), t]);
  return by;
}

/** What a step taken down shows instead of its words. */
export function takenDownText(t: Pick<PublicStepTakedown, 'reason'>): string {
  return `已撤下（原因：${t.reason}）`;
}

export const EVENT_LABEL: Record<ComplaintEvent['type'], string> = {
  received: '已受理',
  dispatch: '转交办理',
  reply: '部门答复',
  close: '办结',
  reopen: '重新办理',
  feedback: '群众评价',
  support: '又一位村民反映遇到同样问题',
  'merge-into': '并入另一件合并办理',
  'merge-from': '合并同一问题的反映',
  classify: '确定涉及的小微权力事项',
};

// ——— private helpers ———

function masked(text: string): string {
  return maskNumbersInText(text, DEFAULT_ID_MASK).text;
}

function maskEvent(e: NewComplaintEvent): NewComplaintEvent {
  const actor = masked(e.actor);
  switch (e.type) {
    case 'received':
      return { ...e, actor };
    case 'dispatch':
      return { ...e, actor, department: masked(e.department) };
    case 'reply':
      return { ...e, actor, text: masked(e.text) };
    case 'close':
      return { ...e, actor, resolution: masked(e.resolution) };
    case 'reopen':
      return { ...e, actor, reason: e.reason === null ? null : masked(e.reason) };
    case 'feedback':
      return { ...e, actor, comment: e.comment === null ? null : masked(e.comment) };
    case 'support':
    case 'merge-into':
    case 'merge-from':
    case 'classify':
      return { ...e, actor };
  }
}

/** Every field of words replaced by the notice; the type, date, actor and a rating stay. */
function hideEvent(e: NewComplaintEvent, t: PublicStepTakedown): NewComplaintEvent {
  const notice = takenDownText(t);
  const actor = masked(e.actor);
  switch (e.type) {
    case 'received':
      return { ...e, actor };
    case 'dispatch':
      return { ...e, actor, department: notice };
    case 'reply':
      return { ...e, actor, text: notice };
    case 'close':
      return { ...e, actor, resolution: notice };
    case 'reopen':
      return { ...e, actor, reason: notice };
    case 'feedback':
      return { ...e, actor, comment: notice };
    case 'support':
    case 'merge-into':
    case 'merge-from':
    case 'classify':
      return { ...e, actor };
  }
}
