import type Database from 'better-sqlite3';
import { answerDayRange, placeInDays, type AnswerDayCount } from '../complaints/answer-days.ts';
import { middlePositions, noChannels, type ComplaintCounts } from '../complaints/complaint-facts.ts';
import type { ComplaintChannel } from '../complaints/complaint-channel.ts';
import { countsFromSums, type ChannelSums, type ComplaintFigureStore } from './complaint-figures.ts';
import { prefixBounds } from './prefix-range.ts';
import { COUNTY_CODE_LENGTH, PREFECTURE_CODE_LENGTH } from '../region.ts';

/**
 * ComplaintFigureStore on SQLite. In a county and below: the complaints' counting facts (migration
 * 16), one range of the table (it is keyed by village first). Above: the sums kept per county and
 * channel and the answers per city and day (migration 28), overdue from the complaints still
 * waiting only, the median's one or two middle answers read in their day by offset, in one read
 * transaction. Overdue is isOverdue's rule with the recent dispatch spans joined in; the months are
 * grouped by the facts' own China months in a county and below, and summed from the counts kept per
 * county and month above it.
 */
export function createSqliteComplaintFigures(db: Database.Database): ComplaintFigureStore {
  const counts = db.prepare(
    `WITH spans AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi FROM json_each(@spans))
     SELECT count(*) AS received, coalesce(sum(closed), 0) AS closed,
            coalesce(sum(CASE waiting_for
              WHEN 'answer' THEN waiting_since_ms < @answerSinceBefore
              WHEN 'dispatch' THEN waiting_since_ms < @dispatchSinceBefore OR EXISTS (SELECT 1 FROM spans WHERE waiting_since_ms >= lo AND waiting_since_ms < hi)
              ELSE 0 END), 0) AS overdue,
            count(answer_ms) AS answered, coalesce(sum(feedbacks), 0) AS feedbacks, coalesce(sum(satisfied), 0) AS satisfied
     FROM complaint_facts WHERE village >= @low AND village < @high`,
  );
  const answersAt = db
    .prepare('SELECT answer_ms FROM complaint_facts WHERE village >= @low AND village < @high AND answer_ms IS NOT NULL ORDER BY answer_ms LIMIT @count OFFSET @offset')
    .pluck();
  const months = db.prepare(
    `SELECT month, sum(received) AS received, sum(closed) AS closed FROM (
       SELECT received_month AS month, 1 AS received, 0 AS closed FROM complaint_facts WHERE village >= @low AND village < @high AND received_month >= @first
       UNION ALL
       SELECT closed_month, 0, 1 FROM complaint_facts WHERE village >= @low AND village < @high AND closed_month >= @first
     ) GROUP BY month`,
  );
  // above the counties: the month counts kept per county (migration 27), at most 12 rows a county
  const countyMonths = db.prepare(
    `SELECT month, sum(received) AS received, sum(closed) AS closed FROM complaint_month_counts
     WHERE county >= @low AND county < @high AND month >= @first GROUP BY month`,
  );
  const sums = db.prepare(
    `SELECT channel, sum(received) AS received, sum(closed) AS closed, sum(answered) AS answered, sum(feedbacks) AS feedbacks, sum(satisfied) AS satisfied
     FROM complaint_county_sums WHERE county >= @low AND county < @high GROUP BY channel`,
  );
  // the two waiting kinds as two ranges of the partial index, not a pass over every complaint
  const waitingOverdue = db
    .prepare(
      `WITH spans AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi FROM json_each(@spans))
       SELECT (SELECT count(*) FROM complaint_facts WHERE waiting_for = 'answer' AND waiting_since_ms < @answerSinceBefore AND village >= @low AND village < @high)
            + (SELECT count(*) FROM complaint_facts WHERE waiting_for = 'dispatch' AND village >= @low AND village < @high
                 AND (waiting_since_ms < @dispatchSinceBefore OR EXISTS (SELECT 1 FROM spans WHERE waiting_since_ms >= lo AND waiting_since_ms < hi)))`,
    )
    .pluck();
  const answerDays = db.prepare('SELECT day, sum(answers) AS answers FROM complaint_answer_days WHERE city >= @low AND city < @high GROUP BY day ORDER BY day');
  const answerInDay = db
    .prepare('SELECT answer_ms FROM complaint_facts WHERE answer_ms >= @from AND answer_ms < @to AND village >= @low AND village < @high ORDER BY answer_ms LIMIT 1 OFFSET @offset')
    .pluck();
  /** A city and above, in one read transaction so the sums, the day counts and the answers read by offset are of one moment. */
  const fromSums = db.transaction((prefix: string, bounds: { low: string; high: string }, overdueParams: Record<string, unknown>): ComplaintCounts => {
    const { counts, answered } = countsFromSums(sums.all(bounds) as ChannelSums[], waitingOverdue.get({ ...bounds, ...overdueParams }) as number);
    const middle = middlePositions(answered);
    if (middle.length === 0) return counts;
    for (const { day, offset } of placeInDays(answerDays.all(bounds) as AnswerDayCount[], middle)) {
      const [from, to] = answerDayRange(day);
      const at = answerInDay.get({ ...bounds, from, to, offset }) as number | undefined;
      if (at === undefined) throw new Error(`no answer at ${offset} in day ${day} under ${prefix || 'the country'}: the day counts disagree with the complaints`);
      counts.middleAnswers.push(at);
    }
    return counts;
  });
  const channels = db.prepare('SELECT channel, count(*) AS n FROM complaint_facts WHERE village >= @low AND village < @high GROUP BY channel');
  return {
    async complaintCounts(prefix, cutoffs) {
      const bounds = prefixBounds(prefix);
      const overdueParams = { spans: JSON.stringify(cutoffs.dispatchSpans), answerSinceBefore: cutoffs.answerSinceBefore, dispatchSinceBefore: cutoffs.dispatchSinceBefore };
      if (prefix.length <= PREFECTURE_CODE_LENGTH) return fromSums.deferred(prefix, bounds, overdueParams);
      const row = counts.get({ ...bounds, ...overdueParams }) as Record<'received' | 'closed' | 'overdue' | 'answered' | 'feedbacks' | 'satisfied', number>;
      const middle = middlePositions(row.answered);
      const middleAnswers = middle.length === 0 ? [] : (answersAt.all({ ...bounds, count: middle.length, offset: middle[0] }) as number[]);
      const byChannel = noChannels();
      for (const r of channels.all(bounds) as { channel: ComplaintChannel; n: number }[]) byChannel[r.channel] = r.n;
      return { received: row.received, closed: row.closed, overdue: row.overdue, middleAnswers, feedbacks: row.feedbacks, satisfied: row.satisfied, byChannel };
    },

    async complaintMonths(prefix, list) {
      if (list.length === 0) return [];
      const rows = (prefix.length < COUNTY_CODE_LENGTH ? countyMonths : months).all({ ...prefixBounds(prefix), first: [...list].sort()[0] }) as { month: string; received: number; closed: number }[];
      const byMonth = new Map(rows.map((r) => [r.month, r]));
      return list.map((month) => ({ month, received: byMonth.get(month)?.received ?? 0, closed: byMonth.get(month)?.closed ?? 0 }));
    },
  };
}
