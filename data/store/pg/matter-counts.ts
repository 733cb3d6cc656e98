import { EARLY_STEPS, RESOLUTION_STEP, RESULT_STEP } from '../../decisions/owed-cutoffs.ts';
import type { MatterCountStore } from '../matter-counts.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * matterCounts on PostgreSQL: each matter's steps and latest facts read from its entries' JSON by
 * one grouped query over the matters in the prefix's range, the county's cutoffs joined by code.
 * Dates compare as ISO text, byte by byte (COLLATE "C").
 */
export function createPgMatterCounts(db: PgQueryable): MatterCountStore {
  return {
    async matterCounts(prefix, cutoffs) {
      const counties = [...cutoffs.byCounty];
      const [low, high] = prefixRange(prefix);
      const [row] = await db.query<{ matters: number; missing: number }>(
        `WITH cut AS (SELECT * FROM unnest($3::text[], $4::text[], $5::text[]) AS c(county, completed_before, resolved_before)),
         m AS (
           SELECT d.village,
                  count(DISTINCT v.step) FILTER (WHERE e.entry = 'step' AND v.step = ANY($6::text[])) AS early,
                  coalesce(bool_or(e.entry = 'step' AND v.step = $7), false) AS has_result,
                  max(v.date COLLATE "C") FILTER (WHERE e.entry = 'step' AND v.step = $8) AS resolved_on,
                  (SELECT l.value::jsonb ->> 'completedOn' FROM decision_entries l WHERE l.matter = d.id AND l.entry = 'matter' ORDER BY l.seq DESC LIMIT 1) AS completed_on
           FROM decision_matters d JOIN decision_entries e ON e.matter = d.id
           CROSS JOIN LATERAL (SELECT e.value::jsonb ->> 'step' AS step, e.value::jsonb ->> 'date' AS date) v
           WHERE d.village >= $1 AND d.village < $2
           GROUP BY d.id, d.village)
         SELECT count(*)::integer AS matters,
                count(*) FILTER (WHERE CASE
                  WHEN m.early < $9 THEN true
                  WHEN m.has_result THEN false
                  WHEN m.completed_on IS NOT NULL THEN m.completed_on COLLATE "C" < coalesce(c.completed_before, $10) COLLATE "C"
                  WHEN m.resolved_on IS NOT NULL THEN m.resolved_on COLLATE "C" < coalesce(c.resolved_before, $11) COLLATE "C"
                  ELSE false END)::integer AS missing
         FROM m LEFT JOIN cut c ON c.county = left(m.village, 6)`,
        [
          low,
          high,
          counties.map(([county]) => county),
          counties.map(([, c]) => c.completedBefore),
          counties.map(([, c]) => c.resolvedBefore),
          EARLY_STEPS,
          RESULT_STEP,
          RESOLUTION_STEP,
          EARLY_STEPS.length,
          cutoffs.otherwise.completedBefore,
          cutoffs.otherwise.resolvedBefore,
        ],
      );
      return { matters: Number(row?.matters ?? 0), missingSteps: Number(row?.missing ?? 0) };
    },
  };
}
