import { Finding, type FlagRuleId } from './finding.ts';
import type { ResolvedFlagSettings } from './flag-settings.ts';
import type { RuleDefinition } from './rule.ts';
import type { RuleInput } from './rule-input.ts';
import { ALL_RULES } from './rules/index.ts';

export interface RunRulesOptions {
  /** run only these rules (the nightly run of the time-based ones) */
  only?: readonly FlagRuleId[];
  /** the rules to choose from; all of them by default */
  rules?: readonly RuleDefinition[];
}

export interface RulesRun {
  /** the rules that ran: a flag of a rule that did not run is neither confirmed nor resolved by this run */
  ran: FlagRuleId[];
  findings: Finding[];
}

/**
 * Runs the enabled rules over one village's data. A finding a rule gets wrong (a field out of
 * range, another rule's id, another village, a key used twice) is a bug in the rule and throws:
 * the store must never keep a malformed flag.
 */
export function runRules(input: RuleInput, settings: ResolvedFlagSettings, options: RunRulesOptions = {}): RulesRun {
  const ran: FlagRuleId[] = [];
  const findings: Finding[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    if (settings.disabled.includes(rule.id)) continue;
    if (options.only && !options.only.includes(rule.id)) continue;
    const own = rule.id in settings.rules ? settings.rules[rule.id] : rule.settings.parse({});
    const keys = new Set<string>();
    for (const raw of rule.run(input, own)) {
      const finding = Finding.parse(raw);
      if (finding.rule !== rule.id) throw new Error(`rule ${rule.id} returned a finding of rule ${finding.rule}`);
      if (finding.village !== input.village.code) throw new Error(`rule ${rule.id} returned a finding for village ${finding.village}, not ${input.village.code}`);
      if (keys.has(finding.key)) throw new Error(`rule ${rule.id} returned the key ${JSON.stringify(finding.key)} twice`);
      keys.add(finding.key);
      findings.push(finding);
    }
    ran.push(rule.id);
  }
  return { ran, findings };
}
