import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 21 (issue 17): the 小微权力 item a complaint recorded by staff concerns
 * (ComplaintIntake.powerItem). Filed with the rest of the intake, so fixed like it: the trigger of
 * migration 18 is re-created to cover the new column. Only a recorded complaint names one.
 */
export const migration21: Migration = {
  version: 21,
  name: 'the power item a recorded complaint concerns',
  sql: `
    ALTER TABLE complaints ADD COLUMN power_item TEXT CHECK (power_item IS NULL OR length(power_item) BETWEEN 1 AND 80);
    DROP TRIGGER complaints_fixed_intake;
    CREATE TRIGGER complaints_fixed_intake BEFORE UPDATE OF channel, heard_at, heard_place, recorded_by, power_item ON complaints
      BEGIN SELECT RAISE(ABORT, 'only the status, department and updated_at of a complaint change'); END;
    CREATE TRIGGER complaints_power_item_recorded BEFORE INSERT ON complaints
      WHEN NEW.power_item IS NOT NULL AND NEW.heard_at IS NULL
      BEGIN SELECT RAISE(ABORT, 'only a complaint recorded by staff names a power item'); END;
  `,
};
