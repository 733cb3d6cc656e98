import { describe, expect, it } from 'vitest';
import { FLAG_RULE_IDS } from '../finding.ts';
import { ALL_RULES } from './index.ts';

describe('ALL_RULES', () => {
  it('holds one rule per id, in the order of FLAG_RULE_IDS', () => {
    expect(ALL_RULES.map((r) => r.id)).toEqual([...FLAG_RULE_IDS]);
  });

  it('gives every rule a name, an explanation and a source in Chinese', () => {
    for (const rule of ALL_RULES) {
      expect(rule.name).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.explanation.length).toBeGreaterThan(40);
      expect(rule.source).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('marks exactly the date-driven rules as time-based', () => {
    expect(ALL_RULES.filter((r) => r.timeBased).map((r) => r.id)).toEqual(['receivable-overdue', 'late-disclosure']);
  });

  it('never words a finding rule as a verdict', () => {
    for (const rule of ALL_RULES) expect(`${rule.name}${rule.explanation}`).not.toMatch(/违规|违法|贪污/);
  });
});
