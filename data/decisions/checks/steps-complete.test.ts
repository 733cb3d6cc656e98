import { describe, expect, it } from 'vitest';
import { stepsComplete } from './steps-complete.ts';
import { roadContext, roadMatter, wastelandContext, wastelandMatter, withoutStep } from './test-records.ts';

const defaults = stepsComplete.settings.parse({});

describe('steps-complete', () => {
  it('passes a matter with all six steps', () => {
    expect(stepsComplete.run(roadMatter(), roadContext(), defaults)).toEqual([
      { check: 'steps-complete', status: 'passed', passed: true, step: null, message: '登记表中六个步骤齐全' },
    ]);
  });

  it('names each missing step by its Chinese name', () => {
    const outcomes = stepsComplete.run(withoutStep(roadMatter(), 'party-members-meeting', 'committees-discussion'), roadContext(), defaults);
    expect(outcomes.map((o) => [o.status, o.step, o.message])).toEqual([
      ['failed', 'committees-discussion', '登记表中没有“两委会议商议”这一步'],
      ['failed', 'party-members-meeting', '登记表中没有“党员大会审议”这一步'],
    ]);
  });

  it('does not yet ask for the result disclosure of a matter not finished', () => {
    const outcomes = stepsComplete.run(wastelandMatter(), wastelandContext(), defaults);
    expect(outcomes.map((o) => o.status)).toEqual(['passed', 'not-yet-due']);
    expect(outcomes[1]?.step).toBe('result-disclosure');
  });

  it('asks for the result disclosure once the grace after completion has passed', () => {
    const record = { ...withoutStep(roadMatter(), 'result-disclosure'), completedOn: '2026-09-10' };
    expect(stepsComplete.run(record, roadContext({ today: '2026-10-10' }), defaults).map((o) => o.status)).toEqual(['passed', 'not-yet-due']);
    const late = stepsComplete.run(record, roadContext({ today: '2026-10-11' }), defaults);
    expect(late).toEqual([
      {
        check: 'steps-complete',
        status: 'failed',
        passed: false,
        step: 'result-disclosure',
        message: '登记表中没有“实施结果公开”这一步：事项于2026-09-10完工或结算，已超过30天（最迟应在2026-10-10公开）',
      },
    ]);
  });

  it('asks for it anyway a year after the resolution when completion is never recorded', () => {
    const outcomes = stepsComplete.run(wastelandMatter(), wastelandContext({ today: '2027-05-23' }), defaults);
    expect(outcomes.map((o) => o.status)).toEqual(['failed']);
    expect(outcomes[0]?.message).toContain('决议已超过365天（2026-05-22作出）');
  });

  it('takes the county grace period from its settings', () => {
    const record = { ...withoutStep(roadMatter(), 'result-disclosure'), completedOn: '2026-09-10' };
    const strict = stepsComplete.settings.parse({ resultDueDays: 5 });
    expect(stepsComplete.run(record, roadContext({ today: '2026-09-16' }), strict).map((o) => o.status)).toEqual(['failed']);
  });
});
