import type Database from 'better-sqlite3';
import type { Complaint, ComplaintEvent, NewComplaint } from '../complaints/complaint.ts';
import { mergeComplaints, type WorkflowResult } from '../complaints/complaint-workflow.ts';
import type { ComplaintMerges, MergeOutcome } from './complaint-merges.ts';
import { complaintEventLeaf } from '../log/log-leaf.ts';
import type { StalePage } from './page-outbox.ts';
import { numberedEvents } from './event-rows.ts';
import type { LogAppender } from './sqlite-log.ts';
import { checkedComplaint, complaintFactsRow, complaintRow, eventRow, listLimit, toComplaint, toEvent, type ComplaintRow, type EventRow } from './complaint-rows.ts';
import type { ComplaintUpdate, Store } from './store.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * Complaints in SQLite, with group commit. With synchronous=FULL every commit waits for an
 * fsync, so one transaction per complaint would cap filing at the disk's fsync rate. Instead,
 * complaints filed in the same turn of the event loop are queued and written together in one
 * IMMEDIATE transaction (flushed from setImmediate, or at once when GROUP_COMMIT_MAX are waiting);
 * each caller's promise settles only after that transaction has committed, so "resolved" still
 * means "durable". Public ids are max + 1 inside the transaction, in queue order, so they follow
 * filing order across connections and processes too. Every step's transparency-log leaf
 * (data/log/log-leaf.ts) is appended in the transaction that stores the step.
 */
export type ComplaintMethods = Pick<Store, 'fileComplaint' | 'getComplaint' | 'getComplaintByPublicId' | 'listComplaints' | 'updateComplaint'> & ComplaintMerges;

export interface SqliteComplaints extends ComplaintMethods {
  /** Writes the queued complaints now; the store calls it before closing, so none is dropped. */
  flush(): void;
}

/** Complaints waiting that make the queue write at once rather than at the end of the turn. */
export const GROUP_COMMIT_MAX = 256;

export function createSqliteComplaints(db: Database.Database, log: LogAppender, stale: (pages: readonly StalePage[]) => void = () => {}): SqliteComplaints {
  const sql = prepareStatements(db);
  let queue: Pending[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  const insertTx = db.transaction((batch: readonly NewComplaint[]): number[] => {
    let next = (sql.maxPublicId.get() as number) + 1;
    return batch.map((complaint) => {
      const publicId = next++;
      sql.insertComplaint.run(complaintRow(complaint, publicId));
      for (const event of complaint.events) {
        sql.insertEvent.run(eventRow(complaint.trackingCode, event));
        log.append(complaintEventLeaf({ ...complaint, publicId: String(publicId) }, event));
      }
      writeFacts(complaint);
      // the village's complaint figures and the ones above it are stale from this commit on
      stale([{ target: 'village', key: complaint.village }]);
      return publicId;
    });
  });

  const commit = (batch: readonly Pending[]): void => {
    let ids: number[];
    try {
      ids = insertTx.immediate(batch.map((p) => p.complaint));
    } catch (error) {
      // One bad row (a duplicate tracking code, say) must not fail the others: write each alone
      // to find it. A failure of the database itself would only repeat, so everyone gets it.
      if (batch.length === 1 || !db.open || affectsEveryone(error)) for (const p of batch) p.reject(error);
      else for (const p of batch) commit([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve({ ...p.complaint, publicId: String(ids[i]) }));
  };

  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    commit(batch);
  };

  /** The complaint's counting facts (migration 16), rewritten with every change in the same transaction. */
  const writeFacts = (complaint: Parameters<typeof complaintFactsRow>[0]): void => {
    const row = complaintFactsRow(complaint);
    sql.putFacts.run({ ...row, closed: row.closed ? 1 : 0 });
  };

  const readComplaint = (row: ComplaintRow | undefined): Complaint | null =>
    row ? toComplaint(row, (sql.eventsOf.all(row.tracking_code) as EventRow[]).map(toEvent)) : null;

  /** Appends what the workflow decided, in the caller's transaction. */
  const apply = (current: Complaint, result: WorkflowResult & { ok: true }): Complaint => {
    const { trackingCode } = current;
    const { events: added, last } = numberedEvents<ComplaintEvent>(`complaint ${trackingCode}`, current.events, result.events);
    for (const event of added) {
      sql.insertEvent.run(eventRow(trackingCode, event));
      log.append(complaintEventLeaf(current, event));
    }
    sql.setStatus.run(result.status, result.department, last.at, trackingCode);
    const complaint: Complaint = { ...current, status: result.status, department: result.department, updatedAt: last.at, events: [...current.events, ...added] };
    writeFacts(complaint);
    stale([{ target: 'village', key: current.village }]);
    return complaint;
  };

  const updateTx = db.transaction((trackingCode: string, act: (current: Complaint) => WorkflowResult): ComplaintUpdate => {
    const current = readComplaint(sql.byCode.get(trackingCode) as ComplaintRow | undefined);
    if (!current) return { kind: 'not-found', trackingCode };
    const result = act(current);
    if (!result.ok) return { kind: 'invalid-transition', from: result.failure.from, action: result.failure.action };
    return { kind: 'updated', complaint: apply(current, result) };
  });

  const mergeTx = db.transaction((fromId: string, intoId: string, actor: string, at: string): MergeOutcome => {
    const read = (id: string) => (/^[1-9]\d{0,14}$/.test(id) ? readComplaint(sql.byPublicId.get(Number(id)) as ComplaintRow | undefined) : null);
    const from = read(fromId);
    if (!from) return { kind: 'not-found', publicId: fromId };
    const into = read(intoId);
    if (!into) return { kind: 'not-found', publicId: intoId };
    const merge = mergeComplaints(from, into, actor, at);
    if (!merge.ok) return merge.refusal;
    return { kind: 'merged', from: apply(from, merge.from), into: apply(into, merge.into) };
  });

  return {
    flush,

    async fileComplaint(input) {
      const complaint = checkedComplaint(input);
      return new Promise<Complaint>((resolve, reject) => {
        queue.push({ complaint, resolve, reject });
        if (queue.length >= GROUP_COMMIT_MAX) flush();
        else scheduled ??= setImmediate(flush);
      });
    },

    async getComplaint(trackingCode) {
      return readComplaint(sql.byCode.get(trackingCode) as ComplaintRow | undefined);
    },

    async getComplaintByPublicId(publicId) {
      if (!/^[1-9]\d{0,14}$/.test(publicId)) return null;
      return readComplaint(sql.byPublicId.get(Number(publicId)) as ComplaintRow | undefined);
    },

    async listComplaints(filter) {
      const rows = sql.list.all({
        ...prefixBounds(filter.scope),
        status: filter.status ?? null,
        category: filter.category ?? null,
        afterAt: filter.after?.receivedAt ?? null,
        afterId: filter.after ? Number(filter.after.publicId) : null,
        limit: listLimit(filter),
      }) as ComplaintRow[];
      if (rows.length === 0) return [];
      // One query for the events of every listed complaint, not one per complaint.
      const events = new Map<string, ComplaintEvent[]>();
      for (const row of sql.eventsOfMany.all(JSON.stringify(rows.map((r) => r.tracking_code))) as EventRow[]) {
        const list = events.get(row.complaint);
        if (list) list.push(toEvent(row));
        else events.set(row.complaint, [toEvent(row)]);
      }
      return rows.map((row) => toComplaint(row, events.get(row.tracking_code) ?? []));
    },

    async updateComplaint(trackingCode, act) {
      // Complaints filed before this call are written before it, so the order of writes is the order of calls.
      flush();
      return updateTx.immediate(trackingCode, act);
    },

    async mergeComplaints(fromPublicId, intoPublicId, actor, at) {
      flush();
      return mergeTx.immediate(fromPublicId, intoPublicId, actor, at);
    },
  };
}

// ——— private helpers ———

interface Pending {
  complaint: NewComplaint;
  resolve: (complaint: Complaint) => void;
  reject: (error: unknown) => void;
}

function prepareStatements(db: Database.Database) {
  return {
    maxPublicId: db.prepare('SELECT coalesce(max(public_id), 0) FROM complaints').pluck(),
    insertComplaint: db.prepare(
      `INSERT INTO complaints (tracking_code, public_id, village, category, text, publication_id, row,
         contact_name, contact_phone, anonymous, status, department, received_at, updated_at, channel, heard_at, heard_place, recorded_by, power_item)
       VALUES (@tracking_code, @public_id, @village, @category, @text, @publication_id, @row,
         @contact_name, @contact_phone, @anonymous, @status, @department, @received_at, @updated_at, @channel, @heard_at, @heard_place, @recorded_by, @power_item)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO complaint_events (complaint, seq, at, actor, type, department, text, resolution, reason, satisfied, comment, other)
       VALUES (@complaint, @seq, @at, @actor, @type, @department, @text, @resolution, @reason, @satisfied, @comment, @other)`,
    ),
    byCode: db.prepare('SELECT * FROM complaints WHERE tracking_code = ?'),
    byPublicId: db.prepare('SELECT * FROM complaints WHERE public_id = ?'),
    eventsOf: db.prepare('SELECT * FROM complaint_events WHERE complaint = ? ORDER BY seq'),
    eventsOfMany: db.prepare(
      `SELECT e.* FROM json_each(?) AS j JOIN complaint_events e ON e.complaint = j.value ORDER BY e.complaint, e.seq`,
    ),
    list: db.prepare(
      `SELECT * FROM complaints
       WHERE village >= @low AND village < @high
         AND (@status IS NULL OR status = @status) AND (@category IS NULL OR category = @category)
         AND (@afterAt IS NULL OR received_at < @afterAt OR (received_at = @afterAt AND public_id < @afterId))
       ORDER BY received_at DESC, public_id DESC LIMIT @limit`,
    ),
    putFacts: db.prepare(
      // an upsert, not INSERT OR REPLACE: the month counts' triggers (migration 27) see the update
      `INSERT INTO complaint_facts (complaint, village, channel, received_month, closed, closed_month, waiting_for, waiting_since_ms, answer_ms, feedbacks, satisfied)
       VALUES (@complaint, @village, @channel, @received_month, @closed, @closed_month, @waiting_for, @waiting_since_ms, @answer_ms, @feedbacks, @satisfied)
       ON CONFLICT (complaint) DO UPDATE SET village = excluded.village, channel = excluded.channel, received_month = excluded.received_month, closed = excluded.closed,
         closed_month = excluded.closed_month, waiting_for = excluded.waiting_for, waiting_since_ms = excluded.waiting_since_ms,
         answer_ms = excluded.answer_ms, feedbacks = excluded.feedbacks, satisfied = excluded.satisfied`,
    ),
    setStatus: db.prepare('UPDATE complaints SET status = ?, department = ?, updated_at = ? WHERE tracking_code = ?'),
  };
}

/** Failures of the database rather than of a row: retrying row by row would only repeat them. */
function affectsEveryone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CORRUPT|NOTADB|CANTOPEN)/.test(code);
}
