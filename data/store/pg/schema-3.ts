import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 3 (issue 14): inspection rounds with their events, and counties' power lists —
 * SQLite's tables of migrations 6 and 9 in PostgreSQL's words, with the same CHECKs and the same
 * append-only triggers. Public numbers (round ids, a scope's versions) are max + 1 read behind the
 * log's head lock (log.ts), not SEQUENCEs: a rolled-back sequence value would leave a gap. Ids are
 * bigint because the API accepts numbers up to 15 digits and a lookup must find nothing, not fail
 * on an out-of-range integer. JSON is stored as the canonical text SQLite keeps, so what is read
 * back is byte for byte what the leaf's digest covered.
 */
export const pgSchema3: PgMigration = {
  version: 3,
  name: 'inspection rounds and power lists',
  sql: `
    -- a refusal that says which rule it enforces, for tables of which some columns may change
    CREATE FUNCTION refuse_with_reason() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END;
    $$;

    -- id: the public number, 1, 2, 3 … in the order rounds were opened. A round is its events.
    CREATE TABLE rounds (
      id         bigint PRIMARY KEY CHECK (id >= 1),
      scope      text COLLATE "C" NOT NULL CHECK (length(scope) IN (2, 4, 6, 9, 12) AND scope !~ '[^0-9]'),
      sample     boolean NOT NULL,
      opened_at  text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX rounds_scope ON rounds (scope);

    -- payload: the event's own fields as canonical JSON (event-rows.ts); the cast is the
    -- json_valid of SQLite's CHECK (IS JSON needs PostgreSQL 16)
    CREATE TABLE round_events (
      round   bigint NOT NULL REFERENCES rounds (id),
      seq     integer NOT NULL CHECK (seq >= 1),
      at      text COLLATE "C" NOT NULL,
      actor   text NOT NULL,
      type    text NOT NULL CHECK (type IN ('opened', 'problem-added', 'task-added', 'evidence-submitted', 'task-closed',
                'task-returned', 'recovery-recorded', 'rule-adopted', 'round-closed')),
      payload text NOT NULL CHECK (payload::json IS NOT NULL),
      PRIMARY KEY (round, seq)
    );

    -- What happened is never rewritten; of a round only the time of its last step moves.
    CREATE TRIGGER rounds_no_delete BEFORE DELETE ON rounds
      FOR EACH ROW EXECUTE FUNCTION refuse_with_reason('rounds are never deleted');
    CREATE TRIGGER rounds_fixed_columns BEFORE UPDATE OF id, scope, sample, opened_at ON rounds
      FOR EACH ROW EXECUTE FUNCTION refuse_with_reason('only the updated_at of a round changes');
    CREATE TRIGGER round_events_append_only BEFORE UPDATE OR DELETE ON round_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- scope: a city (4 digits) or county (6); seq: 1, 2 … per scope; version: the document's own
    -- name for itself, unique per scope; document: its canonical JSON, which the leaf's sha256 covers
    CREATE TABLE power_catalogues (
      scope        text COLLATE "C" NOT NULL CHECK (length(scope) IN (4, 6)),
      seq          integer NOT NULL CHECK (seq >= 1),
      version      text NOT NULL,
      document     text NOT NULL,
      published_at text COLLATE "C" NOT NULL,
      log_index    bigint NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (scope, seq),
      UNIQUE (scope, version)
    );
    CREATE TRIGGER power_catalogues_append_only BEFORE UPDATE OR DELETE ON power_catalogues
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `,
};
