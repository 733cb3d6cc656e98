import type { Migration } from './sqlite-migration.ts';

/**
 * Migration 12: tokens for machine clients get an expiry, a revocation and the account that made
 * them (issue 13: made, listed, expired and revoked in the console). Columns added, nullable: the
 * tokens made before keep working as they did, with no expiry.
 */
export const migration12: Migration = {
  version: 12,
  name: 'token expiry and revocation',
  sql: `
    ALTER TABLE tokens ADD COLUMN expires_at TEXT;
    ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
    ALTER TABLE tokens ADD COLUMN created_by TEXT;
  `,
};
