import { checkedCounty, checkedRuleSet, toRuleSetVersion, toStoredRuleSet, type ClassifyRuleSets, type RuleSetRow } from '../classify-rule-sets.ts';
import type { PgClient } from './client.ts';

/**
 * Counties' classification rules in PostgreSQL (schema 14). Under READ COMMITTED two transactions
 * reading max(version) at once would both take the same number, so each first takes a
 * transaction-scoped advisory lock keyed on the county: savers of one county queue, savers of
 * different counties do not, and the lock goes with the commit or rollback. A lock rather than
 * PRIMARY KEY (county, version) plus retry: a retry loop needs a bound, and ten savers at once
 * would each fail and start over up to nine times; here the second simply waits for the first.
 * The key is (a constant for this table, hashtext(county)) in the two-int form, apart from the
 * schema migrations' one-key lock. Advisory locks span the database, not a schema: two schemas
 * (test runs) saving the same county wait for each other, which costs a moment and nothing more;
 * two counties whose hashes collide likewise only wait.
 */
export function createPgClassifyRuleSets(db: PgClient): ClassifyRuleSets {
  return {
    async saveRuleSet(county, rules, savedBy, at) {
      const parsed = checkedRuleSet(county, rules, savedBy, at);
      const version = await db.transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock(hashtext('cunwu classify_rule_sets'), hashtext($1))", [county]);
        const [row] = await tx.query<{ version: number }>(
          `INSERT INTO classify_rule_sets (county, version, saved_by, at, rules)
           SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM classify_rule_sets WHERE county = $1
           RETURNING version`,
          [county, savedBy, at, JSON.stringify(parsed)],
        );
        return Number(row!.version);
      });
      return { county, version, savedBy, at, rules: parsed };
    },
    async currentRuleSet(county) {
      const [row] = await db.query<RuleSetRow>('SELECT county, version, saved_by, at, rules FROM classify_rule_sets WHERE county = $1 ORDER BY version DESC LIMIT 1', [checkedCounty(county)]);
      return row ? toStoredRuleSet(row) : null;
    },
    async listRuleSetVersions(county) {
      return (await db.query<RuleSetRow>('SELECT county, version, saved_by, at FROM classify_rule_sets WHERE county = $1 ORDER BY version DESC', [checkedCounty(county)])).map(toRuleSetVersion);
    },
  };
}
