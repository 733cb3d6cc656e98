import { canonicalJson } from '../../canonical-json.ts';
import { FlagSettingsDocument } from '../../flags/flag-settings.ts';
import { flagSettingsDigest, flagSettingsLeaf } from '../../log/log-leaf.ts';
import type { FlagSettingsStore, StoredFlagSettings } from '../flag-store.ts';
import { prefixRange } from './sql.ts';
import type { PgClient } from './client.ts';
import type { PgLog } from './log.ts';
import { toStored, type SettingsRow } from '../flag-common.ts';

/**
 * Counties' red-flag settings in PostgreSQL (schema 7): version n + 1 of a code is read as max + 1
 * behind the log's head lock, taken first in the transaction that stores the version and its
 * `flag-settings` leaf — so two saves for one code, from any connection, get two versions in log
 * order rather than one unique-key error. The document is stored as its canonical JSON text, the
 * text its sha256 covers.
 */
export function createPgFlagSettings(db: PgClient, log: PgLog): FlagSettingsStore {
  return {
    async getFlagSettings(code) {
      const row = (await db.query<SettingsRow>('SELECT * FROM flag_settings WHERE code = $1 ORDER BY version DESC LIMIT 1', [code]))[0];
      return row ? toStored(row) : null;
    },

    async listFlagSettings(code) {
      return (await db.query<SettingsRow>('SELECT * FROM flag_settings WHERE code = $1 ORDER BY version DESC', [code])).map(toStored);
    },

    async flagSettingsCodes(prefix) {
      const rows = await db.query<{ code: string }>('SELECT DISTINCT code FROM flag_settings WHERE code >= $1 AND code < $2 ORDER BY code', prefixRange(prefix));
      return rows.map((r) => r.code);
    },

    async saveFlagSettings(input) {
      // a code the log leaf could not carry, or a document that would not read back, is a caller bug
      if (!/^\d{2,12}$/.test(input.code)) throw new TypeError(`flag settings: ${JSON.stringify(input.code)} is not a division code`);
      const document = FlagSettingsDocument.parse(input.document);
      return db.transaction(async (tx) => {
        await log.lock(tx);
        const version = (await tx.query<{ version: number }>('SELECT coalesce(max(version), 0) + 1 AS version FROM flag_settings WHERE code = $1', [input.code]))[0]!.version;
        const stored: StoredFlagSettings = { code: input.code, version, document, at: input.at, actor: input.actor, sha256: flagSettingsDigest(document) };
        await tx.query('INSERT INTO flag_settings (code, version, document, sha256, at, actor) VALUES ($1, $2, $3, $4, $5, $6)', [
          stored.code,
          stored.version,
          canonicalJson(document),
          stored.sha256,
          stored.at,
          stored.actor,
        ]);
        await log.append(tx, [flagSettingsLeaf(stored)]);
        return stored;
      });
    },
  };
}
