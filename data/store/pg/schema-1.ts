import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 1 (issue 14): the divisions, machine clients' tokens, and officials' accounts,
 * invitations, sessions and sign-in log — SQLite's migrations 1, 11 and 12 in PostgreSQL's words.
 * Text columns are COLLATE "C" so that every ORDER BY and code range sorts bytes as SQLite does
 * (a server's default locale would sort 干部10 before 干部2 differently, and pages would change with
 * the backend). Times are ISO text, as the domain writes them. Secrets are stored as hashes only.
 */
export const pgSchema1: PgMigration = {
  version: 1,
  name: 'divisions, tokens, accounts and sessions',
  sql: `
    CREATE TABLE divisions (
      code          text COLLATE "C" PRIMARY KEY,
      level         text NOT NULL CHECK (level IN ('province', 'prefecture', 'county', 'township', 'village')),
      name          text NOT NULL,
      official_name text NOT NULL,
      parent        text COLLATE "C"
    );

    CREATE TABLE tokens (
      id         text COLLATE "C" PRIMARY KEY,
      hash       text COLLATE "C" NOT NULL UNIQUE,
      scope      text COLLATE "C" NOT NULL,
      name       text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      expires_at text COLLATE "C",
      revoked_at text COLLATE "C",
      created_by text
    );
    CREATE INDEX tokens_scope ON tokens (scope);

    CREATE TABLE accounts (
      id             text COLLATE "C" PRIMARY KEY,
      name           text COLLATE "C" NOT NULL,
      mobile         text NOT NULL UNIQUE CHECK (length(mobile) = 11),
      office         text NOT NULL,
      title          text NOT NULL,
      role           text NOT NULL,
      department     text,
      scope          text COLLATE "C" NOT NULL CHECK (length(scope) IN (4, 6, 9, 12)),
      admin          boolean NOT NULL,
      status         text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
      password       text,
      totp_secret    text,
      totp_last_step bigint,
      created_at     text NOT NULL,
      created_by     text REFERENCES accounts (id)
    );
    CREATE INDEX accounts_scope ON accounts (scope, name);

    CREATE TABLE invites (
      hash        text PRIMARY KEY,
      account_id  text NOT NULL REFERENCES accounts (id),
      created_at  text NOT NULL,
      expires_at  text COLLATE "C" NOT NULL,
      created_by  text REFERENCES accounts (id),
      taken_at    text
    );

    CREATE TABLE sessions (
      hash        text PRIMARY KEY,
      account_id  text NOT NULL REFERENCES accounts (id),
      created_at  text COLLATE "C" NOT NULL,
      expires_at  text COLLATE "C" NOT NULL,
      address     text,
      user_agent  text,
      revoked_at  text
    );
    CREATE INDEX sessions_account ON sessions (account_id);

    CREATE TABLE sign_in_failures (
      key  text NOT NULL,
      at   text COLLATE "C" NOT NULL
    );
    CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);

    -- seq: the order events were recorded in, for events of one instant (SQLite's rowid)
    CREATE TABLE account_events (
      seq        bigserial PRIMARY KEY,
      account_id text NOT NULL REFERENCES accounts (id),
      at         text COLLATE "C" NOT NULL,
      type       text NOT NULL,
      detail     text
    );
    CREATE INDEX account_events_account ON account_events (account_id, at);

    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END;
    $$;
    CREATE TRIGGER account_events_append_only BEFORE UPDATE OR DELETE ON account_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `,
};
