import { describe, expect, it } from 'vitest';
import { representativesQuorum } from './representatives-quorum.ts';
import { roadContext, roadMatter, wastelandMatter, withStep } from './test-records.ts';

const defaults = representativesQuorum.settings.parse({});

function villagersMeeting(fields: { noticeDate: string | null; present?: number; votesFor?: number }) {
  return withStep(roadMatter(), 'villagers-resolution', { label: '村民会议决议', expected: 820, present: 460, votesFor: 300, ...fields });
}

describe('representatives-quorum', () => {
  it('passes a 村民代表会议 of 38 of 45 with 35 in favour', () => {
    expect(representativesQuorum.run(roadMatter(), roadContext(), defaults).map((o) => [o.status, o.message])).toEqual([
      ['passed', '村民代表会议应到45人、实到38人，达到应到人数的三分之二（30人）'],
      ['passed', '村民代表会议实到38人、赞成35人，超过实到人数的半数（至少20人）'],
    ]);
  });

  it('fails a 村民代表会议 short of two thirds of its members', () => {
    const record = withStep(wastelandMatter(), 'villagers-resolution', { present: 29, votesFor: 20 });
    expect(representativesQuorum.run(record, roadContext(), defaults).map((o) => [o.status, o.message])).toEqual([
      ['failed', '村民代表会议应到45人、实到29人，不足应到人数的三分之二（30人）'],
      ['passed', '村民代表会议实到29人、赞成20人，超过实到人数的半数（至少15人）'],
    ]);
  });

  it('fails a 村民代表会议 where half of those present is not exceeded', () => {
    const record = withStep(roadMatter(), 'villagers-resolution', { votesFor: 19 });
    expect(representativesQuorum.run(record, roadContext(), defaults)[1]).toMatchObject({ status: 'failed', message: '村民代表会议实到38人、赞成19人，没有超过实到人数的半数（至少需20人）' });
  });

  it('reads the body from the label when the register does not say, and the recorded body over the label', () => {
    const byLabel = representativesQuorum.run(villagersMeeting({ noticeDate: '2026-03-08' }), roadContext(), defaults);
    expect(byLabel.map((o) => o.message)).toEqual(['村民会议实到460人、赞成300人，超过实到人数的半数（至少231人）', '村民会议于2026-03-18召开，2026-03-08通知，提前10天，达到提前10天通知的要求']);
    const byBody = withStep(roadMatter(), 'villagers-resolution', { label: '决议', body: 'villagers-meeting', noticeDate: '2026-03-08' });
    expect(representativesQuorum.run(byBody, roadContext(), defaults).map((o) => o.message)).toEqual([
      '村民会议实到38人、赞成35人，超过实到人数的半数（至少20人）',
      '村民会议于2026-03-18召开，2026-03-08通知，提前10天，达到提前10天通知的要求',
    ]);
  });

  it('fails a 村民会议 announced fewer than ten days ahead', () => {
    const outcomes = representativesQuorum.run(villagersMeeting({ noticeDate: '2026-03-12' }), roadContext(), defaults);
    expect(outcomes[1]).toMatchObject({ status: 'failed', message: '村民会议于2026-03-18召开，2026-03-12通知，提前6天，不足10天' });
    const county = representativesQuorum.settings.parse({ villagersNoticeDays: 5 });
    expect(representativesQuorum.run(villagersMeeting({ noticeDate: '2026-03-12' }), roadContext(), county)[1]?.status).toBe('passed');
  });

  it('cannot judge a 村民会议 without a notice date, nor a body it cannot tell', () => {
    expect(representativesQuorum.run(villagersMeeting({ noticeDate: null }), roadContext(), defaults)[1]?.status).toBe('cannot-judge');
    const unclear = withStep(roadMatter(), 'villagers-resolution', { label: '会议决议' });
    expect(representativesQuorum.run(unclear, roadContext(), defaults)).toEqual([
      {
        check: 'representatives-quorum',
        status: 'cannot-judge',
        passed: false,
        step: 'villagers-resolution',
        message: '决议一步写作“会议决议”，看不出是村民会议还是村民代表会议，无法按相应的人数要求核对',
      },
    ]);
  });
});
