import type { RecordStale } from './outbox.ts';
import type { ComplaintMerges } from '../complaint-merges.ts';
import { complaintStepTombstoneLeaf } from '../../log/log-leaf.ts';
import type { ComplaintStore } from '../store.ts';
import type { ComplaintStepTakedown, ComplaintStepTombstoneResult, ComplaintTakedowns, PhotoTakedowns } from '../takedown-store.ts';
import type { PgClient, PgQueryable } from './client.ts';
import type { PgLog } from './log.ts';
import { toTakedown, type StepTakedownRow } from '../takedown-rows.ts';

/**
 * Complaint step takedowns (schema 7) and the photos only taken-down versions show, in
 * PostgreSQL. A takedown takes the log's head lock first, so two takedowns of one step cannot both
 * write: the second finds the first. `beforeWrite` runs before each takedown, as in
 * sqlite-takedowns.ts: with `complaintWrites(…).settled` a complaint or step this process began to
 * store before the takedown was asked for has committed, and is there to be taken down.
 */
export function createPgTakedowns(db: PgClient, log: PgLog, beforeWrite: () => Promise<void> = async () => {}, stale: RecordStale = async () => {}): ComplaintTakedowns & PhotoTakedowns {
  const forComplaint = async (q: PgQueryable, publicId: string): Promise<ComplaintStepTakedown[]> =>
    PUBLIC_ID.test(publicId)
      ? (await q.query<StepTakedownRow>(`SELECT ${TAKEDOWN_COLUMNS} FROM complaints c JOIN complaint_step_takedowns s ON s.complaint = c.tracking_code WHERE c.public_id = $1 ORDER BY s.seq`, [Number(publicId)])).map(toTakedown)
      : [];

  return {
    async takeDownComplaintStep(complaint, seq, reason, at) {
      const trimmed = reason.trim();
      if (trimmed === '') throw new TypeError(`takedown of step ${seq} of complaint ${complaint}: a reason is required`);
      const notFound: ComplaintStepTombstoneResult = { kind: 'not-found', complaint, seq };
      // a number the columns cannot hold names no step
      if (!PUBLIC_ID.test(complaint) || !Number.isSafeInteger(seq) || seq < 1 || seq > MAX_SEQ) return notFound;
      await beforeWrite();
      return db.transaction(async (tx): Promise<ComplaintStepTombstoneResult> => {
        await log.lock(tx);
        const found = (
          await tx.query<{ tracking_code: string; village: string; step: boolean } & Partial<StepTakedownRow>>(
            `SELECT c.tracking_code, c.village, EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.seq = $2) AS step,
                    c.public_id, s.seq, s.reason, s.at, s.log_index
             FROM complaints c LEFT JOIN complaint_step_takedowns s ON s.complaint = c.tracking_code AND s.seq = $2
             WHERE c.public_id = $1`,
            [Number(complaint), seq],
          )
        )[0];
        if (!found?.step) return notFound;
        if (found.log_index != null) return { kind: 'already-taken-down', takedown: toTakedown(found as StepTakedownRow) };
        const [logIndex] = await log.append(tx, [complaintStepTombstoneLeaf({ complaint, seq, reason: trimmed, at })]);
        await tx.query('INSERT INTO complaint_step_takedowns (complaint, seq, reason, at, log_index) VALUES ($1, $2, $3, $4, $5)', [found.tracking_code, seq, trimmed, at, logIndex]);
        await stale(tx, [{ target: 'village', key: found.village }]);
        return { kind: 'taken-down', takedown: { complaint, seq, reason: trimmed, at, logIndex: logIndex! } };
      });
    },

    complaintStepTakedowns: (complaint) => forComplaint(db, complaint),

    async complaintStepTakedownsOf(complaints) {
      const ids = [...new Set(complaints.filter((c) => PUBLIC_ID.test(c)).map(Number))];
      if (ids.length === 0) return [];
      const rows = await db.query<StepTakedownRow>(
        `SELECT ${TAKEDOWN_COLUMNS} FROM complaints c JOIN complaint_step_takedowns s ON s.complaint = c.tracking_code WHERE c.public_id = ANY($1::bigint[]) ORDER BY c.public_id, s.seq`,
        [ids],
      );
      return rows.map(toTakedown);
    },

    async listComplaintStepTakedowns() {
      return (await db.query<StepTakedownRow>(`SELECT ${TAKEDOWN_COLUMNS} FROM complaint_step_takedowns s JOIN complaints c ON c.tracking_code = s.complaint ORDER BY s.log_index`)).map(toTakedown);
    },

    async takenDownPhotos(ids) {
      if (ids.length === 0) return [];
      // The version that stored a photo shows it; only when that one is down can nobody else be.
      // Then the rare scan of project versions still up: strpos skips the JSON walk for versions
      // that cannot name the id. Answered in the order asked, each id once.
      const rows = await db.query<{ id: string }>(
        `WITH asked AS (SELECT id, min(n) AS n FROM unnest($1::text[]) WITH ORDINALITY AS a(id, n) GROUP BY id)
         SELECT a.id FROM asked a
         WHERE EXISTS (
             SELECT 1 FROM photos ph JOIN takedowns t ON t.publication_id = ph.publication_id WHERE ph.id = a.id)
           AND NOT EXISTS (
             SELECT 1 FROM publications p
             WHERE p.kind = 'project' AND strpos(p.content, a.id) > 0
               AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
               AND EXISTS (
                 SELECT 1 FROM json_array_elements(p.content::json -> 'projects') pr, json_array_elements(pr -> 'photos') shown
                 WHERE shown ->> 'id' = a.id))
         ORDER BY a.n`,
        [[...ids]],
      );
      return rows.map((r) => r.id);
    },
  };
}

/**
 * The complaint store with its writes in flight kept track of. PostgreSQL has no queue to flush as
 * SQLite's group commit has: a filing is a transaction on some pool connection, and one begun a
 * moment before a takedown may reach the log's lock after it (on the server it often does). So a
 * takedown first waits for the writes this process has begun — what SQLite's flush gives; a write
 * begun in another process is seen once it has committed, as there.
 */
export function complaintWrites<S extends ComplaintStore & Partial<ComplaintMerges>>(complaints: S): { store: S; settled: () => Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  const tracked = <T>(write: Promise<T>): Promise<T> => {
    inFlight.add(write);
    const done = () => inFlight.delete(write);
    write.then(done, done);
    return write;
  };
  return {
    store: {
      ...complaints,
      fileComplaint: (complaint) => tracked(complaints.fileComplaint(complaint)),
      updateComplaint: (trackingCode, act) => tracked(complaints.updateComplaint(trackingCode, act)),
      ...(complaints.mergeComplaints ? { mergeComplaints: (from: string, into: string, actor: string, at: string) => tracked(complaints.mergeComplaints!(from, into, actor, at)) } : {}),
    },
    settled: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}

// ——— private helpers ———

const PUBLIC_ID = /^[1-9]\d{0,14}$/;
/** the largest seq complaint_events.seq (integer) holds */
const MAX_SEQ = 2_147_483_647;

const TAKEDOWN_COLUMNS = 'c.public_id, s.seq, s.reason, s.at, s.log_index';
