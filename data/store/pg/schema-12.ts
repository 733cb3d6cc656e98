import type { PgMigration } from './migrations.ts';

/**
 * Schema 12 (issue 17), as SQLite's migration 18: how a complaint reached the portal and, when staff
 * recorded it, when and where it was heard and who recorded it (filed fields, fixed like the
 * others); and three more steps of its history — `support` (我也遇到), `merge-into` and
 * `merge-from` — the merges naming the other complaint in `other`.
 */
export const pgSchema12: PgMigration = {
  version: 12,
  name: 'complaints from every channel',
  sql: `
    ALTER TABLE complaints
      ADD COLUMN channel text NOT NULL DEFAULT 'portal'
        CHECK (channel IN ('portal', 'wechat-group', 'phone', 'visit', 'letter', 'hotline', 'inspection')),
      ADD COLUMN heard_at text,
      ADD COLUMN heard_place text,
      ADD COLUMN recorded_by text,
      ADD CONSTRAINT complaints_intake_matches_channel
        CHECK ((channel = 'portal') = (heard_at IS NULL) AND (heard_at IS NULL) = (recorded_by IS NULL));

    -- the public figures count by channel, from the narrow facts as they count the rest (schema 10)
    ALTER TABLE complaint_facts ADD COLUMN channel text COLLATE "C" NOT NULL DEFAULT 'portal';

    CREATE OR REPLACE FUNCTION complaints_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'complaints are never deleted'; END IF;
        IF (NEW.tracking_code, NEW.public_id, NEW.village, NEW.category, NEW.text, NEW.publication_id, NEW.row,
            NEW.contact_name, NEW.contact_phone, NEW.anonymous, NEW.received_at, NEW.channel, NEW.heard_at, NEW.heard_place, NEW.recorded_by)
           IS DISTINCT FROM (OLD.tracking_code, OLD.public_id, OLD.village, OLD.category, OLD.text, OLD.publication_id, OLD.row,
            OLD.contact_name, OLD.contact_phone, OLD.anonymous, OLD.received_at, OLD.channel, OLD.heard_at, OLD.heard_place, OLD.recorded_by) THEN
          RAISE EXCEPTION 'a complaint''s filed fields never change';
        END IF;
        RETURN NEW;
      END;
    $$;

    ALTER TABLE complaint_events
      DROP CONSTRAINT complaint_events_type_check,
      ADD CONSTRAINT complaint_events_type_check
        CHECK (type IN ('received', 'dispatch', 'reply', 'close', 'reopen', 'feedback', 'support', 'merge-into', 'merge-from')),
      ADD COLUMN other text,
      ADD CONSTRAINT complaint_events_other_check CHECK ((type IN ('merge-into', 'merge-from')) = (other IS NOT NULL));
  `,
};
