import { z } from 'zod';
import { IsoDate } from '../publication.ts';
import { FlagRuleId } from './finding.ts';
import type { RuleDefinition } from './rule.ts';
import type { DecisionCheckDefinition, DecisionCheckId } from '../decisions/checks/decision-check.ts';
import { ALL_DECISION_CHECKS } from '../decisions/checks/index.ts';

/**
 * A county's red-flag settings: when flags go public, from when villages keep the disclosure
 * calendar, which rules are off, each rule's thresholds, and the thresholds of the 四议两公开
 * checks (decisions/checks; issue 11: one county document for everything it supervises by). Only what differs from the defaults
 * needs saying; each rule's own schema (rules/*.ts) fills in the rest and refuses what it does not know.
 * A county publishes its settings through the API; villages use their county's latest version.
 */
export const FlagPublication = z
  .object({
    /**
     * `after-explanation` (the default): villagers see a flag once the village has had
     * `workingDays` working days to explain it; `immediate`: as soon as it is raised.
     */
    mode: z.enum(['immediate', 'after-explanation']).default('after-explanation'),
    workingDays: z.number().int().min(0).max(60).default(5),
  })
  .strict();
export type FlagPublication = z.infer<typeof FlagPublication>;

export const FlagSettingsDocument = z
  .object({
    publication: FlagPublication.default({ mode: 'after-explanation', workingDays: 5 }),
    /**
     * The first day villages of the county are expected to keep the disclosure calendar; null: from
     * each village's first publication on the portal (a village that never published is not yet on it).
     */
    calendarStart: IsoDate.nullable().default(null),
    disabled: z.array(FlagRuleId).default([]),
    /** per rule id, the thresholds that differ from the rule's defaults */
    rules: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** per 四议两公开 check id, the thresholds that differ from the check's defaults */
    decisionChecks: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /**
     * the county's offices complaints are dispatched to (县农业农村局, 王家坪镇经管站 …), offered in
     * the console beside the offices that have accounts (issue 13)
     */
    departments: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
  })
  .strict();
export type FlagSettingsDocument = z.infer<typeof FlagSettingsDocument>;

export interface ResolvedFlagSettings {
  publication: FlagPublication;
  calendarStart: string | null;
  disabled: FlagRuleId[];
  /** every rule's complete settings, parsed by its schema */
  rules: Partial<Record<FlagRuleId, unknown>>;
  /** every 四议两公开 check's complete settings, parsed by its schema */
  decisionChecks: Partial<Record<DecisionCheckId, Record<string, unknown>>>;
  departments: string[];
}

export interface SettingsIssue {
  /** rules.split-payments.windowDays */
  path: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: ResolvedFlagSettings; document: FlagSettingsDocument } | { ok: false; issues: SettingsIssue[] };

/** Parses a county's document (or none: every default) against the rules and checks it configures. */
export function resolveFlagSettings(
  input: unknown,
  rules: readonly RuleDefinition[],
  checks: readonly DecisionCheckDefinition[] = ALL_DECISION_CHECKS,
): SettingsResult {
  const parsed = FlagSettingsDocument.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const doc = parsed.data;
  const issues: SettingsIssue[] = [];
  const known = new Map(rules.map((r) => [r.id as string, r]));
  const resolved: Partial<Record<FlagRuleId, unknown>> = {};
  for (const id of Object.keys(doc.rules)) {
    if (!known.has(id)) issues.push({ path: `rules.${id}`, message: `没有这条规则 / no such rule (rules: ${[...known.keys()].join(', ')})` });
  }
  for (const rule of rules) {
    const own = rule.settings.safeParse(doc.rules[rule.id] ?? {});
    if (own.success) resolved[rule.id] = own.data;
    else for (const i of own.error.issues) issues.push({ path: ['rules', rule.id, ...i.path].join('.'), message: i.message });
  }
  const knownChecks = new Set<string>(checks.map((c) => c.id));
  for (const id of Object.keys(doc.decisionChecks)) {
    if (!knownChecks.has(id)) issues.push({ path: `decisionChecks.${id}`, message: `没有这项核对 / no such check (checks: ${[...knownChecks].join(', ')})` });
  }
  const decisionChecks: Partial<Record<DecisionCheckId, Record<string, unknown>>> = {};
  for (const check of checks) {
    const own = check.settings.safeParse(doc.decisionChecks[check.id] ?? {});
    if (own.success) decisionChecks[check.id] = own.data as Record<string, unknown>;
    else for (const i of own.error.issues) issues.push({ path: ['decisionChecks', check.id, ...i.path].join('.'), message: i.message });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, document: doc, settings: { publication: doc.publication, calendarStart: doc.calendarStart, disabled: doc.disabled, rules: resolved, decisionChecks, departments: doc.departments } };
}
