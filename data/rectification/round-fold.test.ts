import { describe, expect, it } from 'vitest';
import { foldRound } from './round-fold.ts';
import { KANGJIAPING, kangjiapingRound, opened, roundOf, TEAM, VILLAGE } from './test-fixtures.ts';

describe('foldRound', () => {
  const state = foldRound(kangjiapingRound(), '2026-09-29');

  it('carries the opening', () => {
    expect(state).toMatchObject({
      id: '1',
      scope: KANGJIAPING,
      sample: false,
      title: '2026年第二轮巡察',
      team: TEAM,
      objectName: VILLAGE,
      start: '2026-09-01',
      end: '2026-09-30',
      contact: '巡察组电话 0744-2881234；村部设意见箱',
      openedAt: '2026-09-01T01:00:00.000Z',
      asOf: '2026-09-29',
      closed: null,
    });
  });

  it('sets each problem open, in progress or closed from its tasks', () => {
    expect(state.problems.map((p) => [p.id, p.status, p.tasks])).toEqual([
      ['P1', 'in-progress', ['T1', 'T3']],
      ['P2', 'open', ['T2']],
    ]);
    expect(state.problems[1]).toEqual({
      id: 'P2',
      village: KANGJIAPING,
      source: 'complaint',
      sourceRef: '42',
      description: '低保评议结果未张榜公示',
      amount: null,
      addedAt: '2026-09-03T02:10:00.000Z',
      status: 'open',
      tasks: ['T2'],
    });
  });

  it('keeps a returned and then accepted task with its evidence and reviews in order', () => {
    expect(state.tasks[0]).toEqual({
      id: 'T1',
      problem: 'P1',
      measure: '追回多付工程款',
      responsible: '村党支部书记',
      village: KANGJIAPING,
      deadline: '2026-09-30',
      immediate: true,
      addedAt: '2026-09-04T02:00:00.000Z',
      state: 'closed',
      evidence: [
        { text: '已追回，附银行回单', at: '2026-09-10T03:00:00.000Z', actor: VILLAGE },
        { text: '补交全部回单，共12,000.00元', at: '2026-09-15T03:00:00.000Z', actor: VILLAGE },
      ],
      reviews: [
        { kind: 'returned', reason: '回单金额与应追回金额不一致', at: '2026-09-11T03:00:00.000Z', actor: TEAM },
        { kind: 'closed', verdict: '经核实已全额追回', recovered: 1_200_000, at: '2026-09-16T03:00:00.000Z', actor: TEAM },
      ],
      closedAt: '2026-09-16T03:00:00.000Z',
      recovered: 1_200_000,
      due: 'done',
      workingDaysLeft: null,
    });
    expect(state.tasks.map((t) => [t.id, t.state, t.due, t.workingDaysLeft])).toEqual([
      ['T1', 'closed', 'done', null],
      ['T2', 'open', 'due-soon', 3],
      ['T3', 'submitted', 'on-time', 63],
    ]);
  });

  it('adds up money recovered at closing and recorded on its own, in fen', () => {
    expect(state.recoveries).toEqual({
      total: 1_250_000,
      items: [
        { kind: 'task-closed', task: 'T1', problem: 'P1', amount: 1_200_000, note: null, at: '2026-09-16T03:00:00.000Z' },
        { kind: 'recorded', task: null, problem: null, amount: 50_000, note: '收回多发的误工补贴', at: '2026-09-20T03:00:00.000Z' },
      ],
    });
    expect(state.rules).toEqual([{ title: '康家坪村工程款支付审批规程', at: '2026-09-21T03:00:00.000Z', actor: TEAM }]);
  });

  it('counts', () => {
    expect(state.counts).toEqual({
      problems: 2,
      problemsClosed: 0,
      problemsInProgress: 1,
      tasks: 3,
      tasksClosed: 1,
      immediate: 2,
      immediateClosed: 1,
      longTerm: 1,
      longTermOpen: 1,
      overdue: 0,
      dueSoon: 1,
      recovered: 1_250_000,
      rulesAdopted: 1,
    });
  });

  it('closes a problem once all its tasks are closed, and the round with its summary', () => {
    const base = kangjiapingRound();
    const round = roundOf([
      ...base.events,
      { type: 'task-closed', task: 'T2', verdict: '已重新评议并公示', recovered: null, at: '2026-09-25T02:00:00.000Z', actor: TEAM },
      { type: 'round-closed', summary: '立行立改事项全部完成', at: '2026-09-30T02:00:00.000Z', actor: TEAM },
    ]);
    const closed = foldRound(round, '2026-09-30');
    expect(closed.problems.map((p) => p.status)).toEqual(['in-progress', 'closed']);
    expect(closed.closed).toEqual({ summary: '立行立改事项全部完成', at: '2026-09-30T02:00:00.000Z', actor: TEAM });
    expect(closed.counts).toMatchObject({ problemsClosed: 1, problemsInProgress: 1, immediateClosed: 2, longTermOpen: 1, recovered: 1_250_000 });
  });

  it('puts a problem in progress once evidence is in, even evidence later returned', () => {
    const base = kangjiapingRound();
    const submitted = roundOf([...base.events, { type: 'evidence-submitted', task: 'T2', text: '已召开会议', at: '2026-09-24T02:00:00.000Z', actor: VILLAGE }]);
    expect(foldRound(submitted, '2026-09-24').problems[1]?.status).toBe('in-progress');
    const returned = roundOf([...submitted.events, { type: 'task-returned', task: 'T2', reason: '缺会议记录', at: '2026-09-25T02:00:00.000Z', actor: TEAM }]);
    expect(foldRound(returned, '2026-09-25').problems[1]?.status).toBe('in-progress');
    expect(foldRound(returned, '2026-09-25').tasks[1]?.state).toBe('open');
  });

  it('leaves a problem without tasks open', () => {
    const round = roundOf([opened(), { type: 'problem-added', problem: 'P1', village: null, source: 'audit', sourceRef: null, description: '账实不符', amount: 30_000, at: '2026-09-02T02:00:00.000Z', actor: TEAM }]);
    expect(foldRound(round, '2026-09-02').problems.map((p) => p.status)).toEqual(['open']);
  });
});

describe('foldRound: due dates around 国庆 2026', () => {
  // T2 is due Friday 2026-10-09; 10-01 to 10-07 are holidays, Saturday 10-10 is worked (调休)
  const t2 = (today: string, dueSoon?: number) => foldRound(kangjiapingRound(), today, dueSoon).tasks.find((t) => t.id === 'T2');

  it('is on time with four working days left, eleven calendar days ahead', () => {
    expect(t2('2026-09-28')).toMatchObject({ due: 'on-time', workingDaysLeft: 4 });
  });

  it('is due soon with three working days left though the deadline is ten calendar days off', () => {
    expect(t2('2026-09-29')).toMatchObject({ due: 'due-soon', workingDaysLeft: 3 });
  });

  it('stays due soon through the holiday and on the deadline itself', () => {
    expect(t2('2026-10-03')).toMatchObject({ due: 'due-soon', workingDaysLeft: 2 });
    expect(t2('2026-10-09')).toMatchObject({ due: 'due-soon', workingDaysLeft: 0 });
  });

  it('is overdue the day after, the 调休 Saturday', () => {
    expect(t2('2026-10-10')).toMatchObject({ due: 'overdue', workingDaysLeft: -1 });
    expect(foldRound(kangjiapingRound(), '2026-10-10').counts).toMatchObject({ overdue: 1, dueSoon: 0 });
  });

  it('takes the due-soon window as a parameter', () => {
    expect(t2('2026-09-28', 4)).toMatchObject({ due: 'due-soon' });
    expect(t2('2026-09-29', 2)).toMatchObject({ due: 'on-time' });
  });
});
