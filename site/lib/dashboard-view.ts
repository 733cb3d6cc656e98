import type { DecisionCounts } from '../../data/decisions/decision-counts.ts';
import { pageViewFigures } from '../../data/page-view-figures.ts';
import type { PageViewTotals } from '../../data/store/page-views.ts';
import type { MonthCount } from '../../data/complaints/complaint-trend.ts';
import { FLAG_STATUS_LABEL, FLAG_STATUSES } from '../../data/flags/flag.ts';
import type { RoundState } from '../../data/rectification/round-fold.ts';
import type { FlagCounts } from '../../data/store/flag-store.ts';
import type { LateVillageCounts } from '../../data/store/late-villages.ts';
import type { ChartView } from './charts/chart-model.ts';
import { horizontalBarChart } from './charts/horizontal-bar-chart.ts';
import { lineChart } from './charts/line-chart.ts';
import { countFormat, percentFormat } from './charts/value-format.ts';
import { chinaDateTime, money } from './format.ts';
import type { DashboardView, Figure, TreeNode } from './page-model.ts';
import { chartCsvHref, roundHref } from './urls.ts';

/**
 * What a county's leadership asks for at a glance, on the home, county and township pages:
 * disclosures on time, red flags by state, rectification progress and the monthly trends, each
 * chart with its numbers as a table and CSV. Complaint figures stay in their own section.
 * Only public flags are counted here: the page is public.
 */
export interface DashboardInput {
  node: TreeNode;
  /** where the page is: the CSV links go beside it */
  pageHref: string;
  /** complaints received and closed per month, oldest first */
  complaintTrend: readonly MonthCount[];
  flags: FlagCounts;
  /**
   * Villages with a public late-disclosure flag still active, and those of them that never
   * published, under the node and under each of its children that is not a village
   * (LateVillageStore.lateVillageCounts); a code not in it has none.
   */
  late: ReadonlyMap<string, LateVillageCounts>;
  rounds: readonly RoundState[];
  /** the 四议两公开 matters of villages under the node, and how many lack a step owed by today */
  decisions: DecisionCounts;
  /** the views of the village pages under the node, counted on the server (issue 17) */
  pageViews: PageViewTotals;
  now: string;
}

export function buildDashboard(input: DashboardInput): DashboardView {
  const { node, flags } = input;
  const href = (id: string) => chartCsvHref(input.pageHref, id);
  // On the disclosure calendar: every village that has published, and every village the county's
  // calendar start put on it that has something overdue (a late-disclosure flag) though it never
  // published; on time: those without such a flag.
  const calendar = (n: TreeNode) => {
    const late = input.late.get(n.code) ?? { late: 0, neverPublished: 0 };
    const on = n.publishedVillages + late.neverPublished;
    return { on, onTime: on - late.late };
  };
  const { on: onCalendar, onTime } = calendar(node);
  const tasks = input.rounds.reduce((sum, r) => sum + r.counts.tasks, 0);
  const closed = input.rounds.reduce((sum, r) => sum + r.counts.tasksClosed, 0);
  const recovered = input.rounds.reduce((sum, r) => sum + r.counts.recovered, 0);

  const figures: Figure[] = [
    { label: '按时公开的村', value: onCalendar === 0 ? '—' : `${percent(onTime, onCalendar)}%`, unit: onCalendar === 0 ? null : `${onTime}/${onCalendar} 村` },
    { label: '核对提示待说明', value: String(flags.byStatus.open), unit: '条' },
    { label: '已说明待审核', value: String(flags.byStatus.explained), unit: '条' },
    { label: '已确认待整改', value: String(flags.byStatus.confirmed), unit: '条' },
    { label: '已解决或排除', value: String(flags.byStatus.resolved + flags.byStatus.dismissed), unit: '条' },
    { label: '整改任务已销号', value: `${closed}/${tasks}`, unit: '项' },
    { label: '追缴金额', value: money(recovered), unit: '元' },
    { label: '四议两公开事项缺少步骤', value: `${input.decisions.missingSteps}/${input.decisions.matters}`, unit: '件' },
    ...pageViewFigures(input.pageViews),
  ];

  const months = input.complaintTrend.map((m) => m.month);
  const raised = new Map(flags.raisedByMonth.map((m) => [m.month, m.count]));
  const charts: ChartView[] = [
    lineChart({
      id: 'monthly-trend',
      title: '每月投诉和核对提示',
      categoryLabel: '月份',
      categories: months.map(monthLabel),
      series: [
        { name: '投诉受理', values: input.complaintTrend.map((m) => m.received) },
        { name: '投诉办结', values: input.complaintTrend.map((m) => m.closed) },
        { name: '新增核对提示', values: months.map((m) => raised.get(m) ?? 0) },
      ],
      format: countFormat('件'),
      csvHref: href('monthly-trend'),
    }),
    horizontalBarChart({
      id: 'flags-by-status',
      title: '核对提示处理情况',
      categoryLabel: '状态',
      categories: FLAG_STATUSES.map((s) => FLAG_STATUS_LABEL[s]),
      series: [{ name: '条数', values: FLAG_STATUSES.map((s) => flags.byStatus[s]) }],
      format: countFormat('条'),
      csvHref: href('flags-by-status'),
    }),
  ];
  const parts = node.children.filter((c) => c.level !== 'village' && calendar(c).on > 0);
  if (parts.length > 0) {
    charts.push(
      horizontalBarChart({
        id: 'disclosure-on-time',
        title: '按时公开的村所占比例',
        categoryLabel: node.level === 'county' ? '乡镇' : '县（区）',
        categories: parts.map((c) => c.name),
        series: [{ name: '按时公开', values: parts.map((c) => percentValue(calendar(c).onTime, calendar(c).on)) }],
        format: percentFormat,
        csvHref: href('disclosure-on-time'),
        zeroIsData: true,
      }),
    );
  }
  if (input.rounds.length > 0) {
    charts.push(
      horizontalBarChart({
        id: 'rectification-progress',
        title: '巡察整改进度',
        categoryLabel: '巡察',
        categories: input.rounds.map((r) => `${r.title}（${r.objectName}）`),
        series: [
          { name: '整改任务', values: input.rounds.map((r) => r.counts.tasks) },
          { name: '已销号', values: input.rounds.map((r) => r.counts.tasksClosed) },
        ],
        format: countFormat('项'),
        csvHref: href('rectification-progress'),
      }),
    );
  }

  return {
    heading: '监督一览',
    asOf: `统计截至 ${chinaDateTime(input.now)}（北京时间）`,
    figures,
    charts: charts.filter((c) => !c.empty),
    rounds: input.rounds.map((r) => ({ label: `${r.title}（${r.team}，${r.objectName}）：问题${r.counts.problems}个，已销号任务${r.counts.tasksClosed}/${r.counts.tasks}项`, href: roundHref(r.id) })),
    sample: input.rounds.some((r) => r.sample),
  };
}

// ——— private helpers ———


function percent(part: number, whole: number): string {
  return (Math.round((part / whole) * 1000) / 10).toFixed(1);
}

function percentValue(part: number, whole: number): number {
  return Math.round((Math.max(0, part) / whole) * 1000) / 10;
}

/** 2026-07 → 2026年7月 */
function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
