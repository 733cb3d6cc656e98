import { describe, expect, it } from 'vitest';
import { partyMeetingQuorum } from './party-meeting-quorum.ts';
import { roadContext, roadMatter, wastelandContext, wastelandMatter, withoutStep, withStep } from './test-records.ts';

const defaults = partyMeetingQuorum.settings.parse({});

describe('party-meeting-quorum', () => {
  it('passes 24 of 31 present and 22 in favour', () => {
    expect(partyMeetingQuorum.run(roadMatter(), roadContext(), defaults).map((o) => [o.status, o.message])).toEqual([
      ['passed', '党员大会应到31人、实到24人，达到应到人数的三分之二（21人）'],
      ['passed', '党员大会应到31人、赞成22人，超过应到人数的半数（至少16人）'],
    ]);
  });

  it('fails 19 of 31 present, naming 31, 19 and the 21 required', () => {
    const [present, votes] = partyMeetingQuorum.run(wastelandMatter(), wastelandContext(), defaults);
    expect(present).toEqual({
      check: 'party-meeting-quorum',
      status: 'failed',
      passed: false,
      step: 'party-members-meeting',
      message: '党员大会应到31人、实到19人，不足应到人数的三分之二（21人）',
    });
    expect(votes?.status).toBe('passed');
  });

  it('counts votes against all members, not those present', () => {
    // 15 of the 21 present is well over half of those there, but not more than half of the 31 members
    const record = withStep(roadMatter(), 'party-members-meeting', { present: 21, votesFor: 15 });
    expect(partyMeetingQuorum.run(record, roadContext(), defaults).map((o) => [o.status, o.message])).toEqual([
      ['passed', '党员大会应到31人、实到21人，达到应到人数的三分之二（21人）'],
      ['failed', '党员大会应到31人、赞成15人，没有超过应到人数的半数（至少需16人）'],
    ]);
  });

  it('applies a county threshold of four fifths', () => {
    const settings = partyMeetingQuorum.settings.parse({ attendance: { num: 4, den: 5 } });
    expect(partyMeetingQuorum.run(roadMatter(), roadContext(), settings)[0]?.message).toBe('党员大会应到31人、实到24人，不足应到人数的五分之四（25人）');
  });

  it('says it cannot judge blank or contradictory counts', () => {
    const blank = withStep(roadMatter(), 'party-members-meeting', { present: null });
    expect(partyMeetingQuorum.run(blank, roadContext(), defaults)[0]).toMatchObject({ status: 'cannot-judge', message: '党员大会没有填写实到人数，无法核对到会人数' });
    const morePresentThanMembers = withStep(roadMatter(), 'party-members-meeting', { present: 35 });
    expect(partyMeetingQuorum.run(morePresentThanMembers, roadContext(), defaults)[0]).toMatchObject({
      status: 'cannot-judge',
      message: '党员大会应到31人、实到35人，人数前后矛盾，无法核对到会人数',
    });
    const moreForThanPresent = withStep(roadMatter(), 'party-members-meeting', { present: 20, votesFor: 22 });
    expect(partyMeetingQuorum.run(moreForThanPresent, roadContext(), defaults)[1]?.status).toBe('cannot-judge');
  });

  it('cannot judge a matter whose register has no 党员大会', () => {
    expect(partyMeetingQuorum.run(withoutStep(roadMatter(), 'party-members-meeting'), roadContext(), defaults).map((o) => o.status)).toEqual(['cannot-judge']);
  });
});
