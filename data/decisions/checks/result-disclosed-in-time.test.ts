import { describe, expect, it } from 'vitest';
import { resultDisclosedInTime as check } from './result-disclosed-in-time.ts';
import { roadContext, roadMatter, wastelandContext, wastelandMatter, withoutStep } from './test-records.ts';

const defaults = check.settings.parse({});

describe('result-disclosed-in-time', () => {
  it('passes a result published ten days after completion', () => {
    expect(check.run(roadMatter(), roadContext(), defaults)).toEqual([
      {
        check: 'result-disclosed-in-time',
        status: 'passed',
        passed: true,
        step: 'result-disclosure',
        message: '事项于2026-09-10完工或结算，实施结果于2026-09-20公开，相隔10天，在30天以内',
      },
    ]);
  });

  it('fails a result published later than the county allows', () => {
    expect(check.run(roadMatter(), roadContext(), check.settings.parse({ withinDays: 7 }))[0]).toMatchObject({
      status: 'failed',
      message: '事项于2026-09-10完工或结算，实施结果于2026-09-20公开，相隔10天，超过7天（最迟应在2026-09-17公开）',
    });
  });

  it('fails a finished matter with no result disclosure once the deadline has passed', () => {
    const record = withoutStep(roadMatter(), 'result-disclosure');
    expect(check.run(record, roadContext({ today: '2026-10-10' }), defaults)[0]?.status).toBe('not-yet-due');
    expect(check.run(record, roadContext({ today: '2026-10-11' }), defaults)[0]?.message).toBe('事项于2026-09-10完工或结算，已超过30天（最迟2026-10-10），还没有实施结果公开');
  });

  it('does not yet expect a result of a matter not finished', () => {
    expect(check.run(wastelandMatter(), wastelandContext(), defaults).map((o) => o.status)).toEqual(['not-yet-due']);
  });

  it('cannot judge the timing of a result when completion is not recorded', () => {
    expect(check.run({ ...roadMatter(), completedOn: null }, roadContext(), defaults).map((o) => o.status)).toEqual(['cannot-judge']);
  });
});
