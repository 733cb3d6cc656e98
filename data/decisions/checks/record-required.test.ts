import { describe, expect, it } from 'vitest';
import { recordRequired as check } from './record-required.ts';
import { roadContext, roadMatter } from './test-records.ts';

const settings = check.settings.parse({});

describe('record-required', () => {
  it('runs on a project without a record', () => {
    expect(check.needsRecord).toBe(false);
  });

  it('passes a matter that has a record', () => {
    expect(check.run(roadMatter(), roadContext(), settings).map((o) => o.status)).toEqual(['passed']);
  });

  it('fails a project above the county threshold with no record', () => {
    expect(check.run(null, roadContext({ requiresRecord: true }), settings)).toEqual([
      {
        check: 'record-required',
        status: 'failed',
        passed: false,
        step: null,
        message: '这个项目或合同按县里规定的事项和金额标准应当经过“四议两公开”，但没有找到决策记录',
      },
    ]);
  });

  it('passes a project the county does not require a record for', () => {
    expect(check.run(null, roadContext({ requiresRecord: false }), settings).map((o) => o.status)).toEqual(['passed']);
  });

  it('cannot judge when it is not known whether a record is required', () => {
    expect(check.run(null, roadContext({ requiresRecord: null }), settings).map((o) => o.status)).toEqual(['cannot-judge']);
  });
});
