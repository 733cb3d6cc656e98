import { RectificationAction, type NewRectificationEvent, type NewRoundInput, type RoundRecord } from './rectification.ts';
import { rectificationAction } from './rectification-workflow.ts';

/** Shared by the rectification tests: one village round, written out by hand. */

export const KANGJIAPING = '430821212212';
/** 宋家溪村, in another county */
export const SONGJIAXI = '430802108202';
export const TEAM = '县委第三巡察组';
export const VILLAGE = '康家坪村';

export const OPENING: NewRoundInput = {
  scope: KANGJIAPING,
  title: '2026年第二轮巡察',
  team: TEAM,
  start: '2026-09-01',
  end: '2026-09-30',
  contact: '巡察组电话 0744-2881234；村部设意见箱',
};

/** A round from its events, numbered in order. */
export function roundOf(events: NewRectificationEvent[], id = '1', scope = KANGJIAPING): RoundRecord {
  return {
    id,
    scope,
    sample: false,
    openedAt: events[0]?.at ?? '',
    updatedAt: events.at(-1)?.at ?? '',
    events: events.map((e, i) => ({ ...e, seq: i + 1 })),
  };
}

export function opened(at = '2026-09-01T01:00:00.000Z'): NewRectificationEvent {
  return { type: 'opened', objectName: VILLAGE, ...OPENING, at, actor: TEAM };
}

/** Applies actions (zod input form) one after another, as the store would; fails the test on a refusal. */
export function afterActions(round: RoundRecord, steps: Array<[input: unknown, at: string, actor?: string]>): RoundRecord {
  let current = round;
  for (const [input, at, actor = TEAM] of steps) {
    const result = rectificationAction(current, RectificationAction.parse(input), actor, at);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.failure)}`);
    current = roundOf([...current.events, ...result.events], current.id, current.scope);
  }
  return current;
}

/**
 * A realistic round: two problems (one from the inspection, one from a complaint), three tasks
 * (two 立行立改, one long-term), evidence returned once then accepted with money recovered, a
 * recovery recorded on its own and a rule adopted.
 */
export function kangjiapingRound(): RoundRecord {
  const by = (at: string, actor = TEAM) => ({ at: `2026-${at}:00.000Z`, actor });
  return roundOf([
    opened(),
    { type: 'problem-added', problem: 'P1', village: KANGJIAPING, source: 'inspection', sourceRef: null, description: '2025年村道硬化工程款多付施工方12,000.00元', amount: 1_200_000, ...by('09-03T02:00') },
    { type: 'problem-added', problem: 'P2', village: KANGJIAPING, source: 'complaint', sourceRef: '42', description: '低保评议结果未张榜公示', amount: null, ...by('09-03T02:10') },
    { type: 'task-added', task: 'T1', problem: 'P1', measure: '追回多付工程款', responsible: '村党支部书记', village: KANGJIAPING, deadline: '2026-09-30', immediate: true, ...by('09-04T02:00') },
    { type: 'task-added', task: 'T2', problem: 'P2', measure: '召开村民代表会议重新评议并张榜公示', responsible: '村委会主任', village: KANGJIAPING, deadline: '2026-10-09', immediate: true, ...by('09-04T02:05') },
    { type: 'task-added', task: 'T3', problem: 'P1', measure: '建立工程款支付村务监督委员会签字制度', responsible: '村会计', village: KANGJIAPING, deadline: '2026-12-31', immediate: false, ...by('09-04T02:10') },
    { type: 'evidence-submitted', task: 'T1', text: '已追回，附银行回单', ...by('09-10T03:00', VILLAGE) },
    { type: 'task-returned', task: 'T1', reason: '回单金额与应追回金额不一致', ...by('09-11T03:00') },
    { type: 'evidence-submitted', task: 'T1', text: '补交全部回单，共12,000.00元', ...by('09-15T03:00', VILLAGE) },
    { type: 'task-closed', task: 'T1', verdict: '经核实已全额追回', recovered: 1_200_000, ...by('09-16T03:00') },
    { type: 'evidence-submitted', task: 'T3', text: '制度草案已提交村民代表会议讨论', ...by('09-18T03:00', VILLAGE) },
    { type: 'recovery-recorded', problem: null, amount: 50_000, note: '收回多发的误工补贴', ...by('09-20T03:00') },
    { type: 'rule-adopted', title: '康家坪村工程款支付审批规程', ...by('09-21T03:00') },
  ]);
}
