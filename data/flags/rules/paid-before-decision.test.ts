import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../rule-input.ts';
import { paidBeforeDecision } from './paid-before-decision.ts';
import { entry, financeLedger, ruleInput } from './test-builders.ts';

const settings = paidBeforeDecision.settings.parse({});

const decision: DecisionRecord = {
  matterId: '1',
  row: null,
  matter: '马头溪组道路硬化',
  project: '2026年马头溪组道路硬化工程项目',
  amount: 10_000_000,
  decidedAt: '2026-07-28',
};

function run(date: string, decisions: DecisionRecord[] = [decision]) {
  const ledger = financeLedger('2026-Q3', [entry(5, date, '支付马头溪组道路硬化工程进度款（第一期）', { expense: 3_000_000 })]);
  return paidBeforeDecision.run(ruleInput({ publications: [ledger], decisions }), settings);
}

describe('paid-before-decision', () => {
  it('flags a payment for the project dated the day before the decision', () => {
    expect(run('2026-07-27')).toEqual([
      {
        rule: 'paid-before-decision',
        village: '430821212212',
        key: '2026年马头溪组道路硬化工程项目:2026-07-28',
        title: '2026年马头溪组道路硬化工程项目于2026-07-28作出决议，此前已支出1笔共30,000.00元（最早2026-07-27）',
        detail:
          '四议两公开记录显示，“马头溪组道路硬化”（2026年马头溪组道路硬化工程项目）由村民会议或村民代表会议于2026-07-28作出决议。财务收支中写到这一项目、日期早于决议的支出有：2026-07-27 30,000.00元（支付马头溪组道路硬化工程进度款（第一期））。请说明这些款项为什么在决议之前支付，是否另有先行的决定。',
        amount: 3_000_000,
        evidence: [{ publicationId: 'finance-2026-Q3', village: '430821212212', kind: 'finance', row: 5, label: '2026年第三季度财务收支第5行' }],
        sample: false,
      },
    ]);
  });

  it('accepts a payment on the day of the decision', () => {
    expect(run('2026-07-28')).toEqual([]);
  });

  it('finds nothing without decision records', () => {
    expect(run('2026-07-01', [])).toEqual([]);
    expect(run('2026-07-01', [{ ...decision, project: null }])).toEqual([]);
  });

  it('explains that it needs 四议两公开 records', () => {
    expect(paidBeforeDecision.explanation).toContain('四议两公开记录');
  });
});
