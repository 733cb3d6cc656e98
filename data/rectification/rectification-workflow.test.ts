import { describe, expect, it } from 'vitest';
import { RectificationAction, type RoundRecord, type TaskState } from './rectification.ts';
import { openRound, rectificationAction } from './rectification-workflow.ts';
import { afterActions, KANGJIAPING, kangjiapingRound, opened, OPENING, roundOf, SONGJIAXI, TEAM, VILLAGE } from './test-fixtures.ts';

const AT = '2026-09-22T02:00:00.000Z';

function act(round: RoundRecord, input: unknown, actor = TEAM) {
  return rectificationAction(round, RectificationAction.parse(input), actor, AT);
}

const problem = (extra: object = {}) => ({ type: 'add-problem', village: KANGJIAPING, source: 'inspection', description: '村务公开栏未按季度更新', ...extra });
const task = (extra: object = {}) => ({ type: 'add-task', problem: 'P1', measure: '按季度更新公开栏', responsible: '村委会主任', deadline: '2026-10-30', immediate: true, ...extra });

/** A round with one problem and a task T1 in the given state. */
function withTaskIn(state: TaskState): RoundRecord {
  const base = afterActions(roundOf([opened()]), [
    [problem(), '2026-09-02T02:00:00.000Z'],
    [task(), '2026-09-02T03:00:00.000Z'],
  ]);
  if (state === 'open') return base;
  const submitted = afterActions(base, [[{ type: 'submit-evidence', task: 'T1', text: '已更新，附照片' }, '2026-09-03T02:00:00.000Z', VILLAGE]]);
  if (state === 'submitted') return submitted;
  return afterActions(submitted, [[{ type: 'close-task', task: 'T1', verdict: '已核实' }, '2026-09-04T02:00:00.000Z']]);
}

describe('openRound', () => {
  it('makes the opening event from the input, the inspected division and the actor', () => {
    expect(openRound(OPENING, VILLAGE, TEAM, '2026-09-01T01:00:00.000Z', false)).toEqual({
      scope: KANGJIAPING,
      sample: false,
      at: '2026-09-01T01:00:00.000Z',
      opened: {
        type: 'opened',
        objectName: VILLAGE,
        scope: KANGJIAPING,
        title: '2026年第二轮巡察',
        team: TEAM,
        start: '2026-09-01',
        end: '2026-09-30',
        contact: '巡察组电话 0744-2881234；村部设意见箱',
        at: '2026-09-01T01:00:00.000Z',
        actor: TEAM,
      },
    });
    expect(openRound(OPENING, VILLAGE, TEAM, '2026-09-01T01:00:00.000Z', true).sample).toBe(true);
  });
});

describe('rectificationAction: ids', () => {
  it('numbers problems and tasks in order from the events already there', () => {
    const round = kangjiapingRound();
    expect(act(round, problem({ source: 'audit' }))).toEqual({
      ok: true,
      events: [{ type: 'problem-added', problem: 'P3', village: KANGJIAPING, source: 'audit', sourceRef: null, description: '村务公开栏未按季度更新', amount: null, at: AT, actor: TEAM }],
    });
    expect(act(round, task({ problem: 'P2', immediate: false }))).toEqual({
      ok: true,
      events: [{ type: 'task-added', task: 'T4', problem: 'P2', measure: '按季度更新公开栏', responsible: '村委会主任', village: KANGJIAPING, deadline: '2026-10-30', immediate: false, at: AT, actor: TEAM }],
    });
    expect(act(roundOf([opened()]), problem())).toMatchObject({ ok: true, events: [{ problem: 'P1' }] });
  });

  it("gives a task without a village its problem's", () => {
    const round = afterActions(roundOf([opened()]), [[problem(), AT]]);
    expect(act(round, task())).toMatchObject({ ok: true, events: [{ task: 'T1', village: KANGJIAPING }] });
    const noVillage = afterActions(roundOf([opened()]), [[problem({ village: null }), AT]]);
    expect(act(noVillage, task())).toMatchObject({ ok: true, events: [{ task: 'T1', village: null }] });
  });
});

describe('rectificationAction: refusals', () => {
  it('refuses every action on a closed round', () => {
    const closed = afterActions(withTaskIn('closed'), [[{ type: 'close-round', summary: '整改完成' }, AT]]);
    for (const input of [problem(), task(), { type: 'submit-evidence', task: 'T1', text: '补充' }, { type: 'adopt-rule', title: '公开栏管理办法' }, { type: 'close-round', summary: '再次总结' }]) {
      expect(act(closed, input)).toEqual({ ok: false, failure: { kind: 'round-closed' } });
    }
  });

  it('refuses a task for an unknown problem', () => {
    expect(act(withTaskIn('open'), task({ problem: 'P2' }))).toEqual({ ok: false, failure: { kind: 'no-such-problem', problem: 'P2' } });
  });

  it('refuses evidence, closing and returning for an unknown task', () => {
    const round = withTaskIn('open');
    for (const input of [
      { type: 'submit-evidence', task: 'T2', text: '照片' },
      { type: 'close-task', task: 'T2', verdict: '已核实' },
      { type: 'return-task', task: 'T2', reason: '不完整' },
    ]) {
      expect(act(round, input)).toEqual({ ok: false, failure: { kind: 'no-such-task', task: 'T2' } });
    }
  });

  it('refuses a village outside the round, for a problem and for a task', () => {
    const round = withTaskIn('open');
    expect(act(round, problem({ village: SONGJIAXI }))).toEqual({ ok: false, failure: { kind: 'village-outside-round', village: SONGJIAXI, scope: KANGJIAPING } });
    expect(act(round, task({ village: SONGJIAXI }))).toEqual({ ok: false, failure: { kind: 'village-outside-round', village: SONGJIAXI, scope: KANGJIAPING } });
  });

  it("takes any village under a township round's code", () => {
    const township = roundOf([opened()], '2', '430821212');
    expect(act(township, problem({ village: KANGJIAPING }))).toMatchObject({ ok: true });
    expect(act(township, problem({ village: SONGJIAXI }))).toEqual({ ok: false, failure: { kind: 'village-outside-round', village: SONGJIAXI, scope: '430821212' } });
  });

  it('refuses a recovery naming an unknown problem, and takes one naming none', () => {
    const round = withTaskIn('open');
    expect(act(round, { type: 'record-recovery', problem: 'P7', amount: 10_000, note: '退回' })).toEqual({ ok: false, failure: { kind: 'no-such-problem', problem: 'P7' } });
    expect(act(round, { type: 'record-recovery', amount: 10_000, note: '退回' })).toEqual({
      ok: true,
      events: [{ type: 'recovery-recorded', problem: null, amount: 10_000, note: '退回', at: AT, actor: TEAM }],
    });
  });
});

describe('rectificationAction: a task from each state', () => {
  // written out by hand: false where the action is refused
  const TABLE: [type: 'submit-evidence' | 'close-task' | 'return-task', from: TaskState, allowed: boolean][] = [
    ['submit-evidence', 'open', true],
    ['submit-evidence', 'submitted', true],
    ['submit-evidence', 'closed', false],
    ['close-task', 'open', true],
    ['close-task', 'submitted', true],
    ['close-task', 'closed', false],
    ['return-task', 'open', false],
    ['return-task', 'submitted', true],
    ['return-task', 'closed', false],
  ];
  const INPUT = {
    'submit-evidence': { type: 'submit-evidence', task: 'T1', text: '补充照片' },
    'close-task': { type: 'close-task', task: 'T1', verdict: '已核实', recovered: 5_000 },
    'return-task': { type: 'return-task', task: 'T1', reason: '照片不清晰' },
  };
  const EVENT = {
    'submit-evidence': { type: 'evidence-submitted', task: 'T1', text: '补充照片' },
    'close-task': { type: 'task-closed', task: 'T1', verdict: '已核实', recovered: 5_000 },
    'return-task': { type: 'task-returned', task: 'T1', reason: '照片不清晰' },
  };

  it.each(TABLE)('%s from %s: allowed %s', (type, from, allowed) => {
    const result = act(withTaskIn(from), INPUT[type]);
    if (allowed) expect(result).toEqual({ ok: true, events: [{ ...EVENT[type], at: AT, actor: TEAM }] });
    else expect(result).toEqual({ ok: false, failure: { kind: 'task-state', task: 'T1', state: from, action: type } });
  });
});

describe('rectificationAction: closing the round', () => {
  it('refuses while a 立行立改 task is not closed', () => {
    // T2 (立行立改) is open; T3 is long-term
    expect(act(kangjiapingRound(), { type: 'close-round', summary: '整改完成' })).toEqual({
      ok: false,
      failure: { kind: 'task-state', task: 'T2', state: 'open', action: 'close-round' },
    });
  });

  it('closes with long-term tasks still open', () => {
    const round = afterActions(kangjiapingRound(), [[{ type: 'close-task', task: 'T2', verdict: '已重新评议并公示' }, '2026-09-25T02:00:00.000Z']]);
    expect(act(round, { type: 'close-round', summary: '立行立改事项全部完成，长期事项持续跟踪' })).toEqual({
      ok: true,
      events: [{ type: 'round-closed', summary: '立行立改事项全部完成，长期事项持续跟踪', at: AT, actor: TEAM }],
    });
  });
});
