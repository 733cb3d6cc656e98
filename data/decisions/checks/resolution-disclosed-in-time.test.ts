import { describe, expect, it } from 'vitest';
import { resolutionDisclosedInTime as check } from './resolution-disclosed-in-time.ts';
import { roadContext, roadMatter, wastelandContext, wastelandMatter, withoutStep, withStep } from './test-records.ts';

const defaults = check.settings.parse({});

describe('resolution-disclosed-in-time', () => {
  it('passes a notice put up the day after the resolution and kept up seven days', () => {
    expect(check.run(roadMatter(), roadContext(), defaults).map((o) => [o.status, o.message])).toEqual([
      ['passed', '决议于2026-03-18作出，2026-03-19开始公开，相隔1天，在5天以内'],
      ['passed', '决议公示从2026-03-19到2026-03-26，共7天，达到7天'],
    ]);
  });

  it('fails a notice put up more than five days after the resolution', () => {
    const record = withStep(roadMatter(), 'resolution-disclosure', { date: '2026-03-25', postedFrom: '2026-03-25', postedUntil: '2026-04-01' });
    expect(check.run(record, roadContext(), defaults)[0]).toEqual({
      check: 'resolution-disclosed-in-time',
      status: 'failed',
      passed: false,
      step: 'resolution-disclosure',
      message: '决议于2026-03-18作出，2026-03-25开始公开，相隔7天，超过5天（最迟应在2026-03-23公开）',
    });
  });

  it('fails a notice kept up fewer days than the county requires', () => {
    const record = withStep(roadMatter(), 'resolution-disclosure', { postedUntil: '2026-03-22' });
    expect(check.run(record, roadContext(), defaults)[1]?.message).toBe('决议公示从2026-03-19到2026-03-22，共3天，不足7天');
    expect(check.run(roadMatter(), roadContext(), check.settings.parse({ minPostedDays: 10 }))[1]?.status).toBe('failed');
  });

  it('reads the posting period from the register’s words when no dates are given', () => {
    const record = withStep(roadMatter(), 'resolution-disclosure', { postedFrom: null, postedUntil: null });
    expect(check.run(record, roadContext(), defaults)[1]?.message).toBe('决议公示从2026-03-19到2026-03-26（据登记表所写“3月19日至3月26日”），共7天，达到7天');
    expect(check.run(wastelandMatter(), wastelandContext(), defaults)[1]?.message).toBe('决议公示（登记表写明“公示期7天”），共7天，达到7天');
  });

  it('reads a range over the new year into the next year', () => {
    const record = withStep(roadMatter(), 'resolution-disclosure', { postedFrom: null, postedUntil: null, content: '公示期：12月28日至1月4日' });
    expect(check.run(record, roadContext(), defaults)[1]?.message).toContain('从2026-12-28到2027-01-04');
  });

  it('cannot judge the duration when the register states neither dates nor days', () => {
    const record = withStep(wastelandMatter(), 'resolution-disclosure', { content: '公开流转方案' });
    expect(check.run(record, wastelandContext(), defaults)[1]?.status).toBe('cannot-judge');
  });

  it('waits for a missing notice until its deadline, then fails it', () => {
    const record = withoutStep(wastelandMatter(), 'resolution-disclosure');
    expect(check.run(record, wastelandContext({ today: '2026-05-27' }), defaults).map((o) => o.status)).toEqual(['not-yet-due']);
    expect(check.run(record, wastelandContext({ today: '2026-05-28' }), defaults).map((o) => [o.status, o.message])).toEqual([
      ['failed', '决议于2026-05-22作出，已超过5天（最迟2026-05-27），还没有决议公开的记录'],
    ]);
  });
});
