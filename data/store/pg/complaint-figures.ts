import { middlePositions } from '../../complaints/complaint-facts.ts';
import type { ComplaintFigureStore } from '../complaint-figures.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * ComplaintFigureStore on PostgreSQL: the complaints' counting facts (schema 10) in the prefix's range
 * of the village index, as SQLite counts them. Overdue is isOverdue's rule with the cutoffs' spans
 * joined in; the median's one or two middle answer times are read by offset once the count is known.
 */
export function createPgComplaintFigures(db: PgQueryable): ComplaintFigureStore {
  return {
    async complaintCounts(prefix, cutoffs) {
      const [low, high] = prefixRange(prefix);
      const spans = cutoffs.dispatchSpans;
      const [row] = await db.query<Record<'received' | 'closed' | 'overdue' | 'answered' | 'feedbacks' | 'satisfied', string | number>>(
        `WITH spans AS MATERIALIZED (SELECT * FROM unnest($3::bigint[], $4::bigint[]) AS s(lo, hi))
         SELECT count(*) AS received, count(*) FILTER (WHERE closed) AS closed,
                count(*) FILTER (WHERE CASE waiting_for
                  WHEN 'answer' THEN waiting_since_ms < $5
                  WHEN 'dispatch' THEN EXISTS (SELECT 1 FROM spans WHERE waiting_since_ms >= lo AND waiting_since_ms < hi)
                  ELSE false END) AS overdue,
                count(answer_ms) AS answered, coalesce(sum(feedbacks), 0) AS feedbacks, coalesce(sum(satisfied), 0) AS satisfied
         FROM complaint_facts WHERE village >= $1 AND village < $2`,
        [low, high, spans.map(([lo]) => lo), spans.map(([, hi]) => hi), cutoffs.answerSinceBefore],
      );
      const n = (v: string | number | undefined) => Number(v ?? 0);
      const middle = middlePositions(n(row?.answered));
      const middleAnswers =
        middle.length === 0
          ? []
          : (
              await db.query<{ answer_ms: string | number }>(
                'SELECT answer_ms FROM complaint_facts WHERE village >= $1 AND village < $2 AND answer_ms IS NOT NULL ORDER BY answer_ms LIMIT $3 OFFSET $4',
                [low, high, middle.length, middle[0]],
              )
            ).map((r) => Number(r.answer_ms));
      return { received: n(row?.received), closed: n(row?.closed), overdue: n(row?.overdue), middleAnswers, feedbacks: n(row?.feedbacks), satisfied: n(row?.satisfied) };
    },

    async complaintMonths(prefix, spans) {
      if (spans.length === 0) return [];
      const [low, high] = prefixRange(prefix);
      const rows = await db.query<{ i: number; received: string | number; closed: string | number }>(
        `WITH m AS MATERIALIZED (SELECT * FROM unnest($3::bigint[], $4::bigint[]) WITH ORDINALITY AS m(lo, hi, i))
         SELECT m.i::integer AS i, count(*) FILTER (WHERE f.received_ms >= m.lo AND f.received_ms < m.hi) AS received,
                count(*) FILTER (WHERE f.closed_ms >= m.lo AND f.closed_ms < m.hi) AS closed
         FROM complaint_facts f CROSS JOIN m
         WHERE f.village >= $1 AND f.village < $2 AND (f.received_ms >= $5 OR f.closed_ms >= $5)
         GROUP BY m.i`,
        [low, high, spans.map((s) => s.from), spans.map((s) => s.to), Math.min(...spans.map((s) => s.from))],
      );
      const byIndex = new Map(rows.map((r) => [Number(r.i) - 1, r]));
      return spans.map((s, i) => ({ month: s.month, received: Number(byIndex.get(i)?.received ?? 0), closed: Number(byIndex.get(i)?.closed ?? 0) }));
    },
  };
}
