import type Database from 'better-sqlite3';
import { EARLY_STEPS, RESOLUTION_STEP, RESULT_STEP } from '../decisions/owed-cutoffs.ts';
import type { MatterCountStore } from './matter-counts.ts';

/**
 * matterCounts on SQLite: each matter's steps and latest facts read from its entries' JSON by one
 * grouped query over the matters in the prefix's range, the county's cutoffs joined by code.
 */
export function createSqliteMatterCounts(db: Database.Database): MatterCountStore {
  const early = EARLY_STEPS.map((s) => `'${s}'`).join(', ');
  const counts = db.prepare(
    `WITH cut AS (SELECT json_extract(value, '$[0]') AS county, json_extract(value, '$[1]') AS completed_before, json_extract(value, '$[2]') AS resolved_before
                  FROM json_each(@byCounty)),
     m AS (
       SELECT d.village,
              count(DISTINCT CASE WHEN e.entry = 'step' AND json_extract(e.value, '$.step') IN (${early}) THEN json_extract(e.value, '$.step') END) AS early,
              max(e.entry = 'step' AND json_extract(e.value, '$.step') = '${RESULT_STEP}') AS has_result,
              max(CASE WHEN e.entry = 'step' AND json_extract(e.value, '$.step') = '${RESOLUTION_STEP}' THEN json_extract(e.value, '$.date') END) AS resolved_on,
              (SELECT json_extract(l.value, '$.completedOn') FROM decision_entries l WHERE l.matter = d.id AND l.entry = 'matter' ORDER BY l.seq DESC LIMIT 1) AS completed_on
       FROM decision_matters d JOIN decision_entries e ON e.matter = d.id
       WHERE d.village >= @low AND d.village < @high
       GROUP BY d.id)
     SELECT count(*) AS matters, coalesce(sum(CASE
              WHEN m.early < ${EARLY_STEPS.length} THEN 1
              WHEN m.has_result THEN 0
              WHEN m.completed_on IS NOT NULL THEN m.completed_on < coalesce(c.completed_before, @completedBefore)
              WHEN m.resolved_on IS NOT NULL THEN m.resolved_on < coalesce(c.resolved_before, @resolvedBefore)
              ELSE 0 END), 0) AS missingSteps
     FROM m LEFT JOIN cut c ON c.county = substr(m.village, 1, 6)`,
  );
  return {
    async matterCounts(prefix, cutoffs) {
      const byCounty = JSON.stringify([...cutoffs.byCounty].map(([county, c]) => [county, c.completedBefore, c.resolvedBefore]));
      return counts.get({ low: prefix, high: `${prefix}\uffff`, byCounty, ...cutoffs.otherwise }) as { matters: number; missingSteps: number };
    },
  };
}
