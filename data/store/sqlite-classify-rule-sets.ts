import type Database from 'better-sqlite3';
import { checkedCounty, checkedRuleSet, toRuleSetVersion, toStoredRuleSet, type ClassifyRuleSets, type RuleSetRow, type StoredRuleSet } from './classify-rule-sets.ts';
import type { ClassifyRuleSet } from '../complaints/classify-rules.ts';

/**
 * Counties' classification rules in SQLite (migration 20): version max + 1 is read inside the
 * IMMEDIATE transaction that stores it, so across connections and processes one writer numbers
 * at a time (public-id.ts).
 */
export function createSqliteClassifyRuleSets(db: Database.Database): ClassifyRuleSets {
  const sql = {
    maxVersion: db.prepare('SELECT coalesce(max(version), 0) FROM classify_rule_sets WHERE county = ?').pluck(),
    insert: db.prepare('INSERT INTO classify_rule_sets (county, version, saved_by, at, rules) VALUES (?, ?, ?, ?, ?)'),
    current: db.prepare('SELECT county, version, saved_by, at, rules FROM classify_rule_sets WHERE county = ? ORDER BY version DESC LIMIT 1'),
    versions: db.prepare('SELECT county, version, saved_by, at FROM classify_rule_sets WHERE county = ? ORDER BY version DESC'),
  };

  const saveTx = db.transaction((county: string, rules: ClassifyRuleSet, savedBy: string, at: string): StoredRuleSet => {
    const version = (sql.maxVersion.get(county) as number) + 1;
    sql.insert.run(county, version, savedBy, at, JSON.stringify(rules));
    return { county, version, savedBy, at, rules };
  });

  return {
    async saveRuleSet(county, rules, savedBy, at) {
      const parsed = checkedRuleSet(county, rules, savedBy, at);
      return saveTx.immediate(county, parsed, savedBy, at);
    },
    async currentRuleSet(county) {
      const row = sql.current.get(checkedCounty(county)) as RuleSetRow | undefined;
      return row ? toStoredRuleSet(row) : null;
    },
    async listRuleSetVersions(county) {
      return (sql.versions.all(checkedCounty(county)) as RuleSetRow[]).map(toRuleSetVersion);
    },
  };
}
