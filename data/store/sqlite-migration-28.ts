import type { Migration } from './sqlite-migration.ts';

/** The sums of the complaints' facts already stored (and the check of what the triggers keep). */
export const FILL_COMPLAINT_COUNTY_SUMS = `
    INSERT INTO complaint_county_sums (county, channel, received, closed, answered, feedbacks, satisfied)
      SELECT substr(village, 1, 6), channel, count(*), sum(closed), count(answer_ms), sum(feedbacks), sum(satisfied)
      FROM complaint_facts GROUP BY 1, 2`;
export const FILL_COMPLAINT_ANSWER_DAYS = `
    INSERT INTO complaint_answer_days (city, day, answers)
      SELECT substr(village, 1, 4), max(answer_ms, 0) / 86400000, count(*) FROM complaint_facts WHERE answer_ms IS NOT NULL GROUP BY 1, 2`;

const plus = (row: 'NEW') => `
      INSERT INTO complaint_county_sums (county, channel, received, closed, answered, feedbacks, satisfied)
        VALUES (substr(${row}.village, 1, 6), ${row}.channel, 1, ${row}.closed, ${row}.answer_ms IS NOT NULL, ${row}.feedbacks, ${row}.satisfied)
        ON CONFLICT (county, channel) DO UPDATE SET received = received + excluded.received, closed = closed + excluded.closed,
          answered = answered + excluded.answered, feedbacks = feedbacks + excluded.feedbacks, satisfied = satisfied + excluded.satisfied;
      INSERT INTO complaint_answer_days (city, day, answers) SELECT substr(${row}.village, 1, 4), max(${row}.answer_ms, 0) / 86400000, 1 WHERE ${row}.answer_ms IS NOT NULL
        ON CONFLICT (city, day) DO UPDATE SET answers = answers + 1;`;
const minus = (row: 'OLD') => `
      UPDATE complaint_county_sums SET received = received - 1, closed = closed - ${row}.closed, answered = answered - (${row}.answer_ms IS NOT NULL),
          feedbacks = feedbacks - ${row}.feedbacks, satisfied = satisfied - ${row}.satisfied
        WHERE county = substr(${row}.village, 1, 6) AND channel = ${row}.channel;
      UPDATE complaint_answer_days SET answers = answers - 1 WHERE city = substr(${row}.village, 1, 4) AND day = max(${row}.answer_ms, 0) / 86400000;`;

/**
 * Migration 28 (issue 14), as PostgreSQL's schema 23: the rest of a page's complaint figures above
 * the counties without reading every complaint under it. Kept per county and channel: complaints
 * received, closed and answered, feedbacks and satisfied ones; per city and whole day of answer
 * time (answer-days.ts; one stamped before its receipt in day 0): how many first answers took it,
 * so the median reads one day's answers. Overdue is counted from the complaints still waiting only
 * (a partial index). Row triggers move the sums as migration 27's move the month counts. Summed
 * from the facts already stored.
 */
export const migration28: Migration = {
  version: 28,
  name: 'complaint sums per county and channel, answers per city and day',
  sql: `
    CREATE TABLE complaint_county_sums (
      county    TEXT NOT NULL,
      channel   TEXT NOT NULL,
      received  INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
      closed    INTEGER NOT NULL DEFAULT 0 CHECK (closed >= 0),
      answered  INTEGER NOT NULL DEFAULT 0 CHECK (answered >= 0),
      feedbacks INTEGER NOT NULL DEFAULT 0 CHECK (feedbacks >= 0),
      satisfied INTEGER NOT NULL DEFAULT 0 CHECK (satisfied >= 0),
      PRIMARY KEY (county, channel)
    ) WITHOUT ROWID;
    CREATE TABLE complaint_answer_days (
      city    TEXT NOT NULL,
      day     INTEGER NOT NULL,
      answers INTEGER NOT NULL DEFAULT 0 CHECK (answers >= 0),
      PRIMARY KEY (city, day)
    ) WITHOUT ROWID;
    ${FILL_COMPLAINT_COUNTY_SUMS};
    ${FILL_COMPLAINT_ANSWER_DAYS};
    CREATE INDEX complaint_facts_waiting ON complaint_facts (waiting_for, waiting_since_ms) WHERE waiting_for IS NOT NULL;
    CREATE INDEX complaint_facts_answers ON complaint_facts (answer_ms) WHERE answer_ms IS NOT NULL;
    CREATE TRIGGER complaint_facts_sums_insert AFTER INSERT ON complaint_facts BEGIN ${plus('NEW')}
    END;
    CREATE TRIGGER complaint_facts_sums_delete AFTER DELETE ON complaint_facts BEGIN ${minus('OLD')}
    END;
    CREATE TRIGGER complaint_facts_sums_update AFTER UPDATE OF village, channel, closed, answer_ms, feedbacks, satisfied ON complaint_facts
      WHEN OLD.village IS NOT NEW.village OR OLD.channel IS NOT NEW.channel OR OLD.closed IS NOT NEW.closed
        OR OLD.answer_ms IS NOT NEW.answer_ms OR OLD.feedbacks IS NOT NEW.feedbacks OR OLD.satisfied IS NOT NEW.satisfied
    BEGIN ${minus('OLD')} ${plus('NEW')}
    END;
  `,
};
