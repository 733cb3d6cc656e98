import type Database from 'better-sqlite3';
import { middlePositions } from '../complaints/complaint-facts.ts';
import type { ComplaintFigureStore } from './complaint-figures.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * ComplaintFigureStore on SQLite: the complaints' counting facts (migration 16) in the prefix's range
 * of the village index. Overdue is isOverdue's rule with the cutoffs' spans joined in; the median's
 * one or two middle answer times are read by offset once the count is known.
 */
export function createSqliteComplaintFigures(db: Database.Database): ComplaintFigureStore {
  const counts = db.prepare(
    `WITH spans AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi FROM json_each(@spans))
     SELECT count(*) AS received, coalesce(sum(closed), 0) AS closed,
            coalesce(sum(CASE waiting_for
              WHEN 'answer' THEN waiting_since_ms < @answerSinceBefore
              WHEN 'dispatch' THEN EXISTS (SELECT 1 FROM spans WHERE waiting_since_ms >= lo AND waiting_since_ms < hi)
              ELSE 0 END), 0) AS overdue,
            count(answer_ms) AS answered, coalesce(sum(feedbacks), 0) AS feedbacks, coalesce(sum(satisfied), 0) AS satisfied
     FROM complaint_facts WHERE village >= @low AND village < @high`,
  );
  const answersAt = db
    .prepare('SELECT answer_ms FROM complaint_facts WHERE village >= @low AND village < @high AND answer_ms IS NOT NULL ORDER BY answer_ms LIMIT @count OFFSET @offset')
    .pluck();
  const months = db.prepare(
    `WITH m AS MATERIALIZED (SELECT key AS i, json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi FROM json_each(@spans))
     SELECT m.i AS i, sum(f.received_ms >= m.lo AND f.received_ms < m.hi) AS received, sum(f.closed_ms >= m.lo AND f.closed_ms < m.hi) AS closed
     FROM complaint_facts f CROSS JOIN m
     WHERE f.village >= @low AND f.village < @high AND (f.received_ms >= @from OR f.closed_ms >= @from)
     GROUP BY m.i`,
  );
  return {
    async complaintCounts(prefix, cutoffs) {
      const bounds = prefixBounds(prefix);
      const row = counts.get({ ...bounds, spans: JSON.stringify(cutoffs.dispatchSpans), answerSinceBefore: cutoffs.answerSinceBefore }) as {
        received: number;
        closed: number;
        overdue: number;
        answered: number;
        feedbacks: number;
        satisfied: number;
      };
      const middle = middlePositions(row.answered);
      const middleAnswers = middle.length === 0 ? [] : (answersAt.all({ ...bounds, count: middle.length, offset: middle[0] }) as number[]);
      return { received: row.received, closed: row.closed, overdue: row.overdue, middleAnswers, feedbacks: row.feedbacks, satisfied: row.satisfied };
    },

    async complaintMonths(prefix, spans) {
      if (spans.length === 0) return [];
      const from = Math.min(...spans.map((s) => s.from));
      const rows = months.all({ ...prefixBounds(prefix), from, spans: JSON.stringify(spans.map((s) => [s.from, s.to])) }) as { i: number; received: number; closed: number }[];
      const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
      return spans.map((s, i) => ({ month: s.month, received: Number(byIndex.get(i)?.received ?? 0), closed: Number(byIndex.get(i)?.closed ?? 0) }));
    },
  };
}
