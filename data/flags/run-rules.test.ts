import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FLAG_RULE_IDS, type Finding } from './finding.ts';
import { type ResolvedFlagSettings, resolveFlagSettings } from './flag-settings.ts';
import { defineRule, type RuleDefinition } from './rule.ts';
import { ALL_RULES } from './rules/index.ts';
import { entry, financeLedger, ruleInput, VILLAGE } from './rules/test-builders.ts';
import { runRules } from './run-rules.ts';

function resolved(document: unknown = {}): ResolvedFlagSettings {
  const result = resolveFlagSettings(document, ALL_RULES);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.settings;
}

const cashInput = ruleInput({
  publications: [financeLedger('2026-Q3', [entry(4, '2026-09-29', '收到现金', { income: 600_000 })], { openingBalance: 0, balanceKind: 'cash' })],
});

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'contract-term',
  village: VILLAGE,
  key: 'k',
  title: '标题',
  detail: '说明',
  amount: null,
  evidence: [],
  sample: false,
  ...over,
});

const fake = (findings: Finding[]): RuleDefinition =>
  defineRule({ id: 'contract-term', name: '测试', explanation: '测试', source: '测试', timeBased: false, settings: z.object({}).strict(), run: () => findings });

describe('runRules', () => {
  it('runs every enabled rule with its resolved settings', () => {
    const run = runRules(cashInput, resolved());
    expect(run.ran).toEqual([...FLAG_RULE_IDS]);
    expect(run.findings.map((f) => [f.rule, f.key, f.amount])).toEqual([['cash-over-limit', '2026-Q3:cash', 100_000]]);
  });

  it("applies a county's thresholds", () => {
    expect(runRules(cashInput, resolved({ rules: { 'cash-over-limit': { limit: 600_000 } } })).findings).toEqual([]);
  });

  it('skips disabled rules and, with `only`, every other rule', () => {
    const disabled = runRules(cashInput, resolved({ disabled: ['cash-over-limit'] }));
    expect(disabled.ran).not.toContain('cash-over-limit');
    expect(disabled.findings).toEqual([]);
    const only = runRules(cashInput, resolved(), { only: ['receivable-overdue', 'late-disclosure'] });
    expect(only.ran).toEqual(['receivable-overdue', 'late-disclosure']);
    expect(only.findings).toEqual([]);
  });

  it('falls back to the defaults of a rule the settings do not know', () => {
    const settings: ResolvedFlagSettings = { ...resolved(), rules: {} };
    expect(runRules(cashInput, settings).findings.map((f) => f.key)).toEqual(['2026-Q3:cash']);
  });

  it('passes well-formed findings through', () => {
    expect(runRules(ruleInput(), resolved(), { rules: [fake([finding()])] })).toEqual({ ran: ['contract-term'], findings: [finding()] });
  });

  it('throws on a malformed finding, another rule’s id, another village or a repeated key', () => {
    expect(() => runRules(ruleInput(), resolved(), { rules: [fake([finding({ title: '' })])] })).toThrow();
    expect(() => runRules(ruleInput(), resolved(), { rules: [fake([finding({ amount: 1.5 })])] })).toThrow();
    expect(() => runRules(ruleInput(), resolved(), { rules: [fake([finding({ rule: 'split-payments' })])] })).toThrow(/split-payments/);
    expect(() => runRules(ruleInput(), resolved(), { rules: [fake([finding({ village: '430802108214' })])] })).toThrow(/430802108214/);
    expect(() => runRules(ruleInput(), resolved(), { rules: [fake([finding(), finding()])] })).toThrow(/twice/);
  });
});
