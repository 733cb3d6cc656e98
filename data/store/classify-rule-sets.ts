import { parseClassifyRules, type ClassifyRuleSet } from '../complaints/classify-rules.ts';
import { checkStaffStamp } from './staff-stamp.ts';

/**
 * A county's own rules for suggesting a complaint's category, department and 小微权力 item
 * (issue 17; the rules themselves are data/complaints/classify-rules.ts), kept version by version
 * so a county can see which rules made a past suggestion. A county with none uses the national
 * defaults (default-classify-rules.ts): that is the caller's choice, the store only answers null.
 *
 * Invariant: a county's versions are 1, 2, 3 … n, with no gap and no repeat, even when two
 * connections (or processes) save at once; a saved version is never edited or deleted (the
 * database refuses both). SQLite numbers a version max + 1 inside the IMMEDIATE transaction that
 * stores it: one writer at a time per file (see public-id.ts). PostgreSQL does the same after
 * taking a transaction-scoped advisory lock keyed on the county (pg/classify-rule-sets.ts says
 * why a lock rather than retrying), and PRIMARY KEY (county, version) in both makes a breach of
 * the invariant fail loudly instead of storing two versions 3.
 *
 * Staff's working data, not public record: no log leaf.
 */
export interface ClassifyRuleSets {
  /** stores a new version of a county's rules (county = 6-digit code); versions 1, 2, 3 … per county, never edited */
  saveRuleSet(county: string, rules: ClassifyRuleSet, savedBy: string, at: string): Promise<StoredRuleSet>;
  /** the newest version of the county's rules, or null when the county has none (the defaults apply) */
  currentRuleSet(county: string): Promise<StoredRuleSet | null>;
  /** every version of the county's rules, newest first, without the rules themselves */
  listRuleSetVersions(county: string): Promise<Array<Omit<StoredRuleSet, 'rules'>>>;
}

export interface StoredRuleSet {
  county: string;
  version: number;
  savedBy: string;
  at: string;
  rules: ClassifyRuleSet;
}

/** A county's code: six digits, as its rules are uploaded for the county as a whole. */
export function checkedCounty(county: string): string {
  if (typeof county !== 'string' || !/^\d{6}$/.test(county)) throw new TypeError(`a rule set's county must be a 6-digit code, not ${JSON.stringify(county)}`);
  return county;
}

/**
 * Caller bugs, refused before anything is written: the console parses an upload with
 * parseClassifyRules and shows its issues, so a set that reaches the store invalid is a bug.
 * Returns the rules as parsed (what is stored, and what reads back).
 */
export function checkedRuleSet(county: string, rules: ClassifyRuleSet, savedBy: string, at: string): ClassifyRuleSet {
  checkedCounty(county);
  checkStaffStamp('a rule set', savedBy, at);
  const parsed = parseClassifyRules(rules);
  if (parsed.kind === 'invalid') {
    const first = parsed.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new TypeError(`a rule set must pass parseClassifyRules before it is saved (${parsed.issues.length} issues: ${first})`);
  }
  return parsed.rules;
}

/** A stored row as both backends read it: the rules are JSON text. */
export interface RuleSetRow {
  county: string;
  version: number;
  saved_by: string;
  at: string;
  rules: string;
}

export function toStoredRuleSet(row: RuleSetRow): StoredRuleSet {
  return { county: row.county, version: Number(row.version), savedBy: row.saved_by, at: row.at, rules: JSON.parse(row.rules) as ClassifyRuleSet };
}

export function toRuleSetVersion(row: Omit<RuleSetRow, 'rules'>): Omit<StoredRuleSet, 'rules'> {
  return { county: row.county, version: Number(row.version), savedBy: row.saved_by, at: row.at };
}
