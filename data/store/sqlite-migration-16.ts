import type Database from 'better-sqlite3';
import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 16 (issue 14): what the pages above the counties count of each complaint
 * (data/complaints/complaint-facts.ts's ComplaintFacts), kept beside it by every filing and step in
 * the same transaction, so ComplaintFigureStore reads narrow rows by index instead of every
 * complaint and step. Derived data, not public record: rewritten whenever the complaint changes.
 */
export const migration16: Migration = {
  version: 16,
  name: 'complaint counting facts',
  sql: `
    -- keyed by village first, so the rows under a division are one range of the table itself
    CREATE TABLE complaint_facts (
      village          TEXT NOT NULL,
      complaint        TEXT NOT NULL UNIQUE REFERENCES complaints (tracking_code),
      received_month   TEXT NOT NULL,
      closed           INTEGER NOT NULL CHECK (closed IN (0, 1)),
      closed_month     TEXT,
      waiting_for      TEXT CHECK (waiting_for IN ('dispatch', 'answer')),
      waiting_since_ms INTEGER,
      answer_ms        INTEGER,
      feedbacks        INTEGER NOT NULL,
      satisfied        INTEGER NOT NULL,
      PRIMARY KEY (village, complaint)
    ) WITHOUT ROWID;
  `,
  run: fillComplaintFacts,
};

/**
 * Each stored complaint's facts read from its steps (frozen: complaintFacts has the live rule): the
 * step it waits since (its last receipt or reopening while received, its last dispatch while
 * dispatched), its first reply, its last close while closed, its feedbacks. Exported for the test
 * that it agrees with what filing and updating write.
 */
export function fillComplaintFacts(db: Database.Database): void {
  const ms = (instant: string) => `CAST(round((julianday(${instant}) - 2440587.5) * 86400000) AS INTEGER)`;
  const month = (instant: string) => `strftime('%Y-%m', ${instant}, '+8 hours')`;
  const last = (types: string) => `(SELECT e.at FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type IN (${types}) ORDER BY e.seq DESC LIMIT 1)`;
  db.exec(`
    INSERT OR REPLACE INTO complaint_facts (complaint, village, received_month, closed, closed_month, waiting_for, waiting_since_ms, answer_ms, feedbacks, satisfied)
    SELECT tracking_code, village, ${month('received_at')}, closed, ${month('closed_at')},
           CASE WHEN since IS NOT NULL THEN CASE status WHEN 'received' THEN 'dispatch' ELSE 'answer' END END,
           ${ms('since')}, ${ms('reply_at')} - ${ms('received_at')}, feedbacks, satisfied
    FROM (
      SELECT c.tracking_code, c.village, c.status, c.received_at, c.status = 'closed' AS closed,
             CASE WHEN c.status = 'closed' THEN ${last("'close'")} END AS closed_at,
             CASE c.status WHEN 'received' THEN ${last("'received', 'reopen'")} WHEN 'dispatched' THEN ${last("'dispatch'")} END AS since,
             (SELECT e.at FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type = 'reply' ORDER BY e.seq LIMIT 1) AS reply_at,
             (SELECT count(*) FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type = 'feedback') AS feedbacks,
             (SELECT count(*) FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type = 'feedback' AND e.satisfied = 1) AS satisfied
      FROM complaints c
    )`);
}
