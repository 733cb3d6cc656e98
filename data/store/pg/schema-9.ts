import { EARLY_STEPS, RESOLUTION_STEP, RESULT_STEP } from '../../decisions/owed-cutoffs.ts';
import type { PgMigration } from './migrations.ts';

/**
 * Each stored matter's counting facts read from its entries' JSON (frozen: countingFacts in
 * data/decisions/owed-cutoffs.ts has the live rule). Exported for the test that it agrees with what
 * recordDecisions writes.
 */
export const FILL_MATTER_FACTS = `
  INSERT INTO decision_matter_facts (matter, village, early_missing, result_missing, completed_on, resolved_on)
  SELECT d.id, d.village,
         count(DISTINCT v.step) FILTER (WHERE e.entry = 'step' AND v.step IN (${EARLY_STEPS.map((s) => `'${s}'`).join(', ')})) < ${EARLY_STEPS.length},
         NOT coalesce(bool_or(e.entry = 'step' AND v.step = '${RESULT_STEP}'), false),
         (SELECT l.value::jsonb ->> 'completedOn' FROM decision_entries l WHERE l.matter = d.id AND l.entry = 'matter' ORDER BY l.seq DESC LIMIT 1),
         max(v.date COLLATE "C") FILTER (WHERE e.entry = 'step' AND v.step = '${RESOLUTION_STEP}')
  FROM decision_matters d JOIN decision_entries e ON e.matter = d.id
  CROSS JOIN LATERAL (SELECT e.value::jsonb ->> 'step' AS step, e.value::jsonb ->> 'date' AS date) v
  GROUP BY d.id, d.village
  ON CONFLICT (matter) DO UPDATE SET early_missing = excluded.early_missing, result_missing = excluded.result_missing,
    completed_on = excluded.completed_on, resolved_on = excluded.resolved_on`;

/**
 * PostgreSQL schema 9 (issue 14): what the pages above villages count of each 四议两公开 matter, as
 * SQLite's migration 15 — kept beside it by recordDecisions in the transaction that records its
 * entries, so MatterCountStore reads narrow rows by index. Derived data, rewritten as the matter changes.
 */
export const pgSchema9: PgMigration = {
  version: 9,
  name: 'decision matter counting facts',
  sql: `
    CREATE TABLE decision_matter_facts (
      matter         bigint PRIMARY KEY REFERENCES decision_matters (id),
      village        text COLLATE "C" NOT NULL,
      early_missing  boolean NOT NULL,
      result_missing boolean NOT NULL,
      completed_on   text COLLATE "C",
      resolved_on    text COLLATE "C"
    );
    CREATE INDEX decision_matter_facts_village ON decision_matter_facts (village);
    ${FILL_MATTER_FACTS};
  `,
};
