import type { PgMigration } from './migrations.ts';

/**
 * Schema 15 (issue 17), as SQLite's migration 21: the 小微权力 item a complaint recorded by staff
 * concerns, filed with its intake and fixed like it (complaints_fixed re-created to cover it).
 */
export const pgSchema15: PgMigration = {
  version: 15,
  name: 'the power item a recorded complaint concerns',
  sql: `
    ALTER TABLE complaints
      ADD COLUMN power_item text CHECK (power_item IS NULL OR length(power_item) BETWEEN 1 AND 80),
      ADD CONSTRAINT complaints_power_item_recorded CHECK (power_item IS NULL OR heard_at IS NOT NULL);

    CREATE OR REPLACE FUNCTION complaints_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'complaints are never deleted'; END IF;
        IF (NEW.tracking_code, NEW.public_id, NEW.village, NEW.category, NEW.text, NEW.publication_id, NEW.row,
            NEW.contact_name, NEW.contact_phone, NEW.anonymous, NEW.received_at, NEW.channel, NEW.heard_at, NEW.heard_place, NEW.recorded_by, NEW.power_item)
           IS DISTINCT FROM (OLD.tracking_code, OLD.public_id, OLD.village, OLD.category, OLD.text, OLD.publication_id, OLD.row,
            OLD.contact_name, OLD.contact_phone, OLD.anonymous, OLD.received_at, OLD.channel, OLD.heard_at, OLD.heard_place, OLD.recorded_by, OLD.power_item) THEN
          RAISE EXCEPTION 'a complaint''s filed fields never change';
        END IF;
        RETURN NEW;
      END;
    $$;
  `,
};
