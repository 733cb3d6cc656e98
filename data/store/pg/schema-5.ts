import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 5 (issue 14): publications with their photos, idempotency keys and takedowns,
 * and complaints with their steps — SQLite's migrations 1, 4 and 5 in PostgreSQL's words. `seq`
 * keeps the order rows were stored in (SQLite's rowid), which some lists sort by last.
 * Publications, steps and takedowns are append-only; of a complaint only its status, department
 * and updated_at move.
 */
export const pgSchema5: PgMigration = {
  version: 5,
  name: 'publications and complaints',
  sql: `
    CREATE TABLE publications (
      seq             bigserial UNIQUE,
      id              text COLLATE "C" PRIMARY KEY,
      village         text COLLATE "C" NOT NULL,
      kind            text COLLATE "C" NOT NULL CHECK (kind IN ('finance', 'subsidy', 'project', 'contract')),
      period          text COLLATE "C" NOT NULL,
      subject         text COLLATE "C" NOT NULL,
      version         integer NOT NULL CHECK (version >= 1),
      -- UNIQUE: a version is superseded by at most one successor, so history is a chain
      supersedes      text COLLATE "C" UNIQUE REFERENCES publications (id),
      published_at    text COLLATE "C" NOT NULL,
      recorded_at     text NOT NULL,
      sha256          text NOT NULL,
      sample          boolean NOT NULL,
      source_filename text,
      source_format   text NOT NULL CHECK (source_format IN ('csv', 'xlsx', 'json')),
      title           text NOT NULL,
      content         text NOT NULL
    );
    CREATE UNIQUE INDEX publications_series ON publications (village, kind, period, subject, version);
    CREATE INDEX publications_village_published ON publications (village, published_at);
    CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE photos (
      id             text NOT NULL,
      publication_id text NOT NULL REFERENCES publications (id),
      variant        text NOT NULL CHECK (variant IN ('large', 'small')),
      bytes          bytea NOT NULL,
      PRIMARY KEY (id, variant)
    );
    CREATE INDEX photos_publication ON photos (publication_id);

    CREATE TABLE idempotency (
      scope          text NOT NULL,
      key            text NOT NULL,
      request_hash   text NOT NULL,
      publication_id text NOT NULL REFERENCES publications (id),
      created_at     text NOT NULL,
      PRIMARY KEY (scope, key)
    );

    CREATE TABLE takedowns (
      publication_id text PRIMARY KEY REFERENCES publications (id),
      reason         text NOT NULL CHECK (reason <> ''),
      at             text NOT NULL,
      log_index      bigint NOT NULL UNIQUE REFERENCES log_leaves (idx)
    );
    CREATE TRIGGER takedowns_append_only BEFORE UPDATE OR DELETE ON takedowns FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE complaints (
      tracking_code  text COLLATE "C" PRIMARY KEY,
      public_id      bigint NOT NULL UNIQUE CHECK (public_id >= 1),
      village        text COLLATE "C" NOT NULL,
      category       text NOT NULL,
      text           text NOT NULL,
      publication_id text,
      row            integer,
      contact_name   text,
      contact_phone  text,
      anonymous      boolean NOT NULL,
      status         text NOT NULL CHECK (status IN ('received', 'dispatched', 'replied', 'closed')),
      department     text,
      received_at    text COLLATE "C" NOT NULL,
      updated_at     text NOT NULL,
      CHECK (NOT anonymous OR (contact_name IS NULL AND contact_phone IS NULL))
    );
    CREATE INDEX complaints_village_received ON complaints (village, received_at, public_id);

    CREATE TABLE complaint_events (
      complaint  text COLLATE "C" NOT NULL REFERENCES complaints (tracking_code),
      seq        integer NOT NULL CHECK (seq >= 1),
      at         text NOT NULL,
      actor      text NOT NULL,
      type       text NOT NULL CHECK (type IN ('received', 'dispatch', 'reply', 'close', 'reopen', 'feedback')),
      department text CHECK ((type = 'dispatch') = (department IS NOT NULL)),
      text       text CHECK ((type = 'reply') = (text IS NOT NULL)),
      resolution text CHECK ((type = 'close') = (resolution IS NOT NULL)),
      reason     text CHECK (type = 'reopen' OR reason IS NULL),
      satisfied  boolean CHECK ((type = 'feedback') = (satisfied IS NOT NULL)),
      comment    text CHECK (type = 'feedback' OR comment IS NULL),
      PRIMARY KEY (complaint, seq)
    );
    CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE FUNCTION complaints_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'complaints are never deleted'; END IF;
        IF (NEW.tracking_code, NEW.public_id, NEW.village, NEW.category, NEW.text, NEW.publication_id, NEW.row,
            NEW.contact_name, NEW.contact_phone, NEW.anonymous, NEW.received_at)
           IS DISTINCT FROM (OLD.tracking_code, OLD.public_id, OLD.village, OLD.category, OLD.text, OLD.publication_id, OLD.row,
            OLD.contact_name, OLD.contact_phone, OLD.anonymous, OLD.received_at) THEN
          RAISE EXCEPTION 'a complaint''s filed fields never change';
        END IF;
        RETURN NEW;
      END;
    $$;
    CREATE TRIGGER complaints_fixed_columns BEFORE UPDATE OR DELETE ON complaints FOR EACH ROW EXECUTE FUNCTION complaints_fixed();
  `,
};
