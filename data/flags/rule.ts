import type { z } from 'zod';
import type { Finding, FlagRuleId } from './finding.ts';
import type { RuleInput } from './rule-input.ts';

/**
 * A red-flag rule: one file each in rules/, pure (no store, no clock but `input.today`). Its
 * thresholds are a zod schema with defaults, so a county's settings (flag-settings.ts) override
 * any of them and the rest keep their defaults.
 */
export interface RuleDefinition<S extends z.ZodType = z.ZodType> {
  id: FlagRuleId;
  /** short name for lists and dashboards: 应收款逾期未收 */
  name: string;
  /** what it checks and why, in plain Chinese, for villagers and officials */
  explanation: string;
  /** the rule or practice it rests on, with where it is written down */
  source: string;
  /** its answer can change with the date alone (a due date passes): it also runs nightly */
  timeBased: boolean;
  /** its thresholds, every one with a default */
  settings: S;
  /** `settings` already parsed by `this.settings` */
  run(input: RuleInput, settings: z.infer<S>): Finding[];
}

/** Typing help: a rule keeps its own settings type. */
export function defineRule<S extends z.ZodType>(rule: RuleDefinition<S>): RuleDefinition<S> {
  return rule;
}
