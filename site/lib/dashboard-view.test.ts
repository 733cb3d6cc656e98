import { describe, expect, it } from 'vitest';
import type { FlagStatus } from '../../data/flags/flag.ts';
import { RectificationAction, type NewRoundInput, type RectificationEvent, type RoundRecord } from '../../data/rectification/rectification.ts';
import { openRound, rectificationAction } from '../../data/rectification/rectification-workflow.ts';
import { foldRound, type RoundState } from '../../data/rectification/round-fold.ts';
import type { FlagCounts } from '../../data/store/flag-store.ts';
import { chartTableValues } from './charts/chart-csv.ts';
import { chartById, expectCsvMatchesTable } from './charts/chart-test-support.ts';
import { buildDashboard, type DashboardInput } from './dashboard-view.ts';
import type { TreeNode } from './page-model.ts';

const NOW = '2026-12-06T02:00:00.000Z';
const TODAY = '2026-12-06';
const TEAM = '慈利县委第二巡察组';

function node(code: string, name: string, level: TreeNode['level'], villages: number, publishedVillages: number, children: TreeNode[] = []): TreeNode {
  // a township's villages, 201, 202 …: the first `publishedVillages` have published
  const below =
    level === 'township' && children.length === 0
      ? Array.from({ length: villages }, (_, i): TreeNode => {
          const published = i < publishedVillages;
          return { code: `${code}${201 + i}`, name: `${201 + i}村`, level: 'village', href: `/v/${code}${201 + i}/`, villages: 1, publishedVillages: published ? 1 : 0, count: published ? 3 : 0, lastPublishedAt: null, lastUpdated: null, children: [] };
        })
      : children;
  return { code, name, level, href: `/r/${code}/`, villages, publishedVillages, count: publishedVillages * 3, lastPublishedAt: null, lastUpdated: null, children: below };
}

/** 慈利县: two townships with published villages, one with none. */
const COUNTY = node('430821', '慈利县', 'county', 30, 6, [
  node('430821212', '高峰土家族乡', 'township', 10, 4),
  node('430821211', '龙潭河镇', 'township', 8, 2),
  node('430821213', '三官寺土家族乡', 'township', 12, 0),
]);

/**
 * What the store counts (LateVillageStore.lateVillageCounts) for these late villages, under the
 * node and each of its parts: the late ones there, and those of them the tree shows unpublished.
 */
function lateOf(villages: readonly string[], under: TreeNode = COUNTY): DashboardInput['late'] {
  const published = new Set<string>();
  const walk = (n: TreeNode): void => {
    if (n.level === 'village' && n.count > 0) published.add(n.code);
    n.children.forEach(walk);
  };
  walk(under);
  const codes = [under.code, ...under.children.filter((c) => c.level !== 'village').map((c) => c.code)];
  return new Map(
    codes.map((code) => {
      const late = villages.filter((v) => v.startsWith(code));
      return [code, { late: late.length, neverPublished: late.filter((v) => !published.has(v)).length }];
    }),
  );
}

function counts(byStatus: Partial<Record<FlagStatus, number>> = {}, raisedByMonth: FlagCounts['raisedByMonth'] = []): FlagCounts {
  const full = { open: 0, explained: 0, confirmed: 0, dismissed: 0, resolved: 0, ...byStatus };
  return { total: Object.values(full).reduce((s, n) => s + n, 0), byStatus: full, byRule: {}, villagesWithActive: 0, raisedByMonth };
}

/** A round as the store keeps it: opened, then each action applied by the workflow. */
function round(id: string, input: NewRoundInput, objectName: string, sample: boolean, steps: Array<[unknown, string]>): RoundState {
  const opened = openRound(input, objectName, TEAM, '2026-09-01T01:00:00.000Z', sample);
  let record: RoundRecord = { id, scope: opened.scope, sample: opened.sample, openedAt: opened.at, updatedAt: opened.at, events: [{ ...opened.opened, seq: 1 }] };
  for (const [action, at] of steps) {
    const result = rectificationAction(record, RectificationAction.parse(action), TEAM, at);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.failure)}`);
    const added = result.events.map((e, i) => ({ ...e, seq: record.events.length + i + 1 }) as RectificationEvent);
    record = { ...record, updatedAt: at, events: [...record.events, ...added] };
  }
  return foldRound(record, TODAY);
}

const GAOFENG_ROUND = round(
  '1',
  { scope: '430821212', title: '2026年第二轮巡察', team: TEAM, start: '2026-09-01', end: '2026-09-30', contact: '0744-3222110' },
  '高峰土家族乡',
  false,
  [
    [{ type: 'add-problem', village: '430821212212', source: 'flag', sourceRef: '3', description: '土地流转费未收取', amount: 26_120_000 }, '2026-09-03T02:00:00.000Z'],
    [{ type: 'add-task', problem: 'P1', measure: '追缴流转费', responsible: '村党支部书记', deadline: '2026-10-30', immediate: true }, '2026-09-04T02:00:00.000Z'],
    [{ type: 'add-task', problem: 'P1', measure: '建立合同台账提醒', responsible: '村报账员', deadline: '2027-03-31', immediate: false }, '2026-09-04T02:05:00.000Z'],
    [{ type: 'submit-evidence', task: 'T1', text: '已收回，附回单' }, '2026-09-20T02:00:00.000Z'],
    [{ type: 'close-task', task: 'T1', verdict: '已全额收回', recovered: 1_200_000 }, '2026-09-21T02:00:00.000Z'],
  ],
);

const LONGTAN_ROUND = round(
  '2',
  { scope: '430821211', title: '2026年第三轮巡察', team: TEAM, start: '2026-10-01', end: '2026-10-31', contact: '0744-3222110' },
  '龙潭河镇',
  true,
  [
    [{ type: 'add-problem', village: null, source: 'inspection', description: '误工补贴多发', amount: null }, '2026-10-03T02:00:00.000Z'],
    [{ type: 'add-task', problem: 'P1', measure: '收回多发补贴', responsible: '镇财政所', deadline: '2026-11-30', immediate: true }, '2026-10-04T02:00:00.000Z'],
    [{ type: 'record-recovery', problem: 'P1', amount: 50_000, note: '收回多发的误工补贴' }, '2026-10-20T02:00:00.000Z'],
  ],
);

function input(over: Partial<DashboardInput> = {}): DashboardInput {
  return {
    node: COUNTY,
    pageHref: '/r/430821/',
    complaintTrend: [
      { month: '2026-10', received: 4, closed: 2 },
      { month: '2026-11', received: 1, closed: 3 },
      { month: '2026-12', received: 0, closed: 0 },
    ],
    flags: counts({ open: 3, explained: 2, confirmed: 1, dismissed: 1, resolved: 4 }, [
      { month: '2026-09', count: 7 },
      { month: '2026-11', count: 4 },
    ]),
    late: lateOf(['430821212201', '430821211201']),
    rounds: [GAOFENG_ROUND, LONGTAN_ROUND],
    decisions: { matters: 3, missingSteps: 1 },
    pageViews: { total: 145_960, recent: 3_210, byMonth: [{ month: '2026-11', views: 145_960 }], since: '2026-11-01' },
    now: NOW,
    ...over,
  };
}

const chart = chartById;

describe('buildDashboard figures', () => {
  it('gives the share of published villages without a late disclosure, flag counts, tasks closed and money recovered', () => {
    const view = buildDashboard(input());
    expect(view.figures).toEqual([
      { label: '按时公开的村', value: '66.7%', unit: '4/6 村' },
      { label: '核对提示待说明', value: '3', unit: '条' },
      { label: '已说明待审核', value: '2', unit: '条' },
      { label: '已确认待整改', value: '1', unit: '条' },
      { label: '已解决或排除', value: '5', unit: '条' },
      { label: '整改任务已销号', value: '1/3', unit: '项' },
      { label: '追缴金额', value: '12,500.00', unit: '元' },
      { label: '四议两公开事项缺少步骤', value: '1/3', unit: '件' },
      { label: '累计浏览（2026-11-01 起）', value: '14.5', unit: '万人次' },
      { label: '近30天浏览', value: '3,210', unit: '人次' },
    ]);
  });

  it('takes a late village that has published off the on-time share, not off the calendar', () => {
    // the store counts under the node only: a late village of another county is not in its figures
    const view = buildDashboard(input({ late: lateOf(['430821212201']) }));
    expect(view.figures[0]).toEqual({ label: '按时公开的村', value: '83.3%', unit: '5/6 村' });
  });

  it('puts a village the county’s calendar made late on the calendar, though it never published', () => {
    const view = buildDashboard(input({ late: lateOf(['430821212212']) }));
    expect(view.figures[0]).toEqual({ label: '按时公开的村', value: '85.7%', unit: '6/7 村' });
  });

  it('shows a dash, not 0%, when no village has published', () => {
    const empty = node('430821', '慈利县', 'county', 30, 0, []);
    expect(buildDashboard(input({ node: empty, late: new Map() })).figures[0]).toEqual({ label: '按时公开的村', value: '—', unit: null });
  });

  it('says when it was counted, in China time, lists the rounds, and says when some is sample data', () => {
    const view = buildDashboard(input());
    expect(view.heading).toBe('监督一览');
    expect(view.asOf).toBe('统计截至 2026-12-06 10:00（北京时间）');
    expect(view.rounds).toEqual([
      { label: `2026年第二轮巡察（${TEAM}，高峰土家族乡）：问题1个，已销号任务1/2项`, href: '/rectification/1/' },
      { label: `2026年第三轮巡察（${TEAM}，龙潭河镇）：问题1个，已销号任务0/1项`, href: '/rectification/2/' },
    ]);
    expect(view.sample).toBe(true);
    expect(buildDashboard(input({ rounds: [GAOFENG_ROUND] })).sample).toBe(false);
  });
});

describe('buildDashboard charts', () => {
  it('has the four charts when there are child regions with published villages and rounds', () => {
    const view = buildDashboard(input());
    expect(view.charts.map((c) => c.id)).toEqual(['monthly-trend', 'flags-by-status', 'disclosure-on-time', 'rectification-progress']);
  });

  it('puts each chart’s CSV beside the page', () => {
    for (const c of buildDashboard(input()).charts) expect(c.csvHref).toBe(`/r/430821/charts/${c.id}.csv`);
    for (const c of buildDashboard(input({ pageHref: '/' })).charts) expect(c.csvHref).toBe(`/charts/${c.id}.csv`);
  });

  it('leaves out the disclosure chart when no child region has published villages, or the children are villages', () => {
    const quiet = node('430821', '慈利县', 'county', 30, 0, [node('430821212', '高峰土家族乡', 'township', 10, 0)]);
    expect(buildDashboard(input({ node: quiet, late: new Map() })).charts.map((c) => c.id)).toEqual(['monthly-trend', 'flags-by-status', 'rectification-progress']);
    const township = node('430821212', '高峰土家族乡', 'township', 2, 2, [node('430821212212', '康家坪村', 'village', 1, 1), node('430821212213', '某村', 'village', 1, 1)]);
    expect(buildDashboard(input({ node: township })).charts.map((c) => c.id)).toEqual(['monthly-trend', 'flags-by-status', 'rectification-progress']);
  });

  it('leaves out the rectification chart without rounds', () => {
    expect(buildDashboard(input({ rounds: [] })).charts.map((c) => c.id)).toEqual(['monthly-trend', 'flags-by-status', 'disclosure-on-time']);
  });

  it('leaves out charts with nothing in them (no complaints and no flags)', () => {
    const view = buildDashboard(input({ complaintTrend: [], flags: counts(), rounds: [] }));
    expect(view.charts.map((c) => c.id)).toEqual(['disclosure-on-time']);
  });

  it('shows each month’s complaints and new flags, a month with flags but no complaint row left out', () => {
    const c = chart(buildDashboard(input()).charts, 'monthly-trend');
    expect(c.table.columns.map((col) => col.label)).toEqual(['月份', '投诉受理(件)', '投诉办结(件)', '新增核对提示(件)']);
    expect(c.table.rows).toEqual([
      ['2026年10月', '4', '2', '0'],
      ['2026年11月', '1', '3', '4'],
      ['2026年12月', '0', '0', '0'],
    ]);
  });

  it('shows flags by status in the workflow’s words', () => {
    const c = chart(buildDashboard(input()).charts, 'flags-by-status');
    expect(c.table.rows).toEqual([
      ['待说明', '3'],
      ['已说明', '2'],
      ['已确认', '1'],
      ['已排除', '1'],
      ['已解决', '4'],
    ]);
  });

  it('shows each township’s share of published villages on time', () => {
    const c = chart(buildDashboard(input()).charts, 'disclosure-on-time');
    expect(c.table.columns.map((col) => col.label)).toEqual(['乡镇', '按时公开(%)']);
    expect(c.table.rows).toEqual([
      ['高峰土家族乡', '75.0'],
      ['龙潭河镇', '50.0'],
    ]);
  });

  it('heads the disclosure chart 县（区） above a county', () => {
    const city = node('4308', '张家界市', 'prefecture', 30, 6, [COUNTY]);
    expect(chart(buildDashboard(input({ node: city })).charts, 'disclosure-on-time').table.rows).toEqual([['慈利县', '66.7']]);
    expect(chart(buildDashboard(input({ node: city })).charts, 'disclosure-on-time').table.columns[0]!.label).toBe('县（区）');
  });

  it('shows each round’s tasks and tasks closed', () => {
    const c = chart(buildDashboard(input()).charts, 'rectification-progress');
    expect(c.table.rows).toEqual([
      ['2026年第二轮巡察（高峰土家族乡）', '2', '1'],
      ['2026年第三轮巡察（龙潭河镇）', '1', '0'],
    ]);
  });

  it('has, for every chart, a CSV that matches its table cell by cell', () => {
    const views = [buildDashboard(input()), buildDashboard(input({ pageHref: '/', flags: counts({ open: 1234 }) }))];
    for (const view of views) for (const c of view.charts) expectCsvMatchesTable(c);
    expect(chart(views[1]!.charts, 'flags-by-status').table.rows[0]).toEqual(['待说明', '1,234']);
    expect(chartTableValues(chart(views[1]!.charts, 'flags-by-status'))[1]).toEqual(['待说明', '1234']);
  });

  it('still shows the disclosure chart when every published village is late (0% is a figure, not “no data”)', () => {
    const view = buildDashboard(input({ late: lateOf(['430821212201', '430821212202', '430821212203', '430821212204', '430821211201', '430821211202']) }));
    expect(view.figures[0]).toEqual({ label: '按时公开的村', value: '0.0%', unit: '0/6 村' });
    expect(view.charts.map((c) => c.id)).toContain('disclosure-on-time');
  });
});
