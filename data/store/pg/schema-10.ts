import type { PgMigration } from './migrations.ts';

const ms = (instant: string) => `(extract(epoch FROM (${instant})::timestamptz) * 1000)::bigint`;
const month = (instant: string) => `to_char((${instant})::timestamptz AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM')`;
const last = (types: string) => `(SELECT e.at FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type IN (${types}) ORDER BY e.seq DESC LIMIT 1)`;

/**
 * Each stored complaint's counting facts read from its steps (frozen: complaintFacts in
 * data/complaints/complaint-facts.ts has the live rule), as SQLite's migration 16 reads them.
 * Exported for the test that it agrees with what filing and updating write.
 */
export const FILL_COMPLAINT_FACTS = `
  INSERT INTO complaint_facts (complaint, village, received_month, closed, closed_month, waiting_for, waiting_since_ms, answer_ms, feedbacks, satisfied)
  SELECT tracking_code, village, ${month('received_at')}, status = 'closed', ${month('closed_at')},
         CASE WHEN since IS NOT NULL THEN CASE status WHEN 'received' THEN 'dispatch' ELSE 'answer' END END,
         ${ms('since')}, ${ms('reply_at')} - ${ms('received_at')}, feedbacks, satisfied
  FROM (
    SELECT c.tracking_code, c.village, c.status, c.received_at,
           CASE WHEN c.status = 'closed' THEN ${last("'close'")} END AS closed_at,
           CASE c.status WHEN 'received' THEN ${last("'received', 'reopen'")} WHEN 'dispatched' THEN ${last("'dispatch'")} END AS since,
           (SELECT e.at FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type = 'reply' ORDER BY e.seq LIMIT 1) AS reply_at,
           (SELECT count(*) FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type = 'feedback') AS feedbacks,
           (SELECT count(*) FROM complaint_events e WHERE e.complaint = c.tracking_code AND e.type = 'feedback' AND e.satisfied) AS satisfied
    FROM complaints c
  ) AS c
  ON CONFLICT (complaint) DO UPDATE SET village = excluded.village, received_month = excluded.received_month, closed = excluded.closed,
    closed_month = excluded.closed_month, waiting_for = excluded.waiting_for, waiting_since_ms = excluded.waiting_since_ms,
    answer_ms = excluded.answer_ms, feedbacks = excluded.feedbacks, satisfied = excluded.satisfied`;

/**
 * PostgreSQL schema 10 (issue 14): what the pages above the counties count of each complaint, as
 * SQLite's migration 16 — kept beside it by every filing and step in the same transaction, so
 * ComplaintFigureStore reads narrow rows by index. Derived data, rewritten as the complaint changes.
 */
export const pgSchema10: PgMigration = {
  version: 10,
  name: 'complaint counting facts',
  sql: `
    CREATE TABLE complaint_facts (
      complaint        text COLLATE "C" PRIMARY KEY REFERENCES complaints (tracking_code),
      village          text COLLATE "C" NOT NULL,
      received_month   text COLLATE "C" NOT NULL,
      closed           boolean NOT NULL,
      closed_month     text COLLATE "C",
      waiting_for      text CHECK (waiting_for IN ('dispatch', 'answer')),
      waiting_since_ms bigint,
      answer_ms        bigint,
      feedbacks        integer NOT NULL,
      satisfied        integer NOT NULL
    );
    CREATE INDEX complaint_facts_village ON complaint_facts (village);
    ${FILL_COMPLAINT_FACTS};
  `,
};
