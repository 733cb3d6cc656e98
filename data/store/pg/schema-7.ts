import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 7 (issue 14): red flags with their events and runs, counties' flag settings,
 * subsidy beneficiaries' keyed fingerprints, and complaint step takedowns — SQLite's tables of
 * migrations 6, 7 and 13 in PostgreSQL's words, with the same CHECKs and append-only rules. It
 * needs schema 5 (publications, complaints) and schema 2 (the log) before it, not schema 3.
 * A flag's id and a code's settings version are max + 1 read behind the log's head lock (log.ts),
 * not SEQUENCEs, which would leave a gap wherever a transaction rolls back. Ids are bigint because
 * the API accepts numbers up to 15 digits and a lookup must find nothing, not fail on an
 * out-of-range integer. JSON is the canonical text SQLite keeps, not jsonb, so it reads back byte
 * for byte as the leaf's digest covered it; the ::json cast in a CHECK is SQLite's json_valid.
 */
export const pgSchema7: PgMigration = {
  version: 7,
  name: 'flags, settings, fingerprints and step takedowns',
  sql: `
    -- id: the public number, 1, 2, 3 … in the order flags were raised. key: the finding's identity
    -- in its village and rule (never public). The wording (title … evidence) is that of the latest
    -- raised/updated event, kept here to list fast.
    CREATE TABLE flags (
      id          bigint PRIMARY KEY CHECK (id >= 1),
      village     text COLLATE "C" NOT NULL CHECK (length(village) = 12),
      rule        text COLLATE "C" NOT NULL,
      key         text NOT NULL,
      status      text COLLATE "C" NOT NULL CHECK (status IN ('open', 'explained', 'confirmed', 'dismissed', 'resolved')),
      title       text NOT NULL,
      detail      text NOT NULL,
      amount      bigint,
      evidence    text NOT NULL CHECK (evidence::json IS NOT NULL),
      sample      boolean NOT NULL,
      raised_at   text COLLATE "C" NOT NULL,
      public_from text COLLATE "C" NOT NULL,
      updated_at  text NOT NULL
    );
    -- lists and counts by scope (a village code prefix), status and rule
    CREATE INDEX flags_village_status ON flags (village, status, rule, public_from, raised_at);
    -- a run reads the village's flags of its rules
    CREATE INDEX flags_village_rule_key ON flags (village, rule, key);
    -- the unscoped list, newest first
    CREATE INDEX flags_raised ON flags (raised_at, id);

    -- payload: the event's own fields as canonical JSON (event-rows.ts)
    CREATE TABLE flag_events (
      flag    bigint NOT NULL REFERENCES flags (id),
      seq     integer NOT NULL CHECK (seq >= 1),
      at      text NOT NULL,
      actor   text NOT NULL,
      type    text NOT NULL CHECK (type IN ('raised', 'updated', 'explained', 'commented', 'confirmed', 'dismissed', 'resolved', 'reopened')),
      payload text NOT NULL CHECK (payload::json IS NOT NULL),
      PRIMARY KEY (flag, seq)
    );

    -- seq: the order runs were stored in, for two runs of one instant (SQLite's rowid)
    CREATE TABLE flag_runs (
      seq          bigserial UNIQUE,
      id           text PRIMARY KEY,
      village      text COLLATE "C" NOT NULL,
      at           text COLLATE "C" NOT NULL,
      triggered_by text NOT NULL CHECK (triggered_by IN ('publication', 'nightly', 'manual')),
      rules        text NOT NULL CHECK (rules::json IS NOT NULL),
      findings     integer NOT NULL CHECK (findings >= 0)
    );
    CREATE INDEX flag_runs_village_at ON flag_runs (village, at, seq);

    -- document: canonical JSON; sha256: of that text, as the flag-settings leaf carries it
    CREATE TABLE flag_settings (
      code     text COLLATE "C" NOT NULL,
      version  integer NOT NULL CHECK (version >= 1),
      document text NOT NULL CHECK (document::json IS NOT NULL),
      sha256   text NOT NULL CHECK (length(sha256) = 64),
      at       text NOT NULL,
      actor    text NOT NULL,
      PRIMARY KEY (code, version)
    );

    -- Keyed fingerprints (hex HMAC-SHA-256) of subsidy beneficiaries, written with their version
    -- and never served. The CHECK keeps anything but a fingerprint (a raw ID number) out.
    CREATE TABLE beneficiary_keys (
      publication_id text COLLATE "C" NOT NULL REFERENCES publications (id),
      row            integer NOT NULL,
      key            text COLLATE "C" NOT NULL CHECK (key ~ '^[0-9a-f]{64}$'),
      match          text COLLATE "C" NOT NULL CHECK (match IN ('id', 'name-masked-id')),
      PRIMARY KEY (publication_id, row, match)
    );
    CREATE INDEX beneficiary_keys_key ON beneficiary_keys (key);

    -- A complaint step taken down: its text leaves every public view (staff still read it), the
    -- step's row and its leaf stay untouched; this row and the complaint-step-tombstone leaf
    -- record the removal and its reason.
    CREATE TABLE complaint_step_takedowns (
      complaint text COLLATE "C" NOT NULL,
      seq       integer NOT NULL CHECK (seq >= 1),
      reason    text NOT NULL CHECK (reason <> ''),
      at        text NOT NULL,
      log_index bigint NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (complaint, seq),
      FOREIGN KEY (complaint, seq) REFERENCES complaint_events (complaint, seq)
    );

    -- What happened is never rewritten; of a flag only its current status and wording move.
    -- (Its own function, not schema 3's refuse_with_reason: schema 3 may come later or not at all.)
    CREATE FUNCTION flags_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'flags are never deleted'; END IF;
        IF (NEW.id, NEW.village, NEW.rule, NEW.key, NEW.sample, NEW.raised_at, NEW.public_from)
           IS DISTINCT FROM (OLD.id, OLD.village, OLD.rule, OLD.key, OLD.sample, OLD.raised_at, OLD.public_from) THEN
          RAISE EXCEPTION 'only the status, wording and updated_at of a flag change';
        END IF;
        RETURN NEW;
      END;
    $$;
    CREATE TRIGGER flags_fixed_columns BEFORE UPDATE OR DELETE ON flags FOR EACH ROW EXECUTE FUNCTION flags_fixed();
    CREATE TRIGGER flag_events_append_only BEFORE UPDATE OR DELETE ON flag_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER flag_runs_append_only BEFORE UPDATE OR DELETE ON flag_runs FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER flag_settings_append_only BEFORE UPDATE OR DELETE ON flag_settings FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER beneficiary_keys_append_only BEFORE UPDATE OR DELETE ON beneficiary_keys FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER complaint_step_takedowns_append_only BEFORE UPDATE OR DELETE ON complaint_step_takedowns FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `,
};
