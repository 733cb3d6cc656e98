import { describe, expect, it } from 'vitest';
import { sameSubject } from './same-subject.ts';
import { roadContext, roadMatter, wastelandMatter, withStep } from './test-records.ts';

const defaults = sameSubject.settings.parse({});

describe('same-subject', () => {
  it('passes a clear 事由 that no row contradicts, ignoring 事由来源', () => {
    // matter 1's first row says 事由来源：村民建议, which is where the matter came from, not another 事由
    expect(sameSubject.run(roadMatter(), roadContext(), defaults)).toEqual([
      { check: 'same-subject', status: 'passed', passed: true, step: null, message: '事由“龙岗村二组至四组通组公路硬化工程”写明，登记表各行没有写成别的事由' },
    ]);
  });

  it('accepts a row repeating the 事由 with different spacing', () => {
    const record = withStep(wastelandMatter(), 'party-members-meeting', { content: '事由： 村集体荒山（老鸦坡） 经营权流转。审议流转方案' });
    expect(sameSubject.run(record, roadContext(), defaults).map((o) => o.status)).toEqual(['passed']);
  });

  it('fails a row that names a different 事由', () => {
    const record = withStep(wastelandMatter(), 'villagers-resolution', { remark: '事由：老鸦坡荒山承包，表决通过' });
    expect(sameSubject.run(record, roadContext(), defaults)).toEqual([
      {
        check: 'same-subject',
        status: 'failed',
        passed: false,
        step: 'villagers-resolution',
        message: '“村民（代表）会议决议”一行写的事由“老鸦坡荒山承包”与登记表的事由“村集体荒山（老鸦坡）经营权流转”不一致',
      },
    ]);
  });

  it('fails a note under the table naming a different 事由', () => {
    const record = { ...roadMatter(), notes: ['事由：龙岗村五组公路硬化'] };
    expect(sameSubject.run(record, roadContext(), defaults).map((o) => [o.status, o.step])).toEqual([['failed', null]]);
  });

  it('fails a 事由 that does not say what the matter is', () => {
    for (const subject of ['修路', '见附件']) {
      const outcomes = sameSubject.run({ ...roadMatter(), subject }, roadContext(), defaults);
      expect(outcomes.map((o) => o.status)).toEqual(['failed']);
      expect(outcomes[0]?.message).toContain(`事由只写了“${subject}”`);
    }
  });
});
