import { anyChanged, deltaTriggers } from './delta-triggers.ts';
import type { PgMigration } from './migrations.ts';

/** The sums of the matters' facts already stored (and the check of what the triggers keep). */
export const FILL_MATTER_SUMS = `
    INSERT INTO decision_matter_sums (county, matters, early_missing)
      SELECT left(village, 6), count(*), count(*) FILTER (WHERE early_missing) FROM decision_matter_facts GROUP BY 1`;

/**
 * Schema 24 (issue 14), as SQLite's migration 29: the 四议两公开 count of a page above the counties
 * without reading every matter under it. Kept per county: its matters and those lacking one of the
 * first five steps (owed from the start, whatever the day). What depends on the day — a 实施结果公开
 * owed since a completion or a resolution — is judged on the matters still lacking it only (a
 * partial index). Triggers on the facts move the sums as schema 22's move the complaint month
 * counts: once per statement of new matters, per row only where a summed column changed.
 */
export const pgSchema24: PgMigration = {
  version: 24,
  name: 'decision matter sums per county',
  sql: `
    CREATE TABLE decision_matter_sums (
      county        text COLLATE "C" PRIMARY KEY,
      -- never below 0; no CHECK, for the reason of schema 22
      matters       bigint NOT NULL DEFAULT 0,
      early_missing bigint NOT NULL DEFAULT 0
    );
    ${FILL_MATTER_SUMS};
    CREATE INDEX decision_matter_facts_owing ON decision_matter_facts (village) INCLUDE (completed_on, resolved_on)
      WHERE result_missing AND NOT early_missing;

    CREATE FUNCTION decision_matter_sums_move(after_rows decision_matter_facts[], before_rows decision_matter_facts[]) RETURNS void
    LANGUAGE sql AS $$
      INSERT INTO decision_matter_sums AS s (county, matters, early_missing)
      SELECT county, sum(matters), sum(early_missing) FROM (
        SELECT left(a.village, 6) AS county, 1 AS matters, a.early_missing::int AS early_missing FROM unnest(after_rows) a
        UNION ALL
        SELECT left(b.village, 6), -1, -(b.early_missing::int) FROM unnest(before_rows) b
      ) d
      GROUP BY county HAVING sum(matters) <> 0 OR sum(early_missing) <> 0
      ORDER BY county
      ON CONFLICT (county) DO UPDATE SET matters = s.matters + excluded.matters, early_missing = s.early_missing + excluded.early_missing;
    $$;
    ${deltaTriggers({ facts: 'decision_matter_facts', functions: 'decision_matter_sums', tag: 'sums', when: anyChanged(['village', 'early_missing']) })}
  `,
};
