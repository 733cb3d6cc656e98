import { describe, expect, it } from 'vitest';
import { stepOfLabel } from './step-labels.ts';

describe('step labels', () => {
  it('maps the names registers use to the six steps', () => {
    const cases: Array<[string, string, string | null]> = [
      ['党支部提议', 'party-proposal', null],
      ['党组织提议', 'party-proposal', null],
      ['村党组织提议', 'party-proposal', null],
      ['两委会议商议', 'committees-discussion', null],
      ['村两委商议', 'committees-discussion', null],
      ['两委联席会议', 'committees-discussion', null],
      ['党员大会审议', 'party-members-meeting', null],
      ['村民代表会议决议', 'villagers-resolution', 'representatives-meeting'],
      ['村民会议决议', 'villagers-resolution', 'villagers-meeting'],
      ['决议公开', 'resolution-disclosure', null],
      ['决议公示', 'resolution-disclosure', null],
      ['实施结果公开', 'result-disclosure', null],
      ['结果公开', 'result-disclosure', null],
    ];
    for (const [label, step, body] of cases) expect(stepOfLabel(label), label).toEqual({ step, body });
  });

  it('ignores spaces, full-width characters and the numbering in front', () => {
    for (const label of ['１．党支部提议', '第一步：党支部提议', '（一）党支部提议', '①党支部提议', '一、党支部提议', '党 支 部 提 议']) {
      expect(stepOfLabel(label)?.step, label).toBe('party-proposal');
    }
  });

  it('does not guess at a name it does not list', () => {
    expect(stepOfLabel('班子碰头会')).toBeNull();
    expect(stepOfLabel('党支部提议审议')).toBeNull();
    expect(stepOfLabel('村民代表会议决议公开')).toBeNull();
  });
});
