import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json.ts';
import { FlagSettingsDocument } from '../flags/flag-settings.ts';
import { flagSettingsDigest, flagSettingsLeaf } from '../log/log-leaf.ts';
import type { FlagSettingsStore, StoredFlagSettings } from './flag-store.ts';
import type { LogAppender } from './sqlite-log.ts';
import { toStored, type SettingsRow } from './flag-common.ts';
import { prefixRange } from './prefix-range.ts';

/**
 * Counties' red-flag settings in SQLite (migration 6): version n + 1 of a code is numbered inside
 * the IMMEDIATE transaction that stores it (one writer at a time, as for public ids, see
 * public-id.ts), with its `flag-settings` log leaf.
 */
export function createSqliteFlagSettings(db: Database.Database, log: LogAppender): FlagSettingsStore {
  const sql = {
    latest: db.prepare('SELECT * FROM flag_settings WHERE code = ? ORDER BY version DESC LIMIT 1'),
    all: db.prepare('SELECT * FROM flag_settings WHERE code = ? ORDER BY version DESC'),
    codes: db.prepare('SELECT DISTINCT code FROM flag_settings WHERE code >= ? AND code < ? ORDER BY code').pluck(),
    maxVersion: db.prepare('SELECT coalesce(max(version), 0) FROM flag_settings WHERE code = ?').pluck(),
    insert: db.prepare('INSERT INTO flag_settings (code, version, document, sha256, at, actor) VALUES (@code, @version, @document, @sha256, @at, @actor)'),
  };

  const saveTx = db.transaction((code: string, document: FlagSettingsDocument, at: string, actor: string): StoredFlagSettings => {
    const version = (sql.maxVersion.get(code) as number) + 1;
    const stored: StoredFlagSettings = { code, version, document, at, actor, sha256: flagSettingsDigest(document) };
    sql.insert.run({ ...stored, document: canonicalJson(document) });
    log.append(flagSettingsLeaf(stored));
    return stored;
  });

  return {
    async getFlagSettings(code) {
      const row = sql.latest.get(code) as SettingsRow | undefined;
      return row ? toStored(row) : null;
    },

    async listFlagSettings(code) {
      return (sql.all.all(code) as SettingsRow[]).map(toStored);
    },

    async flagSettingsCodes(prefix) {
      return sql.codes.all(...prefixRange(prefix)) as string[];
    },

    async saveFlagSettings(input) {
      // a code the log leaf could not carry, or a document that would not read back, is a caller bug
      if (!/^\d{2,12}$/.test(input.code)) throw new TypeError(`flag settings: ${JSON.stringify(input.code)} is not a division code`);
      const document = FlagSettingsDocument.parse(input.document);
      return saveTx.immediate(input.code, document, input.at, input.actor);
    },
  };
}
