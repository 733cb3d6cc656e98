import type Database from 'better-sqlite3';
import { complaintStepTombstoneLeaf } from '../log/log-leaf.ts';
import type { StalePage } from './page-outbox.ts';
import type { LogAppender } from './sqlite-log.ts';
import type { ComplaintStepTakedown, ComplaintStepTombstoneResult, ComplaintTakedowns, PhotoTakedowns } from './takedown-store.ts';
import { toTakedown, type StepTakedownRow } from './takedown-rows.ts';

/**
 * Complaint step takedowns (table from migration 7) and the photos only taken-down versions show,
 * in SQLite. `beforeWrite` runs before each takedown: the complaint store's group commit writes the
 * complaints still queued, so a step filed before the takedown is there to be taken down.
 */
export function createSqliteTakedowns(
  db: Database.Database,
  log: LogAppender,
  beforeWrite: () => void = () => {},
  stale: (pages: readonly StalePage[]) => void = () => {},
): ComplaintTakedowns & PhotoTakedowns {
  const sql = prepare(db);

  const forComplaint = (publicId: string): ComplaintStepTakedown[] =>
    PUBLIC_ID.test(publicId) ? (sql.ofComplaint.all(Number(publicId)) as StepTakedownRow[]).map(toTakedown) : [];

  const takeDownTx = db.transaction((complaint: string, seq: number, reason: string, at: string): ComplaintStepTombstoneResult => {
    const code = PUBLIC_ID.test(complaint) && Number.isSafeInteger(seq) && seq >= 1 ? (sql.trackingCode.get(Number(complaint)) as string | undefined) : undefined;
    if (code === undefined || !sql.stepExists.get(code, seq)) return { kind: 'not-found', complaint, seq };
    const existing = forComplaint(complaint).find((t) => t.seq === seq);
    if (existing) return { kind: 'already-taken-down', takedown: existing };
    const logIndex = log.append(complaintStepTombstoneLeaf({ complaint, seq, reason, at }));
    sql.insert.run(code, seq, reason, at, logIndex);
    stale([{ target: 'village', key: sql.villageOf.get(code) as string }]);
    return { kind: 'taken-down', takedown: { complaint, seq, reason, at, logIndex } };
  });

  const takenDown = (id: string): boolean => {
    const storedBy = sql.photoStoredBy.get(id) as { publication_id: string; taken_down: number } | undefined;
    // the version that stored a photo shows it; only when that one is down can nobody else be
    if (!storedBy || storedBy.taken_down === 0) return false;
    return !sql.shownByLiveVersion.get(id, id);
  };

  return {
    async takeDownComplaintStep(complaint, seq, reason, at) {
      const trimmed = reason.trim();
      if (trimmed === '') throw new TypeError(`takedown of step ${seq} of complaint ${complaint}: a reason is required`);
      beforeWrite();
      return takeDownTx.immediate(complaint, seq, trimmed, at);
    },

    async complaintStepTakedowns(complaint) {
      return forComplaint(complaint);
    },

    async complaintStepTakedownsOf(complaints) {
      const ids = [...new Set(complaints.filter((c) => PUBLIC_ID.test(c)).map(Number))];
      return ids.length === 0 ? [] : (sql.ofComplaints.all(JSON.stringify(ids)) as StepTakedownRow[]).map(toTakedown);
    },

    async listComplaintStepTakedowns() {
      return (sql.all.all() as StepTakedownRow[]).map(toTakedown);
    },

    async takenDownPhotos(ids) {
      return [...new Set(ids)].filter(takenDown);
    },
  };
}

// ——— private helpers ———

const PUBLIC_ID = /^[1-9]\d{0,14}$/;

const TAKEDOWN_COLUMNS = 'c.public_id, s.seq, s.reason, s.at, s.log_index';

function prepare(db: Database.Database) {
  return {
    trackingCode: db.prepare('SELECT tracking_code FROM complaints WHERE public_id = ?').pluck(),
    villageOf: db.prepare('SELECT village FROM complaints WHERE tracking_code = ?').pluck(),
    stepExists: db.prepare('SELECT 1 FROM complaint_events WHERE complaint = ? AND seq = ?').pluck(),
    insert: db.prepare('INSERT INTO complaint_step_takedowns (complaint, seq, reason, at, log_index) VALUES (?, ?, ?, ?, ?)'),
    ofComplaint: db.prepare(
      `SELECT ${TAKEDOWN_COLUMNS} FROM complaints c JOIN complaint_step_takedowns s ON s.complaint = c.tracking_code
       WHERE c.public_id = ? ORDER BY s.seq`,
    ),
    // the ids as one JSON array: one statement for any number of them
    ofComplaints: db.prepare(
      `SELECT ${TAKEDOWN_COLUMNS} FROM complaints c JOIN complaint_step_takedowns s ON s.complaint = c.tracking_code
       WHERE c.public_id IN (SELECT value FROM json_each(?)) ORDER BY c.public_id, s.seq`,
    ),
    all: db.prepare(`SELECT ${TAKEDOWN_COLUMNS} FROM complaint_step_takedowns s JOIN complaints c ON c.tracking_code = s.complaint ORDER BY s.log_index`),
    photoStoredBy: db.prepare(
      `SELECT ph.publication_id, EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = ph.publication_id) AS taken_down
       FROM photos ph WHERE ph.id = ? LIMIT 1`,
    ),
    // Rare (a photo whose first version was taken down), so a scan of project versions is fine;
    // instr() skips the JSON walk for versions that cannot name the id.
    shownByLiveVersion: db.prepare(
      `SELECT 1 FROM publications p
       WHERE p.kind = 'project' AND instr(p.content, ?) > 0
         AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
         AND EXISTS (
           SELECT 1 FROM json_each(p.content, '$.projects') pr, json_each(pr.value, '$.photos') ph
           WHERE json_extract(ph.value, '$.id') = ?)
       LIMIT 1`,
    ).pluck(),
  };
}
