import { describe, expect, it } from 'vitest';
import { roadMatter, wastelandMatter, withoutStep } from './checks/test-records.ts';
import { decisionCounts } from './decision-counts.ts';
import type { DecisionMatter } from './decision-matter.ts';
import { factsOf, type DecisionEntry } from './decision-matter.ts';
import type { DecisionRecord } from './decision-record.ts';

function stored(id: string, record: DecisionRecord): DecisionMatter {
  const at = '2026-09-25T08:00:00.000Z';
  const entries: DecisionEntry[] = [
    { seq: 1, recordedAt: at, logIndex: 0, entry: 'matter', value: factsOf(record) },
    ...record.steps.map((value, i): DecisionEntry => ({ seq: i + 2, recordedAt: at, logIndex: i + 1, entry: 'step', value })),
  ];
  return { id, village: record.village, subject: record.subject, sample: false, createdAt: at, entries };
}

describe('decision counts for a township or county page', () => {
  it('counts the matters and those lacking a step owed by today', () => {
    const matters = [stored('1', roadMatter()), stored('2', withoutStep(wastelandMatter(), 'party-members-meeting')), stored('3', wastelandMatter())];
    expect(decisionCounts(matters, [], '2026-10-15')).toEqual({ matters: 3, missingSteps: 1 });
    expect(decisionCounts([], [], '2026-10-15')).toEqual({ matters: 0, missingSteps: 0 });
  });
});
