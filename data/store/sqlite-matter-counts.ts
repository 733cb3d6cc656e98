import type Database from 'better-sqlite3';
import { COUNTY_CODE_LENGTH } from '../region.ts';
import type { MatterCountStore } from './matter-counts.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * matterCounts on SQLite, each matter judged by lacksOwedStep's rule with its county's cutoffs
 * joined by code. In a county and below: the matters' counting facts (migration 15) in the
 * prefix's range of the village index. Above: the matters and those lacking a first-five step
 * summed per county (migration 29), and only the matters still lacking their 实施结果公开 judged
 * against the day (a partial index) — one statement, so one snapshot.
 */
export function createSqliteMatterCounts(db: Database.Database): MatterCountStore {
  const inCounty = db.prepare(
    `${CUT}
     SELECT count(*) AS matters, coalesce(sum(CASE WHEN f.early_missing THEN 1 WHEN NOT f.result_missing THEN 0 ELSE ${RESULT_OWED} END), 0) AS missingSteps
     FROM decision_matter_facts f LEFT JOIN cut c ON c.county = substr(f.village, 1, 6)
     WHERE f.village >= @low AND f.village < @high`,
  );
  const above = db.prepare(
    `${CUT}
     SELECT (SELECT coalesce(sum(matters), 0) FROM decision_matter_sums WHERE county >= @low AND county < @high) AS matters,
            (SELECT coalesce(sum(early_missing), 0) FROM decision_matter_sums WHERE county >= @low AND county < @high)
            + (SELECT count(*) FROM decision_matter_facts f LEFT JOIN cut c ON c.county = substr(f.village, 1, 6)
               WHERE f.result_missing = 1 AND f.early_missing = 0 AND f.village >= @low AND f.village < @high AND ${RESULT_OWED}) AS missingSteps`,
  );
  return {
    async matterCounts(prefix, cutoffs) {
      const byCounty = JSON.stringify([...cutoffs.byCounty].map(([county, c]) => [county, c.completedBefore, c.resolvedBefore]));
      return (prefix.length < COUNTY_CODE_LENGTH ? above : inCounty).get({ ...prefixBounds(prefix), byCounty, ...cutoffs.otherwise }) as { matters: number; missingSteps: number };
    },
  };
}

const CUT = `WITH cut AS (SELECT json_extract(value, '$[0]') AS county, json_extract(value, '$[1]') AS completed_before, json_extract(value, '$[2]') AS resolved_before
                  FROM json_each(@byCounty))`;
/** A matter lacking only its 实施结果公开: owed once its completion, or else its resolution, is before the county's cutoff. */
const RESULT_OWED = `CASE
              WHEN f.completed_on IS NOT NULL THEN f.completed_on < coalesce(c.completed_before, @completedBefore)
              WHEN f.resolved_on IS NOT NULL THEN f.resolved_on < coalesce(c.resolved_before, @resolvedBefore)
              ELSE 0 END`;
