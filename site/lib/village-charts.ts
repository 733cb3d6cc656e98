import { financeLedgers } from '../../data/flags/rules/village-data.ts';
import { periodLabel } from '../../data/period.ts';
import type { FinanceContent, ProjectContent, Publication } from '../../data/publication.ts';
import type { ChartView } from './charts/chart-model.ts';
import { groupedBarChart } from './charts/grouped-bar-chart.ts';
import { horizontalBarChart } from './charts/horizontal-bar-chart.ts';
import { moneyFormat } from './charts/value-format.ts';
import { chartCsvHref, villageHref } from './urls.ts';

/** Every chart a village page may have; each one's CSV is at chartCsvHref(village page, id). */
export const VILLAGE_CHART_IDS = ['finance-by-period', 'finance-by-account', 'project-budget-paid'] as const;
const [BY_PERIOD, BY_ACCOUNT, PROJECTS] = VILLAGE_CHART_IDS;

/**
 * The village page's charts: income and expense by period, the latest period by 科目, and each
 * project's budget against what has been paid. Built from the current publications only (a
 * taken-down version is not passed in); a chart with nothing to show is left out.
 */
export function villageCharts(code: string, shown: readonly Publication[]): ChartView[] {
  // a month also published inside its quarter is left out, as the rules do, so nothing counts twice
  const finance = financeLedgers(shown).map((l) => l.pub as Publication & { content: FinanceContent });
  const projects = shown.filter((p): p is Publication & { content: ProjectContent } => p.content.kind === 'project');
  const href = (id: string) => chartCsvHref(villageHref(code), id);
  const charts: ChartView[] = [];

  // One period's income and expense are the big figures above the ledger already; a chart starts with two.
  const periods = finance.slice(-MAX_PERIODS);
  if (periods.length > 1) {
    charts.push(
      groupedBarChart({
        id: BY_PERIOD,
        title: '各期收入和支出',
        categoryLabel: '期间',
        categories: periods.map((p) => periodLabel(p.period)),
        series: [
          { name: '收入', values: periods.map((p) => p.content.totals.income) },
          { name: '支出', values: periods.map((p) => p.content.totals.expense) },
        ],
        format: moneyFormat,
        csvHref: href(BY_PERIOD),
      }),
    );
  }

  const latest = finance.at(-1);
  if (latest) {
    const byAccount = new Map<string, { income: number; expense: number }>();
    for (const e of latest.content.entries) {
      const account = e.account?.trim() || '未填科目';
      const sum = byAccount.get(account) ?? { income: 0, expense: 0 };
      sum.income += e.income;
      sum.expense += e.expense;
      byAccount.set(account, sum);
    }
    // largest first, so the biggest items are at the top where the eye starts
    const accounts = [...byAccount].sort(([, a], [, b]) => b.income + b.expense - (a.income + a.expense));
    charts.push(
      horizontalBarChart({
        id: BY_ACCOUNT,
        title: `${periodLabel(latest.period)}收支按科目`,
        categoryLabel: '科目',
        categories: accounts.map(([name]) => name),
        series: [
          { name: '收入', values: accounts.map(([, s]) => (s.income === 0 ? null : s.income)) },
          { name: '支出', values: accounts.map(([, s]) => (s.expense === 0 ? null : s.expense)) },
        ],
        format: moneyFormat,
        csvHref: href(BY_ACCOUNT),
      }),
    );
  }

  const items = projects.flatMap((p) => p.content.projects).filter((x) => x.budget !== null || x.amountPaid !== null);
  if (items.length > 0) {
    charts.push(
      horizontalBarChart({
        id: PROJECTS,
        title: '工程项目预算和已支付',
        categoryLabel: '项目',
        categories: items.map((x) => x.name),
        series: [
          { name: '预算', values: items.map((x) => x.budget) },
          { name: '已支付', values: items.map((x) => x.amountPaid) },
        ],
        format: moneyFormat,
        csvHref: href(PROJECTS),
      }),
    );
  }
  return charts.filter((c) => !c.empty);
}

/** Eight quarters: two years on a phone's width. */
const MAX_PERIODS = 8;
