import type { Complaint, ComplaintEvent, ComplaintStatus, NewComplaint } from '../complaints/complaint.ts';
import type { ComplaintChannel } from '../complaints/complaint-channel.ts';
import { normaliseTrackingCode } from '../complaints/tracking-code.ts';
import { complaintFacts } from '../complaints/complaint-facts.ts';
import type { ComplaintFilter } from './store.ts';

/**
 * Complaints as rows, shared by the SQLite and PostgreSQL backends: the checks a complaint passes
 * before it is stored, the list limit, and the typed step to and from its row. SQLite writes its
 * booleans as 0 / 1, PostgreSQL as booleans; both read back the same.
 */

export const DEFAULT_COMPLAINT_LIMIT = 1_000;
export const MAX_COMPLAINT_LIMIT = 5_000;

export interface ComplaintRow {
  tracking_code: string;
  public_id: number;
  village: string;
  category: string;
  text: string;
  publication_id: string | null;
  row: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  anonymous: number | boolean;
  status: string;
  department: string | null;
  received_at: string;
  updated_at: string;
  /** issue 17 (SQLite migration 18, PostgreSQL schema 12) */
  channel: string;
  heard_at: string | null;
  heard_place: string | null;
  recorded_by: string | null;
  /** issue 17 (SQLite migration 21, PostgreSQL schema 15); undefined in a row read before them */
  power_item?: string | null;
}

export interface EventRow {
  complaint: string;
  seq: number;
  at: string;
  actor: string;
  type: string;
  department: string | null;
  text: string | null;
  resolution: string | null;
  reason: string | null;
  satisfied: number | boolean | null;
  comment: string | null;
  /** the other complaint's public id, for `merge-into` and `merge-from`; the power item (or null) for `classify` (issue 17) */
  other: string | null;
}

/**
 * A malformed complaint is a caller bug: refused before it joins a batch, where it would cost
 * the others a retry. Returns a copy (the caller may reuse its object) with an empty contact as null.
 */
export function checkedComplaint(input: NewComplaint): NewComplaint {
  const problem =
    normaliseTrackingCode(input.trackingCode) !== input.trackingCode
      ? 'the tracking code is not in canonical form'
      : !/^\d{12}$/.test(input.village)
        ? 'the village is not a 12-digit code'
        : input.events[0]?.type !== 'received'
          ? 'the first event must be `received`'
          : input.events.some((e, i) => e.seq !== i + 1)
            ? 'events must be numbered 1, 2, 3 …'
            : input.anonymous && input.contact && (input.contact.name !== null || input.contact.phone !== null)
              ? 'an anonymous complaint keeps no contact'
              : (input.channel === 'portal') !== (input.intake === null)
                ? 'a complaint recorded by staff has an intake, one filed on the portal none'
                : null;
  if (problem) throw new TypeError(`complaint ${input.trackingCode}: ${problem}`);
  const contact = input.contact && (input.contact.name !== null || input.contact.phone !== null) ? { ...input.contact } : null;
  return { ...input, contact, intake: input.intake && { ...input.intake }, events: input.events.map((e) => ({ ...e })) };
}

export function listLimit(filter: ComplaintFilter): number {
  const limit = filter.limit ?? DEFAULT_COMPLAINT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0, not ${limit}`);
  return Math.min(limit, MAX_COMPLAINT_LIMIT);
}

export function complaintRow(c: NewComplaint, publicId: number): ComplaintRow {
  return {
    tracking_code: c.trackingCode,
    public_id: publicId,
    village: c.village,
    category: c.category,
    text: c.text,
    publication_id: c.publicationId,
    row: c.row,
    contact_name: c.contact?.name ?? null,
    contact_phone: c.contact?.phone ?? null,
    anonymous: c.anonymous ? 1 : 0,
    status: c.status,
    department: c.department,
    received_at: c.receivedAt,
    updated_at: c.updatedAt,
    channel: c.channel,
    heard_at: c.intake?.heardAt ?? null,
    heard_place: c.intake?.place ?? null,
    recorded_by: c.intake?.recordedBy ?? null,
    power_item: c.intake?.powerItem ?? null,
  };
}

export function toComplaint(row: ComplaintRow, events: ComplaintEvent[]): Complaint {
  return {
    trackingCode: row.tracking_code,
    publicId: String(row.public_id),
    village: row.village,
    category: row.category,
    text: row.text,
    publicationId: row.publication_id,
    row: row.row,
    contact: row.contact_name === null && row.contact_phone === null ? null : { name: row.contact_name, phone: row.contact_phone },
    anonymous: row.anonymous === 1 || row.anonymous === true,
    // the table's CHECK admits only the four statuses
    status: row.status as ComplaintStatus,
    department: row.department,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    // the table's CHECK admits only the channels of complaint-channel.ts
    channel: row.channel as ComplaintChannel,
    intake: row.heard_at === null ? null : { heardAt: row.heard_at, place: row.heard_place, recordedBy: row.recorded_by ?? '', powerItem: row.power_item ?? null },
    events,
  };
}

export function eventRow(complaint: string, e: ComplaintEvent): EventRow {
  return {
    complaint,
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    type: e.type,
    department: e.type === 'dispatch' ? e.department : null,
    text: e.type === 'reply' ? e.text : null,
    resolution: e.type === 'close' ? e.resolution : null,
    reason: e.type === 'reopen' ? e.reason : null,
    satisfied: e.type === 'feedback' ? (e.satisfied ? 1 : 0) : null,
    comment: e.type === 'feedback' ? e.comment : null,
    other: e.type === 'merge-into' ? e.into : e.type === 'merge-from' ? e.from : e.type === 'classify' ? e.powerItem : null,
  };
}

/** An event as stored, back to its typed form (also read by the log's backfill, migration 5). */
export function toEvent(row: EventRow): ComplaintEvent {
  const base = { seq: row.seq, at: row.at, actor: row.actor };
  switch (row.type) {
    case 'received':
      return { ...base, type: 'received' };
    case 'dispatch':
      return { ...base, type: 'dispatch', department: row.department ?? '' };
    case 'reply':
      return { ...base, type: 'reply', text: row.text ?? '' };
    case 'close':
      return { ...base, type: 'close', resolution: row.resolution ?? '' };
    case 'reopen':
      return { ...base, type: 'reopen', reason: row.reason };
    case 'feedback':
      return { ...base, type: 'feedback', satisfied: row.satisfied === 1 || row.satisfied === true, comment: row.comment };
    case 'support':
      return { ...base, type: 'support' };
    case 'merge-into':
      return { ...base, type: 'merge-into', into: row.other ?? '' };
    case 'merge-from':
      return { ...base, type: 'merge-from', from: row.other ?? '' };
    case 'classify':
      return { ...base, type: 'classify', powerItem: row.other };
    default:
      throw new Error(`complaint ${row.complaint} event ${row.seq}: unknown type ${row.type}`);
  }
}

/** A complaint's counting facts (complaint-facts.ts) as both backends store them, beside the complaint. */
export interface ComplaintFactsRow {
  complaint: string;
  village: string;
  /** issue 17 (SQLite migration 18, PostgreSQL schema 12) */
  channel: string;
  received_month: string;
  closed: boolean;
  closed_month: string | null;
  waiting_for: 'dispatch' | 'answer' | null;
  waiting_since_ms: number | null;
  answer_ms: number | null;
  feedbacks: number;
  satisfied: number;
}

export function complaintFactsRow(complaint: Pick<Complaint, 'trackingCode' | 'village' | 'status' | 'events' | 'receivedAt'> & Partial<Pick<Complaint, 'channel'>>): ComplaintFactsRow {
  const f = complaintFacts(complaint);
  return {
    complaint: complaint.trackingCode,
    village: f.village,
    channel: f.channel,
    received_month: f.receivedMonth,
    closed: f.closed,
    closed_month: f.closedMonth,
    waiting_for: f.waitingFor,
    waiting_since_ms: f.waitingSinceMs,
    answer_ms: f.answerMs,
    feedbacks: f.feedbacks,
    satisfied: f.satisfied,
  };
}
