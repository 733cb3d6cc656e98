import { anyChanged, deltaTriggers } from './delta-triggers.ts';
import type { PgMigration } from './migrations.ts';

/** The sums of the complaints' facts already stored (and the check of what the triggers keep). */
export const FILL_COMPLAINT_COUNTY_SUMS = `
    INSERT INTO complaint_county_sums (county, channel, received, closed, answered, feedbacks, satisfied)
      SELECT left(village, 6), channel, count(*), count(*) FILTER (WHERE closed), count(answer_ms), sum(feedbacks), sum(satisfied)
      FROM complaint_facts GROUP BY 1, 2`;
export const FILL_COMPLAINT_ANSWER_DAYS = `
    INSERT INTO complaint_answer_days (city, day, answers)
      SELECT left(village, 4), div(greatest(answer_ms, 0), 86400000), count(*) FROM complaint_facts WHERE answer_ms IS NOT NULL GROUP BY 1, 2`;

/**
 * Schema 23 (issue 14), as SQLite's migration 28: the rest of a page's complaint figures above the
 * counties without reading every complaint under it. Kept per county and channel: complaints
 * received, closed and answered, feedbacks and satisfied ones; per city and whole day of answer
 * time (answer-days.ts; one stamped before its receipt in day 0): how many first answers took it,
 * so the median reads one day's answers. Overdue is counted from the complaints still waiting only
 * (a partial index). The triggers (delta-triggers.ts) move the sums as schema 22's move the month
 * counts: from the facts' rows before and after a write, keys in order.
 */
export const pgSchema23: PgMigration = {
  version: 23,
  name: 'complaint sums per county and channel, answers per city and day',
  sql: `
    CREATE TABLE complaint_county_sums (
      county    text COLLATE "C" NOT NULL,
      channel   text COLLATE "C" NOT NULL,
      -- never below 0; no CHECK, for the reason of schema 22
      received  bigint NOT NULL DEFAULT 0,
      closed    bigint NOT NULL DEFAULT 0,
      answered  bigint NOT NULL DEFAULT 0,
      feedbacks bigint NOT NULL DEFAULT 0,
      satisfied bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (county, channel)
    );
    CREATE TABLE complaint_answer_days (
      city    text COLLATE "C" NOT NULL,
      day     bigint NOT NULL,
      answers bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (city, day)
    );
    ${FILL_COMPLAINT_COUNTY_SUMS};
    ${FILL_COMPLAINT_ANSWER_DAYS};
    CREATE INDEX complaint_facts_waiting ON complaint_facts (waiting_for, waiting_since_ms) INCLUDE (village) WHERE waiting_for IS NOT NULL;
    CREATE INDEX complaint_facts_answers ON complaint_facts (answer_ms) INCLUDE (village) WHERE answer_ms IS NOT NULL;

    CREATE FUNCTION complaint_sums_move(after_rows complaint_facts[], before_rows complaint_facts[]) RETURNS void
    LANGUAGE sql AS $$
      INSERT INTO complaint_county_sums AS c (county, channel, received, closed, answered, feedbacks, satisfied)
      SELECT county, channel, sum(received), sum(closed), sum(answered), sum(feedbacks), sum(satisfied) FROM (
        SELECT left(a.village, 6) AS county, a.channel, 1 AS received, a.closed::int AS closed, (a.answer_ms IS NOT NULL)::int AS answered, a.feedbacks, a.satisfied
        FROM unnest(after_rows) a
        UNION ALL
        SELECT left(b.village, 6), b.channel, -1, -(b.closed::int), -((b.answer_ms IS NOT NULL)::int), -b.feedbacks, -b.satisfied
        FROM unnest(before_rows) b
      ) d
      GROUP BY county, channel
      HAVING sum(received) <> 0 OR sum(closed) <> 0 OR sum(answered) <> 0 OR sum(feedbacks) <> 0 OR sum(satisfied) <> 0
      ORDER BY county, channel
      ON CONFLICT (county, channel) DO UPDATE SET received = c.received + excluded.received, closed = c.closed + excluded.closed,
        answered = c.answered + excluded.answered, feedbacks = c.feedbacks + excluded.feedbacks, satisfied = c.satisfied + excluded.satisfied;
      INSERT INTO complaint_answer_days AS c (city, day, answers)
      SELECT city, day, sum(n) FROM (
        SELECT left(a.village, 4) AS city, div(greatest(a.answer_ms, 0), 86400000) AS day, 1 AS n FROM unnest(after_rows) a WHERE a.answer_ms IS NOT NULL
        UNION ALL
        SELECT left(b.village, 4), div(greatest(b.answer_ms, 0), 86400000), -1 FROM unnest(before_rows) b WHERE b.answer_ms IS NOT NULL
      ) d
      GROUP BY city, day HAVING sum(n) <> 0
      ORDER BY city, day
      ON CONFLICT (city, day) DO UPDATE SET answers = c.answers + excluded.answers;
    $$;
    ${deltaTriggers({ facts: 'complaint_facts', functions: 'complaint_sums', tag: 'sums', when: anyChanged(['village', 'channel', 'closed', 'answer_ms', 'feedbacks', 'satisfied']) })}
  `,
};
