import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 11: officials' accounts, invitations, sessions and the sign-in log (issue 13). Secrets
 * are stored as hashes only (invitation links, session cookies); the password column holds the
 * scrypt record with its parameters (data/accounts/password.ts). Sign-in attempts and account
 * events are append-only.
 */
export const migration11: Migration = {
  version: 11,
  name: 'accounts and sessions',
  sql: `
    CREATE TABLE accounts (
      id             TEXT PRIMARY KEY,
      name           TEXT NOT NULL,
      mobile         TEXT NOT NULL UNIQUE CHECK (length(mobile) = 11),
      office         TEXT NOT NULL,
      title          TEXT NOT NULL,
      role           TEXT NOT NULL,
      department     TEXT,
      scope          TEXT NOT NULL CHECK (length(scope) IN (4, 6, 9, 12)),
      admin          INTEGER NOT NULL CHECK (admin IN (0, 1)),
      status         TEXT NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
      password       TEXT,
      totp_secret    TEXT,
      totp_last_step INTEGER,
      created_at     TEXT NOT NULL,
      created_by     TEXT REFERENCES accounts (id)
    );
    CREATE INDEX accounts_scope ON accounts (scope, name);

    CREATE TABLE invites (
      hash        TEXT PRIMARY KEY,
      account_id  TEXT NOT NULL REFERENCES accounts (id),
      created_at  TEXT NOT NULL,
      expires_at  TEXT NOT NULL,
      created_by  TEXT REFERENCES accounts (id),
      taken_at    TEXT
    ) WITHOUT ROWID;

    CREATE TABLE sessions (
      hash        TEXT PRIMARY KEY,
      account_id  TEXT NOT NULL REFERENCES accounts (id),
      created_at  TEXT NOT NULL,
      expires_at  TEXT NOT NULL,
      address     TEXT,
      user_agent  TEXT,
      revoked_at  TEXT
    ) WITHOUT ROWID;
    CREATE INDEX sessions_account ON sessions (account_id);

    CREATE TABLE sign_in_failures (
      key  TEXT NOT NULL,
      at   TEXT NOT NULL
    );
    CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);

    CREATE TABLE account_events (
      account_id TEXT NOT NULL REFERENCES accounts (id),
      at         TEXT NOT NULL,
      type       TEXT NOT NULL,
      detail     TEXT
    );
    CREATE INDEX account_events_account ON account_events (account_id, at);
    CREATE TRIGGER account_events_no_update BEFORE UPDATE ON account_events
      BEGIN SELECT RAISE(ABORT, 'account events are append-only'); END;
    CREATE TRIGGER account_events_no_delete BEFORE DELETE ON account_events
      BEGIN SELECT RAISE(ABORT, 'account events are append-only'); END;
  `,
};
