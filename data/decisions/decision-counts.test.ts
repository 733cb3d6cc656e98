import { describe, expect, it } from 'vitest';
import { roadMatter, wastelandMatter, withoutStep } from './checks/test-records.ts';
import { decisionCounts } from './decision-counts.ts';
import { storedMatter } from './test-matters.ts';

describe('decision counts for a township or county page', () => {
  it('counts the matters and those lacking a step owed by today', () => {
    const matters = [storedMatter(roadMatter(), { id: '1' }), storedMatter(withoutStep(wastelandMatter(), 'party-members-meeting'), { id: '2' }), storedMatter(wastelandMatter(), { id: '3' })];
    expect(decisionCounts(matters, [], '2026-10-15')).toEqual({ matters: 3, missingSteps: 1 });
    expect(decisionCounts([], [], '2026-10-15')).toEqual({ matters: 0, missingSteps: 0 });
  });
});
