import { describe, expect, it } from 'vitest';
import { resolveFlagSettings } from './flag-settings.ts';
import { ALL_RULES } from './rules/index.ts';

describe('resolveFlagSettings with the rules', () => {
  it('gives every rule its defaults when the county says nothing', () => {
    const result = resolveFlagSettings({}, ALL_RULES);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.settings.rules)).toEqual(ALL_RULES.map((r) => r.id));
    expect(result.settings.rules['cash-over-limit']).toEqual({ limit: 500_000 });
    expect(result.settings.rules['split-payments']).toEqual({ windowDays: 90, tiers: [1_000_000, 5_000_000, 10_000_000] });
    expect(result.settings.rules['receivable-overdue']).toEqual({ graceDays: 30, tolerancePercent: 5, earlyDays: 366 });
    expect(result.settings.rules['late-disclosure']).toEqual({ frequency: 'quarterly', financeDueDays: 15, contractDueDays: 31, projectDueDays: 31 });
    expect(result.settings.rules['payee-concentration']).toEqual({ sharePercent: 40, minTotal: 5_000_000 });
    expect(result.settings.rules['contract-rent-drop']).toEqual({ dropPercent: 0 });
    expect(result.settings.rules['paid-beyond-contract']).toEqual({ tolerancePercent: 0 });
    expect(result.settings.rules['contract-term']).toEqual({
      maxYears: { building: 20, 'construction-land': 20, arable: 20, pond: 20, orchard: 30, grassland: 30, forest: 70, other: 20 },
      arableEndsBy: null,
    });
    for (const rule of ALL_RULES) expect(result.settings.rules[rule.id]).toEqual(rule.settings.parse({}));
  });

  it('keeps the defaults a county does not override', () => {
    const result = resolveFlagSettings({ rules: { 'split-payments': { windowDays: 30 }, 'contract-term': { maxYears: { forest: 50 } } } }, ALL_RULES);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.settings.rules['split-payments']).toEqual({ windowDays: 30, tiers: [1_000_000, 5_000_000, 10_000_000] });
    expect((result.settings.rules['contract-term'] as { maxYears: Record<string, number> }).maxYears).toMatchObject({ forest: 50, arable: 20 });
  });

  it('refuses a wrong threshold, naming its path', () => {
    const result = resolveFlagSettings({ rules: { 'cash-over-limit': { limit: -1 } } }, ALL_RULES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['rules.cash-over-limit.limit']);
  });

  it('refuses a threshold a rule does not have, and a rule that does not exist', () => {
    const result = resolveFlagSettings({ rules: { 'split-payments': { window: 30 }, 'no-such-rule': {} } }, ALL_RULES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['rules.no-such-rule', 'rules.split-payments']);
  });

  it('refuses an impossible tier list and a malformed end date', () => {
    const result = resolveFlagSettings({ rules: { 'split-payments': { tiers: [] }, 'contract-term': { arableEndsBy: '2028-12' } } }, ALL_RULES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['rules.contract-term.arableEndsBy', 'rules.split-payments.tiers']);
  });
});

describe('resolveFlagSettings with the 四议两公开 checks', () => {
  it('gives every check its defaults and keeps what a county overrides', async () => {
    const { ALL_DECISION_CHECKS } = await import('../decisions/checks/index.ts');
    const result = resolveFlagSettings({ decisionChecks: { 'resolution-disclosed-in-time': { minPostedDays: 10 } } }, ALL_RULES);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(Object.keys(result.settings.decisionChecks)).toEqual(ALL_DECISION_CHECKS.map((c) => c.id));
    expect(result.settings.decisionChecks['resolution-disclosed-in-time']).toEqual({ startWithinDays: 5, minPostedDays: 10 });
  });

  it('refuses a check that does not exist, naming its path', () => {
    const result = resolveFlagSettings({ decisionChecks: { 'steps-complete': {}, 'no-such-check': {} } }, ALL_RULES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['decisionChecks.no-such-check']);
  });
});
