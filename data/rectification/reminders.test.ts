import { describe, expect, it } from 'vitest';
import { remindersFor } from './reminders.ts';
import { foldRound } from './round-fold.ts';
import { KANGJIAPING, kangjiapingRound, roundOf, TEAM, VILLAGE } from './test-fixtures.ts';

describe('remindersFor', () => {
  it('sends nothing while every deadline is far off', () => {
    expect(remindersFor([foldRound(kangjiapingRound(), '2026-09-28')])).toEqual([]);
  });

  it('reminds the responsible person before the deadline (整改情况提醒书)', () => {
    expect(remindersFor([foldRound(kangjiapingRound(), '2026-09-29')])).toEqual([
      {
        round: '1',
        roundTitle: '2026年第二轮巡察',
        team: TEAM,
        objectName: VILLAGE,
        sample: false,
        task: 'T2',
        problem: 'P2',
        measure: '召开村民代表会议重新评议并张榜公示',
        responsible: '村委会主任',
        village: KANGJIAPING,
        deadline: '2026-10-09',
        immediate: true,
        state: 'open',
        due: 'due-soon',
        workingDaysLeft: 3,
        waitingFor: 'responsible',
        notice: '整改情况提醒书',
      },
    ]);
  });

  it('warns once the deadline is missed (告诫书)', () => {
    expect(remindersFor([foldRound(kangjiapingRound(), '2026-10-10')])).toMatchObject([{ task: 'T2', due: 'overdue', workingDaysLeft: -1, notice: '告诫书' }]);
  });

  it('lists a task waiting for review for the reviewers, with no notice to the village', () => {
    // T3 (long-term, evidence submitted) is due 2026-12-31
    const reminders = remindersFor([foldRound(kangjiapingRound(), '2026-12-29')]);
    expect(reminders.map((r) => [r.task, r.due, r.waitingFor, r.notice])).toEqual([
      ['T2', 'overdue', 'responsible', '告诫书'],
      ['T3', 'due-soon', 'reviewer', null],
    ]);
  });

  it('keeps reminding of long-term tasks after the round is closed, and never of closed tasks', () => {
    const base = kangjiapingRound();
    const closed = roundOf([
      ...base.events,
      { type: 'task-closed', task: 'T2', verdict: '已公示', recovered: null, at: '2026-09-25T02:00:00.000Z', actor: TEAM },
      { type: 'task-returned', task: 'T3', reason: '制度尚未经村民代表会议通过', at: '2026-09-28T02:00:00.000Z', actor: TEAM },
      { type: 'round-closed', summary: '立行立改事项全部完成', at: '2026-09-30T02:00:00.000Z', actor: TEAM },
    ]);
    expect(remindersFor([foldRound(closed, '2027-01-04')]).map((r) => [r.task, r.due, r.notice])).toEqual([['T3', 'overdue', '告诫书']]);
    expect(remindersFor([foldRound(closed, '2026-10-10')])).toEqual([]);
  });

  it('puts overdue tasks first, then the nearest deadline, across rounds', () => {
    const first = foldRound(kangjiapingRound(), '2026-10-09');
    const second = foldRound({ ...kangjiapingRound(), id: '2' }, '2026-10-09');
    const late = foldRound(
      roundOf(
        [
          ...kangjiapingRound().events.slice(0, 2),
          { type: 'task-added', task: 'T1', problem: 'P1', measure: '追回多付工程款', responsible: '村党支部书记', village: KANGJIAPING, deadline: '2026-09-30', immediate: true, at: '2026-09-04T02:00:00.000Z', actor: TEAM },
        ],
        '3',
      ),
      '2026-10-09',
    );
    expect(remindersFor([first, second, late]).map((r) => `${r.round}/${r.task}/${r.due}`)).toEqual(['3/T1/overdue', '1/T2/due-soon', '2/T2/due-soon']);
  });
});
