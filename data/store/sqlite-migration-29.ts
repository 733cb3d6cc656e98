import type { Migration } from './sqlite-migration.ts';

/** The sums of the matters' facts already stored (and the check of what the triggers keep). */
export const FILL_MATTER_SUMS = `
    INSERT INTO decision_matter_sums (county, matters, early_missing)
      SELECT substr(village, 1, 6), count(*), sum(early_missing) FROM decision_matter_facts GROUP BY 1`;

/**
 * Migration 29 (issue 14), as PostgreSQL's schema 24: the 四议两公开 count of a page above the
 * counties without reading every matter under it. Kept per county: its matters and those lacking
 * one of the first five steps (owed from the start, whatever the day). What depends on the day — a
 * 实施结果公开 owed since a completion or a resolution — is judged on the matters still lacking it
 * only (a partial index). Row triggers on the facts move the sums; the facts are written by upsert.
 */
export const migration29: Migration = {
  version: 29,
  name: 'decision matter sums per county',
  sql: `
    CREATE TABLE decision_matter_sums (
      county        TEXT PRIMARY KEY,
      matters       INTEGER NOT NULL DEFAULT 0 CHECK (matters >= 0),
      early_missing INTEGER NOT NULL DEFAULT 0 CHECK (early_missing >= 0)
    ) WITHOUT ROWID;
    ${FILL_MATTER_SUMS};
    CREATE INDEX decision_matter_facts_owing ON decision_matter_facts (village, completed_on, resolved_on)
      WHERE result_missing = 1 AND early_missing = 0;
    CREATE TRIGGER decision_matter_facts_sums_insert AFTER INSERT ON decision_matter_facts BEGIN
      INSERT INTO decision_matter_sums (county, matters, early_missing) VALUES (substr(NEW.village, 1, 6), 1, NEW.early_missing)
        ON CONFLICT (county) DO UPDATE SET matters = matters + 1, early_missing = early_missing + excluded.early_missing;
    END;
    CREATE TRIGGER decision_matter_facts_sums_delete AFTER DELETE ON decision_matter_facts BEGIN
      UPDATE decision_matter_sums SET matters = matters - 1, early_missing = early_missing - OLD.early_missing WHERE county = substr(OLD.village, 1, 6);
    END;
    CREATE TRIGGER decision_matter_facts_sums_update AFTER UPDATE OF village, early_missing ON decision_matter_facts
      WHEN OLD.village IS NOT NEW.village OR OLD.early_missing IS NOT NEW.early_missing
    BEGIN
      UPDATE decision_matter_sums SET matters = matters - 1, early_missing = early_missing - OLD.early_missing WHERE county = substr(OLD.village, 1, 6);
      INSERT INTO decision_matter_sums (county, matters, early_missing) VALUES (substr(NEW.village, 1, 6), 1, NEW.early_missing)
        ON CONFLICT (county) DO UPDATE SET matters = matters + 1, early_missing = early_missing + excluded.early_missing;
    END;
  `,
};
