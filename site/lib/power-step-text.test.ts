import { describe, expect, it } from 'vitest';
import { TWO_THIRDS } from '../../data/fraction.ts';
import { PARTY_MEETING_QUORUM, REPRESENTATIVES_QUORUM, step } from '../../data/power/default-steps.ts';
import { deadlineText, evidenceText, quorumText, stepFacts } from './power-step-text.ts';

describe('power step text', () => {
  it('says a deadline in calendar days with 自然日 and one in working days as such', () => {
    expect(deadlineText({ days: 10, unit: 'calendar', fromStep: 1 })).toBe('自第1步起10日内（自然日）');
    expect(deadlineText({ days: 5, unit: 'working', fromStep: 2 })).toBe('自第2步起5个工作日内');
  });

  it('says the quorum as attendance of those expected and approval of the base the rule counts', () => {
    expect(quorumText(PARTY_MEETING_QUORUM)).toBe('到会≥三分之二，赞成>半数（应到人数）');
    expect(quorumText(REPRESENTATIVES_QUORUM)).toBe('到会≥三分之二，赞成>半数（实到人数）');
    expect(quorumText({ presentAtLeast: TWO_THIRDS, approveMoreThan: null, base: 'expected' })).toBe('到会≥三分之二');
    expect(quorumText({ presentAtLeast: null, approveMoreThan: null, base: 'present' })).toBeNull();
  });

  it('lists every record in full and at most three in the short form', () => {
    expect(evidenceText(['contract', 'approval'], 3)).toBe('合同、批准书');
    expect(evidenceText(['meeting-minutes', 'sign-in-sheet', 'vote-result', 'notice-photo'], 3)).toBe('会议记录、签到表、表决结果等4项');
    expect(evidenceText(['meeting-minutes', 'sign-in-sheet', 'vote-result', 'notice-photo'])).toBe('会议记录、签到表、表决结果、公示照片');
  });

  it('says what a publishing step shows, where and for how long', () => {
    const facts = stepFacts({ seq: 5, ...step('决议公开', 'village-committee', ['notice-photo'], { disclosure: { what: '决议事项', where: ['村务公开栏', '网站'], minDays: 7 } }) });
    expect(facts.actor).toBe('村民委员会');
    expect(facts.disclosure).toBe('决议事项；公开地点：村务公开栏、网站，不少于7日');
    expect(facts.disclosureShort).toBe('村务公开栏、网站，不少于7日');
    expect(facts.deadline).toBeNull();
    expect(facts.quorum).toBeNull();
  });
});
