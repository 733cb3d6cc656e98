import type Database from 'better-sqlite3';
import type { MatterCountStore } from './matter-counts.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * matterCounts on SQLite: the matters' counting facts (migration 15) in the prefix's range of the
 * village index, each judged by lacksOwedStep's rule with its county's cutoffs joined by code.
 */
export function createSqliteMatterCounts(db: Database.Database): MatterCountStore {
  const counts = db.prepare(
    `WITH cut AS (SELECT json_extract(value, '$[0]') AS county, json_extract(value, '$[1]') AS completed_before, json_extract(value, '$[2]') AS resolved_before
                  FROM json_each(@byCounty))
     SELECT count(*) AS matters, coalesce(sum(CASE
              WHEN f.early_missing THEN 1
              WHEN NOT f.result_missing THEN 0
              WHEN f.completed_on IS NOT NULL THEN f.completed_on < coalesce(c.completed_before, @completedBefore)
              WHEN f.resolved_on IS NOT NULL THEN f.resolved_on < coalesce(c.resolved_before, @resolvedBefore)
              ELSE 0 END), 0) AS missingSteps
     FROM decision_matter_facts f LEFT JOIN cut c ON c.county = substr(f.village, 1, 6)
     WHERE f.village >= @low AND f.village < @high`,
  );
  return {
    async matterCounts(prefix, cutoffs) {
      const byCounty = JSON.stringify([...cutoffs.byCounty].map(([county, c]) => [county, c.completedBefore, c.resolvedBefore]));
      return counts.get({ ...prefixBounds(prefix), byCounty, ...cutoffs.otherwise }) as { matters: number; missingSteps: number };
    },
  };
}
