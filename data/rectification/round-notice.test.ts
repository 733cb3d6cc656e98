import { describe, expect, it } from 'vitest';
import { foldRound } from './round-fold.ts';
import { roundNotice } from './round-notice.ts';
import { KANGJIAPING, kangjiapingRound, opened, roundOf, TEAM } from './test-fixtures.ts';

describe('roundNotice', () => {
  const notice = roundNotice(foldRound(kangjiapingRound(), '2026-10-10'));

  it('heads the notice with the team and the inspected village', () => {
    expect(notice).toMatchObject({
      heading: '县委第三巡察组对康家坪村巡察整改情况公示',
      title: '2026年第二轮巡察',
      sampleLabel: null,
      start: '2026-09-01',
      end: '2026-09-30',
      asOf: '2026-10-10',
      contact: { label: '意见反映渠道', text: '巡察组电话 0744-2881234；村部设意见箱' },
      closing: null,
    });
  });

  it('counts each problem once, in words', () => {
    // P1: T1 closed, T3 (long-term) remaining → 长期整改; P2: T2 (立行立改) open → 正在整改
    expect(notice.counts).toEqual({ problems: 2, closed: 0, inProgress: 1, longTerm: 1 });
    expect(notice.summary).toBe('问题2个，已整改销号0个，正在整改1个，长期整改1个');
  });

  it('lists each problem with its measures, deadlines and states', () => {
    expect(notice.problems).toEqual([
      {
        id: 'P1',
        number: 1,
        village: KANGJIAPING,
        sourceLabel: '巡察发现',
        description: '2025年村道硬化工程款多付施工方12,000.00元',
        amount: 1_200_000,
        statusLabel: '长期整改',
        tasks: [
          { id: 'T1', measure: '追回多付工程款', responsible: '村党支部书记', deadline: '2026-09-30', kindLabel: '立行立改', stateLabel: '已销号' },
          { id: 'T3', measure: '建立工程款支付村务监督委员会签字制度', responsible: '村会计', deadline: '2026-12-31', kindLabel: '长期整改', stateLabel: '待验收' },
        ],
      },
      {
        id: 'P2',
        number: 2,
        village: KANGJIAPING,
        sourceLabel: '群众投诉',
        description: '低保评议结果未张榜公示',
        amount: null,
        statusLabel: '正在整改',
        tasks: [{ id: 'T2', measure: '召开村民代表会议重新评议并张榜公示', responsible: '村委会主任', deadline: '2026-10-09', kindLabel: '立行立改', stateLabel: '已逾期' }],
      },
    ]);
  });

  it('labels an open task 整改中 before its deadline', () => {
    expect(roundNotice(foldRound(kangjiapingRound(), '2026-10-09')).problems[1]?.tasks[0]?.stateLabel).toBe('整改中');
  });

  it('shows the money recovered and the rules adopted', () => {
    expect(notice.recovered).toEqual({ label: '追缴金额', fen: 1_250_000 });
    expect(notice.rules).toEqual({ label: '建章立制', summary: '新建完善制度1项', titles: ['康家坪村工程款支付审批规程'] });
  });

  it('shows the closing summary and counts a fully closed problem as 已整改销号', () => {
    const round = roundOf([
      ...kangjiapingRound().events,
      { type: 'task-closed', task: 'T2', verdict: '已公示', recovered: null, at: '2026-09-25T02:00:00.000Z', actor: TEAM },
      { type: 'round-closed', summary: '立行立改事项全部完成', at: '2026-09-30T02:00:00.000Z', actor: TEAM },
    ]);
    const closed = roundNotice(foldRound(round, '2026-10-10'));
    expect(closed.summary).toBe('问题2个，已整改销号1个，正在整改0个，长期整改1个');
    expect(closed.closing).toEqual({ label: '整改总结', summary: '立行立改事项全部完成' });
  });

  it('masks phone and ID numbers typed into the free text, and marks sample rounds', () => {
    const round = {
      ...roundOf([
        opened(),
        { type: 'problem-added', problem: 'P1', village: KANGJIAPING, source: 'complaint', sourceRef: '7', description: '群众（13987654321）反映补贴少发', amount: null, at: '2026-09-02T02:00:00.000Z', actor: TEAM },
        { type: 'task-added', task: 'T1', problem: 'P1', measure: '核实后补发到 430802199001017238 名下', responsible: '村会计', village: KANGJIAPING, deadline: '2026-10-30', immediate: true, at: '2026-09-02T03:00:00.000Z', actor: TEAM },
      ]),
      sample: true,
    };
    const masked = roundNotice(foldRound(round, '2026-09-02'));
    const json = JSON.stringify(masked);
    expect(json).not.toContain('13987654321');
    expect(json).not.toContain('430802199001017238');
    expect(masked.sampleLabel).toBe('示例数据');
    expect(masked.summary).toBe('问题1个，已整改销号0个，正在整改1个，长期整改0个');
  });

  it('counts a problem with no tasks yet as 正在整改', () => {
    const round = roundOf([
      opened(),
      { type: 'problem-added', problem: 'P1', village: null, source: 'audit', sourceRef: null, description: '账实不符', amount: 30_000, at: '2026-09-02T02:00:00.000Z', actor: TEAM },
    ]);
    const fresh = roundNotice(foldRound(round, '2026-09-02'));
    expect(fresh.summary).toBe('问题1个，已整改销号0个，正在整改1个，长期整改0个');
    expect(fresh.problems[0]).toMatchObject({ statusLabel: '正在整改', sourceLabel: '审计发现', tasks: [] });
  });

  it('has no Latin letters in any label a villager reads', () => {
    const labels = [notice.heading, notice.summary, notice.recovered.label, notice.rules.label, notice.rules.summary, notice.contact.label];
    for (const p of notice.problems) labels.push(p.sourceLabel, p.statusLabel, ...p.tasks.flatMap((t) => [t.kindLabel, t.stateLabel]));
    expect(labels.filter((l) => /[A-Za-z]/.test(l))).toEqual([]);
  });
});
