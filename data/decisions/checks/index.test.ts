import { describe, expect, it } from 'vitest';
import { DECISION_CHECK_IDS } from './decision-check.ts';
import { ALL_DECISION_CHECKS } from './index.ts';

describe('ALL_DECISION_CHECKS', () => {
  it('holds one check per id, in the order of DECISION_CHECK_IDS', () => {
    expect(ALL_DECISION_CHECKS.map((c) => c.id)).toEqual([...DECISION_CHECK_IDS]);
  });

  it('gives every check a Chinese name, explanation and legal basis', () => {
    for (const check of ALL_DECISION_CHECKS) {
      expect(check.name).toMatch(/^[\u4e00-\u9fff（）、，]+$/);
      expect(check.explanation).toMatch(/^[\u4e00-\u9fff“]/);
      expect(check.explanation.length).toBeGreaterThan(30);
      expect(check.legalBasis).toMatch(/village-oversight-rules\.md §/);
    }
  });

  it('has a default for every setting', () => {
    for (const check of ALL_DECISION_CHECKS) expect(() => check.settings.parse({})).not.toThrow();
  });

  it('lets only record-required run without a record', () => {
    expect(ALL_DECISION_CHECKS.filter((c) => !c.needsRecord).map((c) => c.id)).toEqual(['record-required']);
  });

  it('never words a check as a verdict', () => {
    for (const check of ALL_DECISION_CHECKS) expect(`${check.name}${check.explanation}`).not.toMatch(/违规|违法|贪污/);
  });
});
