import type { MatterCountStore } from '../matter-counts.ts';
import { COUNTY_CODE_LENGTH } from '../../region.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * matterCounts on PostgreSQL, each matter judged by lacksOwedStep's rule with its county's cutoffs
 * joined by code. In a county and below: the matters' counting facts (schema 9) in the prefix's
 * range of the village index. Above: the matters and those lacking a first-five step summed per
 * county (schema 24), and only the matters still lacking their 实施结果公开 judged against the day
 * (a partial index) — one statement, so one snapshot. Dates compare as ISO text, byte by byte
 * (COLLATE "C").
 */
export function createPgMatterCounts(db: PgQueryable): MatterCountStore {
  return {
    async matterCounts(prefix, cutoffs) {
      const counties = [...cutoffs.byCounty];
      const [low, high] = prefixRange(prefix);
      const sql =
        prefix.length < COUNTY_CODE_LENGTH
          ? `${CUT}
             SELECT (SELECT coalesce(sum(matters), 0) FROM decision_matter_sums WHERE county >= $1 AND county < $2)::integer AS matters,
                    ((SELECT coalesce(sum(early_missing), 0) FROM decision_matter_sums WHERE county >= $1 AND county < $2)
                     + (SELECT count(*) FROM decision_matter_facts f LEFT JOIN cut c ON c.county = left(f.village, 6)
                        WHERE f.result_missing AND NOT f.early_missing AND f.village >= $1 AND f.village < $2 AND ${RESULT_OWED}))::integer AS missing`
          : `${CUT}
             SELECT count(*)::integer AS matters,
                    count(*) FILTER (WHERE CASE WHEN f.early_missing THEN true WHEN NOT f.result_missing THEN false ELSE ${RESULT_OWED} END)::integer AS missing
             FROM decision_matter_facts f LEFT JOIN cut c ON c.county = left(f.village, 6)
             WHERE f.village >= $1 AND f.village < $2`;
      const [row] = await db.query<{ matters: number; missing: number }>(sql, [
        low,
        high,
        counties.map(([county]) => county),
        counties.map(([, c]) => c.completedBefore),
        counties.map(([, c]) => c.resolvedBefore),
        cutoffs.otherwise.completedBefore,
        cutoffs.otherwise.resolvedBefore,
      ]);
      return { matters: Number(row?.matters ?? 0), missingSteps: Number(row?.missing ?? 0) };
    },
  };
}

const CUT = 'WITH cut AS (SELECT * FROM unnest($3::text[], $4::text[], $5::text[]) AS c(county, completed_before, resolved_before))';
/** A matter lacking only its 实施结果公开: owed once its completion, or else its resolution, is before the county's cutoff. */
const RESULT_OWED = `CASE
                  WHEN f.completed_on IS NOT NULL THEN f.completed_on < coalesce(c.completed_before, $6) COLLATE "C"
                  WHEN f.resolved_on IS NOT NULL THEN f.resolved_on < coalesce(c.resolved_before, $7) COLLATE "C"
                  ELSE false END`;
