import { describe, expect, it } from 'vitest';
import { RectificationAction, type NewRoundInput, type RectificationEvent, type RoundRecord } from '../../data/rectification/rectification.ts';
import { openRound, rectificationAction } from '../../data/rectification/rectification-workflow.ts';
import { foldRound, type RoundState } from '../../data/rectification/round-fold.ts';
import type { SiteInfo } from './page-model.ts';
import { buildRectificationView, villageTasks } from './rectification-view.ts';

const TODAY = '2026-12-06';
const TEAM = '慈利县委第二巡察组';
const KANGJIAPING = '430821212212';
const OTHER = '430821212213';
const SITE: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'https://example.org' };
const OPENING: NewRoundInput = { scope: '430821212', title: '2026年第二轮巡察', team: TEAM, start: '2026-09-01', end: '2026-09-30', contact: '巡察组电话 0744-3222110' };
const VILLAGES = new Map([
  [KANGJIAPING, { code: KANGJIAPING, name: '康家坪村' }],
  [OTHER, { code: OTHER, name: '金坪村' }],
]);

/** A round opened and then acted on through the workflow, as the store does it. */
function record(id: string, sample: boolean, steps: Array<[unknown, string, string?]>): RoundRecord {
  const opened = openRound(OPENING, '高峰土家族乡', TEAM, '2026-09-01T01:00:00.000Z', sample);
  let r: RoundRecord = { id, scope: opened.scope, sample: opened.sample, openedAt: opened.at, updatedAt: opened.at, events: [{ ...opened.opened, seq: 1 }] };
  for (const [action, at, actor = TEAM] of steps) {
    const result = rectificationAction(r, RectificationAction.parse(action), actor, at);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.failure)}`);
    const added = result.events.map((e, i) => ({ ...e, seq: r.events.length + i + 1 }) as RectificationEvent);
    r = { ...r, updatedAt: at, events: [...r.events, ...added] };
  }
  return r;
}

const at = (d: string) => `2026-${d}:00.000Z`;

/**
 * P1 (康家坪村): T1 立行立改 returned once then closed with money recovered; T3 long-term with evidence.
 * P2 (金坪村): T2 立行立改, past its deadline. P3 (no village): T4 assigned to 康家坪村 itself, not yet due.
 * P4 (金坪村): T5 closed. Plus a recovery recorded on its own and a rule adopted.
 */
const STEPS: Array<[unknown, string, string?]> = [
  [{ type: 'add-problem', village: KANGJIAPING, source: 'flag', sourceRef: '3', description: '工程款多付施工方12,000.00元', amount: 1_200_000 }, at('09-03T02:00')],
  [{ type: 'add-problem', village: OTHER, source: 'complaint', sourceRef: '42', description: '低保评议结果未张榜公示' }, at('09-03T02:10')],
  [{ type: 'add-task', problem: 'P1', measure: '追回多付工程款', responsible: '村党支部书记', deadline: '2026-09-30', immediate: true }, at('09-04T02:00')],
  [{ type: 'add-task', problem: 'P2', measure: '重新评议并张榜公示', responsible: '村委会主任', deadline: '2026-10-09', immediate: true }, at('09-04T02:05')],
  [{ type: 'add-task', problem: 'P1', measure: '建立工程款支付签字制度', responsible: '村会计', deadline: '2027-03-31', immediate: false }, at('09-04T02:10')],
  [{ type: 'add-problem', village: null, source: 'inspection', description: '乡村两级合同管理不规范' }, at('09-05T02:00')],
  [{ type: 'add-task', problem: 'P3', measure: '清理康家坪村合同台账', responsible: '乡经管站', village: KANGJIAPING, deadline: '2026-12-31', immediate: true }, at('09-05T02:10')],
  [{ type: 'add-problem', village: OTHER, source: 'audit', description: '票据不规范' }, at('09-05T03:00')],
  [{ type: 'add-task', problem: 'P4', measure: '补齐票据', responsible: '村报账员', deadline: '2026-10-31', immediate: true }, at('09-05T03:10')],
  [{ type: 'submit-evidence', task: 'T1', text: '已追回，附银行回单' }, at('09-10T03:00'), '康家坪村村委会'],
  [{ type: 'return-task', task: 'T1', reason: '回单金额不符' }, at('09-11T03:00')],
  [{ type: 'submit-evidence', task: 'T1', text: '补交全部回单' }, at('09-15T03:00'), '康家坪村村委会'],
  [{ type: 'close-task', task: 'T1', verdict: '经核实已全额追回', recovered: 1_200_000 }, at('09-16T03:00')],
  [{ type: 'submit-evidence', task: 'T3', text: '制度草案已提交讨论' }, at('09-18T03:00'), '康家坪村村委会'],
  [{ type: 'close-task', task: 'T5', verdict: '票据已补齐' }, at('09-19T03:00')],
  [{ type: 'record-recovery', problem: null, amount: 50_000, note: '收回多发的误工补贴' }, at('09-20T03:00')],
  [{ type: 'adopt-rule', title: '工程款支付审批规程' }, at('09-21T03:00')],
];

const STATE: RoundState = foldRound(record('1', false, STEPS), TODAY);

function view(state: RoundState = STATE) {
  return buildRectificationView({ site: SITE, state, crumbs: [{ name: '张家界市', href: '/' }], villages: VILLAGES });
}

describe('buildRectificationView', () => {
  it('gives the notice’s heading, dates and figures', () => {
    const v = view();
    expect(v).toMatchObject({
      kind: 'rectification',
      id: '1',
      heading: `${TEAM}对高峰土家族乡巡察整改情况公示`,
      title: `${TEAM}对高峰土家族乡巡察整改情况公示`,
      roundTitle: '2026年第二轮巡察',
      dates: '巡察时间 2026-09-01 至 2026-09-30',
      summary: '问题4个，已整改销号1个，正在整改2个，长期整改1个',
      asOf: '整改状态截至 2026-12-06',
      recovered: '12,500.00 元',
      rules: ['工程款支付审批规程'],
      contact: '巡察组电话 0744-3222110',
      closing: null,
      sample: false,
      apiHref: '/api/v1/rectification/rounds/1',
      crumbs: [{ name: '张家界市', href: '/' }],
    });
    expect(v.figures).toEqual([
      { label: '发现问题', value: '4', unit: '个' },
      { label: '已整改销号', value: '1', unit: '个' },
      { label: '正在整改', value: '2', unit: '个' },
      { label: '长期整改', value: '1', unit: '个' },
      { label: '追缴金额', value: '12,500.00', unit: '元' },
      { label: '建章立制', value: '1', unit: '项' },
    ]);
  });

  it('links each problem to its village, and to none when it has none or the village is unknown', () => {
    expect(view().problems.map((p) => [p.number, p.village, p.source, p.amount, p.statusLabel])).toEqual([
      [1, { label: '康家坪村', href: '/v/430821212212/' }, '数据核对提示', '12,000.00', '长期整改'],
      [2, { label: '金坪村', href: '/v/430821212213/' }, '群众投诉', null, '正在整改'],
      [3, null, '巡察发现', null, '正在整改'],
      [4, { label: '金坪村', href: '/v/430821212213/' }, '审计发现', null, '已整改销号'],
    ]);
    const unknown = buildRectificationView({ site: SITE, state: STATE, crumbs: [], villages: new Map() });
    expect(unknown.problems.map((p) => p.village)).toEqual([null, null, null, null]);
  });

  it('lists each task’s steps in time order: evidence, returns and the closing with the money recovered', () => {
    const t1 = view().problems[0]!.tasks.find((t) => t.id === 'T1')!;
    expect(t1.steps).toEqual([
      { label: '提交整改材料', at: '2026-09-10 11:00', iso: at('09-10T03:00'), actor: '康家坪村村委会', text: '已追回，附银行回单' },
      { label: '验收未通过', at: '2026-09-11 11:00', iso: at('09-11T03:00'), actor: TEAM, text: '回单金额不符' },
      { label: '提交整改材料', at: '2026-09-15 11:00', iso: at('09-15T03:00'), actor: '康家坪村村委会', text: '补交全部回单' },
      { label: '验收销号', at: '2026-09-16 11:00', iso: at('09-16T03:00'), actor: TEAM, text: '经核实已全额追回（追回 12,000.00 元）' },
    ]);
    const t5 = view().problems[3]!.tasks[0]!;
    expect(t5.steps).toEqual([{ label: '验收销号', at: '2026-09-19 11:00', iso: at('09-19T03:00'), actor: TEAM, text: '票据已补齐' }]);
    expect(view().problems[1]!.tasks[0]!.steps).toEqual([]);
  });

  it('marks overdue only the unfinished task past its deadline', () => {
    const tasks = view().problems.flatMap((p) => p.tasks.map((t) => [t.id, t.stateLabel, t.overdue, t.deadline, t.kindLabel]));
    expect(tasks).toEqual([
      ['T1', '已销号', false, '2026-09-30', '立行立改'],
      ['T3', '待验收', false, '2027-03-31', '长期整改'],
      ['T2', '已逾期', true, '2026-10-09', '立行立改'],
      ['T4', '整改中', false, '2026-12-31', '立行立改'],
      ['T5', '已销号', false, '2026-10-31', '立行立改'],
    ]);
  });

  it('shows the closing summary of a closed round, and says when it is sample data', () => {
    const closed = foldRound(
      record('2', true, [
        [{ type: 'add-problem', village: KANGJIAPING, source: 'inspection', description: '公开栏未更新' }, at('09-03T02:00')],
        [{ type: 'add-task', problem: 'P1', measure: '更新公开栏', responsible: '村委会', deadline: '2026-09-20', immediate: true }, at('09-04T02:00')],
        [{ type: 'close-task', task: 'T1', verdict: '已更新' }, at('09-10T02:00')],
        [{ type: 'close-round', summary: '整改全部完成' }, at('09-30T02:00')],
      ]),
      TODAY,
    );
    const v = view(closed);
    expect(v.closing).toBe('整改全部完成');
    expect(v.sample).toBe(true);
    expect(v.apiHref).toBe('/api/v1/rectification/rounds/2');
  });
});

describe('villageTasks', () => {
  it('picks the tasks of the village: by the task’s own village, else its problem’s', () => {
    expect(villageTasks(KANGJIAPING, [STATE]).map((t) => [t.measure, t.problem, t.stateLabel, t.overdue])).toEqual([
      ['追回多付工程款', '工程款多付施工方12,000.00元', '已销号', false],
      ['建立工程款支付签字制度', '工程款多付施工方12,000.00元', '待验收', false],
      ['清理康家坪村合同台账', '乡村两级合同管理不规范', '整改中', false],
    ]);
    expect(villageTasks(OTHER, [STATE]).map((t) => [t.measure, t.stateLabel, t.overdue])).toEqual([
      ['重新评议并张榜公示', '已逾期', true],
      ['补齐票据', '已销号', false],
    ]);
    expect(villageTasks('430821212299', [STATE])).toEqual([]);
  });

  it('gives each task its round’s link and title, deadline, kind and sample mark', () => {
    expect(villageTasks(OTHER, [STATE])[0]).toEqual({
      roundHref: '/rectification/1/',
      roundTitle: `2026年第二轮巡察（${TEAM}）`,
      problem: '低保评议结果未张榜公示',
      measure: '重新评议并张榜公示',
      responsible: '村委会主任',
      deadline: '2026-10-09',
      kindLabel: '立行立改',
      stateLabel: '已逾期',
      overdue: true,
      sample: false,
    });
  });

  it('takes the problem’s village for a task stored without a village of its own', () => {
    const opened = openRound(OPENING, '高峰土家族乡', TEAM, '2026-09-01T01:00:00.000Z', false).opened;
    const events: RectificationEvent[] = [
      { ...opened, seq: 1 },
      { seq: 2, type: 'problem-added', problem: 'P1', village: KANGJIAPING, source: 'inspection', sourceRef: null, description: '账目未公开', amount: null, at: at('09-03T02:00'), actor: TEAM },
      { seq: 3, type: 'task-added', task: 'T1', problem: 'P1', measure: '按季度公开账目', responsible: '村报账员', village: null, deadline: '2026-12-31', immediate: false, at: at('09-04T02:00'), actor: TEAM },
      { seq: 4, type: 'problem-added', problem: 'P2', village: OTHER, source: 'inspection', sourceRef: null, description: '合同未公开', amount: null, at: at('09-05T02:00'), actor: TEAM },
      { seq: 5, type: 'task-added', task: 'T2', problem: 'P2', measure: '由康家坪村代管公开', responsible: '乡经管站', village: KANGJIAPING, deadline: '2026-12-31', immediate: false, at: at('09-06T02:00'), actor: TEAM },
    ];
    const state = foldRound({ id: '5', scope: OPENING.scope, sample: true, openedAt: opened.at, updatedAt: at('09-06T02:00'), events }, TODAY);
    expect(villageTasks(KANGJIAPING, [state]).map((t) => [t.measure, t.sample])).toEqual([
      ['按季度公开账目', true],
      ['由康家坪村代管公开', true],
    ]);
    // the task's own village wins over its problem's
    expect(villageTasks(OTHER, [state])).toEqual([]);
  });

  it('gathers the tasks of several rounds, round by round', () => {
    const second = foldRound(
      record('2', true, [
        [{ type: 'add-problem', village: KANGJIAPING, source: 'inspection', description: '公开栏未更新' }, at('10-03T02:00')],
        [{ type: 'add-task', problem: 'P1', measure: '更新公开栏', responsible: '村委会', deadline: '2027-01-20', immediate: true }, at('10-04T02:00')],
      ]),
      TODAY,
    );
    expect(villageTasks(KANGJIAPING, [STATE, second]).map((t) => [t.roundHref, t.measure, t.sample])).toEqual([
      ['/rectification/1/', '追回多付工程款', false],
      ['/rectification/1/', '建立工程款支付签字制度', false],
      ['/rectification/1/', '清理康家坪村合同台账', false],
      ['/rectification/2/', '更新公开栏', true],
    ]);
  });
});
