import type { RecordStale } from './outbox.ts';
import { numberedEvents } from '../event-rows.ts';
import type { Complaint, ComplaintEvent, NewComplaint } from '../../complaints/complaint.ts';
import { complaintEventLeaf } from '../../log/log-leaf.ts';
import { mergeComplaints, type WorkflowResult } from '../../complaints/complaint-workflow.ts';
import type { ComplaintMerges, MergeOutcome } from '../complaint-merges.ts';
import { checkedComplaint, complaintFactsRow, complaintRow, eventRow, listLimit, toComplaint, toEvent, type ComplaintFactsRow, type ComplaintRow, type EventRow } from '../complaint-rows.ts';
import type { ComplaintStore } from '../store.ts';
import type { PgClient, PgQueryable } from './client.ts';
import type { PgLog } from './log.ts';
import { prefixRange } from './sql.ts';

/**
 * Complaints in PostgreSQL (schema 5). Filing takes the log's lock first, so the public id it
 * reads as max + 1 is given once and in commit order, across connections and processes; the
 * complaint, its first step and the step's leaf commit together. An update locks the complaint's
 * row as well, so two staff acting at once cannot both start from the same status.
 *
 * Within a process, complaints filed in one turn of the event loop are written together, in call
 * order, in one transaction, and batches one after another — as the SQLite backend does — so
 * public ids follow filing order (a pool of connections would otherwise race for the lock), and a
 * burst costs one commit. A batch that fails is written again one complaint at a time, so one bad
 * complaint (a tracking code taken) fails alone.
 */
export function createPgComplaints(db: PgClient, log: PgLog, stale: RecordStale = async () => {}): ComplaintStore & ComplaintMerges {
  const eventsOf = async (q: PgQueryable, codes: readonly string[]): Promise<Map<string, ComplaintEvent[]>> => {
    const byComplaint = new Map<string, ComplaintEvent[]>();
    if (codes.length === 0) return byComplaint;
    for (const row of await q.query<EventRow>('SELECT * FROM complaint_events WHERE complaint = ANY($1::text[]) ORDER BY complaint, seq', [codes])) {
      const list = byComplaint.get(row.complaint);
      if (list) list.push(toEvent(row));
      else byComplaint.set(row.complaint, [toEvent(row)]);
    }
    return byComplaint;
  };
  const readOne = async (q: PgQueryable, where: string, value: string | number, lock = false): Promise<Complaint | null> => {
    const row = (await q.query<ComplaintRow>(`SELECT * FROM complaints WHERE ${where} = $1${lock ? ' FOR UPDATE' : ''}`, [value]))[0];
    return row ? toComplaint(row, (await eventsOf(q, [row.tracking_code])).get(row.tracking_code) ?? []) : null;
  };
  /** Steps of one or more complaints, in one statement. */
  const insertEvents = async (tx: PgQueryable, steps: ReadonlyArray<{ trackingCode: string; event: ComplaintEvent }>) => {
    const rows = steps.map((s) => eventRow(s.trackingCode, s.event));
    const col = <K extends keyof EventRow>(k: K) => rows.map((r) => r[k]);
    await tx.query(
      `INSERT INTO complaint_events (complaint, seq, at, actor, type, department, text, resolution, reason, satisfied, comment, other)
       SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[])`,
      [col('complaint'), col('seq'), col('at'), col('actor'), col('type'), col('department'), col('text'), col('resolution'), col('reason'), rows.map((r) => (r.satisfied === null ? null : r.satisfied === 1 || r.satisfied === true)), col('comment'), col('other')],
    );
  };

  /** The complaints' counting facts (schema 10), rewritten with every change in the same transaction. */
  const writeFacts = async (tx: PgQueryable, complaints: readonly Parameters<typeof complaintFactsRow>[0][]) => {
    const rows = complaints.map(complaintFactsRow);
    const col = <K extends keyof ComplaintFactsRow>(k: K) => rows.map((r) => r[k]);
    await tx.query(
      `INSERT INTO complaint_facts (complaint, village, received_month, closed, closed_month, waiting_for, waiting_since_ms, answer_ms, feedbacks, satisfied, channel)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::integer[], $10::integer[], $11::text[])
       ON CONFLICT (complaint) DO UPDATE SET village = excluded.village, channel = excluded.channel, received_month = excluded.received_month, closed = excluded.closed,
         closed_month = excluded.closed_month, waiting_for = excluded.waiting_for, waiting_since_ms = excluded.waiting_since_ms,
         answer_ms = excluded.answer_ms, feedbacks = excluded.feedbacks, satisfied = excluded.satisfied`,
      [col('complaint'), col('village'), col('received_month'), col('closed'), col('closed_month'), col('waiting_for'), col('waiting_since_ms'), col('answer_ms'), col('feedbacks'), col('satisfied'), col('channel')],
    );
  };

  /** Appends what the workflow decided, in the caller's transaction (which holds the log's lock). */
  const apply = async (tx: PgQueryable, current: Complaint, result: WorkflowResult & { ok: true }): Promise<Complaint> => {
    const { trackingCode } = current;
    const { events: added, last } = numberedEvents<ComplaintEvent>(`complaint ${trackingCode}`, current.events, result.events);
    await insertEvents(tx, added.map((event) => ({ trackingCode, event })));
    await log.append(tx, added.map((e) => complaintEventLeaf(current, e)));
    await tx.query('UPDATE complaints SET status = $1, department = $2, updated_at = $3 WHERE tracking_code = $4', [result.status, result.department, last.at, trackingCode]);
    const complaint: Complaint = { ...current, status: result.status, department: result.department, updatedAt: last.at, events: [...current.events, ...added] };
    await writeFacts(tx, [complaint]);
    await stale(tx, [{ target: 'village', key: current.village }]);
    return complaint;
  };

  // A batch in four statements and one append, whatever its size (a burst of 5,000 is one commit).
  const insertBatch = (batch: readonly NewComplaint[]) =>
    db.transaction(async (tx) => {
      await log.lock(tx);
      const first = Number((await tx.query<{ n: number | string }>('SELECT coalesce(max(public_id), 0) + 1 AS n FROM complaints'))[0]!.n);
      const ids = batch.map((_, i) => first + i);
      const rows = batch.map((c, i) => complaintRow(c, ids[i]!));
      const col = <K extends keyof ComplaintRow>(k: K) => rows.map((r) => r[k]);
      await tx.query(
        `INSERT INTO complaints (tracking_code, public_id, village, category, text, publication_id, row, contact_name, contact_phone, anonymous, status, department, received_at, updated_at,
           channel, heard_at, heard_place, recorded_by, power_item)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[], $13::text[], $14::text[],
           $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])`,
        [col('tracking_code'), ids, col('village'), col('category'), col('text'), col('publication_id'), col('row'), col('contact_name'), col('contact_phone'), batch.map((c) => c.anonymous), col('status'), col('department'), col('received_at'), col('updated_at'),
          col('channel'), col('heard_at'), col('heard_place'), col('recorded_by'), col('power_item')],
      );
      await insertEvents(tx, batch.flatMap((c) => c.events.map((event) => ({ trackingCode: c.trackingCode, event }))));
      await writeFacts(tx, batch);
      await log.append(tx, batch.flatMap((c, i) => c.events.map((e) => complaintEventLeaf({ ...c, publicId: String(ids[i]) }, e))));
      // the villages' complaint figures and the ones above them are stale from this commit on
      await stale(tx, batch.map((c) => ({ target: 'village', key: c.village })));
      return ids;
    });

  const commit = async (batch: readonly Pending[]): Promise<void> => {
    try {
      const ids = await insertBatch(batch.map((p) => p.complaint));
      batch.forEach((p, i) => p.resolve({ ...p.complaint, publicId: String(ids[i]) }));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const p of batch) await commit([p]);
    }
  };

  let queue: Pending[] = [];
  let scheduled = false;
  // One batch at a time, after the one before it, so ids follow call order across batches too;
  // what is filed while a batch commits waits and goes in the next, whole: filings that arrive a
  // few at a time (over HTTP) still share commits instead of queueing one commit each.
  let inFlight: Promise<void> | null = null;
  const flush = (): Promise<void> => {
    scheduled = false;
    if (inFlight) return inFlight.then(flush);
    if (queue.length === 0) return Promise.resolve();
    const batch = queue;
    queue = [];
    const current = commit(batch).finally(() => {
      inFlight = null;
      if (queue.length > 0 && !scheduled) void flush();
    });
    inFlight = current;
    return current;
  };

  return {
    async fileComplaint(input) {
      const complaint = checkedComplaint(input);
      return new Promise<Complaint>((resolve, reject) => {
        queue.push({ complaint, resolve, reject });
        if (queue.length >= GROUP_COMMIT_MAX) void flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      });
    },

    getComplaint: (trackingCode) => readOne(db, 'tracking_code', trackingCode),

    async getComplaintByPublicId(publicId) {
      if (!/^[1-9]\d{0,14}$/.test(publicId)) return null;
      return readOne(db, 'public_id', Number(publicId));
    },

    async listComplaints(filter) {
      const [low, high] = prefixRange(filter.scope);
      const rows = await db.query<ComplaintRow>(
        `SELECT * FROM complaints WHERE village >= $1 AND village < $2
           AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR category = $4)
           AND ($6::text IS NULL OR (received_at, public_id) < ($6, $7::bigint))
         ORDER BY received_at DESC, public_id DESC LIMIT $5`,
        [low, high, filter.status ?? null, filter.category ?? null, listLimit(filter), filter.after?.receivedAt ?? null, filter.after ? Number(filter.after.publicId) : null],
      );
      const events = await eventsOf(db, rows.map((r) => r.tracking_code));
      return rows.map((row) => toComplaint(row, events.get(row.tracking_code) ?? []));
    },

    updateComplaint: async (trackingCode, act) => {
      // complaints filed before this call are written before it: the order of writes is the order of calls
      await flush();
      return db.transaction(async (tx) => {
        await log.lock(tx);
        const current = await readOne(tx, 'tracking_code', trackingCode, true);
        if (!current) return { kind: 'not-found' as const, trackingCode };
        const result = act(current);
        if (!result.ok) return { kind: 'invalid-transition' as const, from: result.failure.from, action: result.failure.action };
        return { kind: 'updated' as const, complaint: await apply(tx, current, result) };
      });
    },

    mergeComplaints: async (fromPublicId, intoPublicId, actor, at): Promise<MergeOutcome> => {
      await flush();
      return db.transaction(async (tx) => {
        // the log's lock first, as every complaint write takes it: the two rows are then locked in no race
        await log.lock(tx);
        const read = async (id: string) => (/^[1-9]\d{0,14}$/.test(id) ? readOne(tx, 'public_id', Number(id), true) : null);
        const from = await read(fromPublicId);
        if (!from) return { kind: 'not-found' as const, publicId: fromPublicId };
        const into = await read(intoPublicId);
        if (!into) return { kind: 'not-found' as const, publicId: intoPublicId };
        const merge = mergeComplaints(from, into, actor, at);
        if (!merge.ok) return merge.refusal;
        return { kind: 'merged' as const, from: await apply(tx, from, merge.from), into: await apply(tx, into, merge.into) };
      });
    },
  };
}

interface Pending {
  complaint: NewComplaint;
  resolve: (complaint: Complaint) => void;
  reject: (error: unknown) => void;
}

/** Complaints waiting that make the queue write at once rather than at the end of the turn (as SQLite's). */
const GROUP_COMMIT_MAX = 256;
