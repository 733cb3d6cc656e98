import type Database from 'better-sqlite3';
import { EARLY_STEPS, RESOLUTION_STEP, RESULT_STEP } from '../decisions/owed-cutoffs.ts';
import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 15 (issue 14): what the pages above villages count of each 四议两公开 matter
 * (data/decisions/owed-cutoffs.ts's MatterCountingFacts), kept beside it by recordDecisions in the
 * transaction that records its entries, so MatterCountStore reads narrow rows by index instead of
 * every entry's JSON. Derived data, not public record: rewritten whenever the matter changes.
 */
export const migration15: Migration = {
  version: 15,
  name: 'decision matter counting facts',
  sql: `
    CREATE TABLE decision_matter_facts (
      matter         INTEGER PRIMARY KEY REFERENCES decision_matters (id),
      village        TEXT NOT NULL,
      early_missing  INTEGER NOT NULL CHECK (early_missing IN (0, 1)),
      result_missing INTEGER NOT NULL CHECK (result_missing IN (0, 1)),
      completed_on   TEXT,
      resolved_on    TEXT
    );
    CREATE INDEX decision_matter_facts_village ON decision_matter_facts (village);
  `,
  run: fillMatterFacts,
};

/**
 * Each stored matter's facts read from its entries' JSON (frozen: countingFacts has the live rule):
 * the latest facts entry's completedOn, the latest villagers-resolution step's date, and which
 * steps are on record. Exported for the test that it agrees with what recordDecisions writes.
 */
export function fillMatterFacts(db: Database.Database): void {
  const early = EARLY_STEPS.map((s) => `'${s}'`).join(', ');
  db.exec(`
    INSERT OR REPLACE INTO decision_matter_facts (matter, village, early_missing, result_missing, completed_on, resolved_on)
    SELECT d.id, d.village,
           count(DISTINCT CASE WHEN e.entry = 'step' AND json_extract(e.value, '$.step') IN (${early}) THEN json_extract(e.value, '$.step') END) < ${EARLY_STEPS.length},
           NOT coalesce(max(e.entry = 'step' AND json_extract(e.value, '$.step') = '${RESULT_STEP}'), 0),
           (SELECT json_extract(l.value, '$.completedOn') FROM decision_entries l WHERE l.matter = d.id AND l.entry = 'matter' ORDER BY l.seq DESC LIMIT 1),
           max(CASE WHEN e.entry = 'step' AND json_extract(e.value, '$.step') = '${RESOLUTION_STEP}' THEN json_extract(e.value, '$.date') END)
    FROM decision_matters d JOIN decision_entries e ON e.matter = d.id
    GROUP BY d.id`);
}
