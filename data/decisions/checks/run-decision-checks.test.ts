import { describe, expect, it } from 'vitest';
import { DECISION_CHECK_IDS } from './decision-check.ts';
import { runDecisionChecks } from './run-decision-checks.ts';
import { roadContext, roadMatter, wastelandContext, wastelandMatter, withoutStep } from './test-records.ts';

describe('runDecisionChecks', () => {
  it('passes every check of matter 1 and shows 流程完整', () => {
    const { outcomes, summary } = runDecisionChecks(roadMatter(), roadContext());
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    expect(new Set(outcomes.map((o) => o.check))).toEqual(new Set(DECISION_CHECK_IDS));
    expect(summary).toEqual({ complete: true, missing: [], failed: [], cannotJudge: [], notYetDue: [], badge: '流程完整' });
  });

  it('fails matter 2 on the 党员大会 quorum and notes the result disclosure still to come', () => {
    const { summary } = runDecisionChecks(wastelandMatter(), wastelandContext());
    expect(summary.complete).toBe(false);
    expect(summary.missing).toEqual([]);
    expect(summary.failed.map((o) => o.message)).toEqual(['党员大会应到31人、实到19人，不足应到人数的三分之二（21人）']);
    expect(summary.notYetDue.map((o) => o.check)).toEqual(['steps-complete', 'result-disclosed-in-time']);
    expect(summary.badge).toBe('需说明：党员大会到会与表决人数');
  });

  it('names the missing steps on the badge', () => {
    const { summary } = runDecisionChecks(withoutStep(roadMatter(), 'party-members-meeting'), roadContext());
    expect(summary.missing).toEqual(['party-members-meeting']);
    expect(summary.badge).toBe('缺少：党员大会审议');
  });

  it('never shows 流程完整 when something could not be judged', () => {
    const { summary } = runDecisionChecks(roadMatter(), roadContext({ contractSignedOn: null, firstPaymentOn: null }));
    expect(summary.complete).toBe(false);
    expect(summary.badge).toBe('待核对：先决议、再签合同、再付款');
  });

  it('shows a matter under way as in progress', () => {
    const record = { ...wastelandMatter(), steps: wastelandMatter().steps.map((s) => (s.step === 'party-members-meeting' ? { ...s, present: 24 } : s)) };
    expect(runDecisionChecks(record, wastelandContext()).summary.badge).toBe('进行中：待实施结果公开');
  });

  it('runs only record-required for a project without a record', () => {
    const { outcomes, summary } = runDecisionChecks(null, roadContext({ requiresRecord: true }));
    expect(outcomes.map((o) => o.check)).toEqual(['record-required']);
    expect(summary.badge).toBe('缺少：四议两公开记录');
    expect(runDecisionChecks(null, roadContext({ requiresRecord: false })).summary.badge).toBe('无需四议两公开');
  });

  it('applies a county override and keeps the other defaults', () => {
    const strict = { 'party-meeting-quorum': { attendance: { num: 4, den: 5 } } };
    const { summary } = runDecisionChecks(roadMatter(), roadContext(), strict);
    expect(summary.failed.map((o) => o.message)).toEqual(['党员大会应到31人、实到24人，不足应到人数的五分之四（25人）']);
  });

  it('refuses settings it does not know or cannot read', () => {
    expect(() => runDecisionChecks(roadMatter(), roadContext(), { 'no-such-check': {} } as never)).toThrow(/no such decision check: no-such-check/);
    expect(() => runDecisionChecks(roadMatter(), roadContext(), { 'result-disclosed-in-time': { withinDays: -1 } })).toThrow(/result-disclosed-in-time/);
    expect(() => runDecisionChecks(roadMatter(), roadContext(), { 'steps-complete': { graceDays: 3 } })).toThrow(/steps-complete/);
  });
});
