import type { MatterCountStore } from '../matter-counts.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * matterCounts on PostgreSQL: the matters' counting facts (schema 9) in the prefix's range of the
 * village index, each judged by lacksOwedStep's rule with its county's cutoffs joined by code.
 * Dates compare as ISO text, byte by byte (COLLATE "C").
 */
export function createPgMatterCounts(db: PgQueryable): MatterCountStore {
  return {
    async matterCounts(prefix, cutoffs) {
      const counties = [...cutoffs.byCounty];
      const [low, high] = prefixRange(prefix);
      const [row] = await db.query<{ matters: number; missing: number }>(
        `WITH cut AS (SELECT * FROM unnest($3::text[], $4::text[], $5::text[]) AS c(county, completed_before, resolved_before))
         SELECT count(*)::integer AS matters,
                count(*) FILTER (WHERE CASE
                  WHEN f.early_missing THEN true
                  WHEN NOT f.result_missing THEN false
                  WHEN f.completed_on IS NOT NULL THEN f.completed_on < coalesce(c.completed_before, $6) COLLATE "C"
                  WHEN f.resolved_on IS NOT NULL THEN f.resolved_on < coalesce(c.resolved_before, $7) COLLATE "C"
                  ELSE false END)::integer AS missing
         FROM decision_matter_facts f LEFT JOIN cut c ON c.county = left(f.village, 6)
         WHERE f.village >= $1 AND f.village < $2`,
        [low, high, counties.map(([county]) => county), counties.map(([, c]) => c.completedBefore), counties.map(([, c]) => c.resolvedBefore), cutoffs.otherwise.completedBefore, cutoffs.otherwise.resolvedBefore],
      );
      return { matters: Number(row?.matters ?? 0), missingSteps: Number(row?.missing ?? 0) };
    },
  };
}
