import { describe, expect, it } from 'vitest';
import type { ProjectContent, ProjectItem } from '../../data/publication.ts';
import { chartTableValues } from './charts/chart-csv.ts';
import { chartById, expectCsvMatchesTable } from './charts/chart-test-support.ts';
import { financeContent, projectContent, publication } from './test-fixtures.ts';
import { villageCharts } from './village-charts.ts';

const CODE = '430802108214';

const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];

/** A ledger whose totals say which period it is: income 1,000.00 × n, expense 100.00 × n. */
function ledger(period: string, n: number) {
  return publication(financeContent(period, [{ summary: '收入', income: 100_000 * n, account: '补助收入' }, { summary: '支出', expense: 10_000 * n, account: '管理费用' }]), { id: `f-${period}` });
}

function projectList(id: string, items: Array<Pick<ProjectItem, 'name' | 'budget' | 'amountPaid'>>) {
  const base = projectContent().projects[0]!;
  const projects = items.map((x, i) => ({ ...base, row: i + 3, photos: [], ...x }));
  const content: ProjectContent = {
    ...projectContent(),
    projects,
    totals: { budget: projects.reduce((s, p) => s + (p.budget ?? 0), 0), contractAmount: 0, amountPaid: projects.reduce((s, p) => s + (p.amountPaid ?? 0), 0) },
  };
  return publication(content, { id });
}

const chart = chartById;

describe('villageCharts: income and expense by period', () => {
  it('shows the last eight periods in time order, whatever order they come in, with each ledger’s totals', () => {
    const pubs = QUARTERS.map((p, i) => ledger(p, i + 1)).reverse();
    const c = chart(villageCharts(CODE, pubs), 'finance-by-period');
    expect(c.table.columns.map((col) => col.label)).toEqual(['期间', '收入(元)', '支出(元)']);
    expect(c.table.rows).toEqual([
      ['2024年第三季度', '3,000.00', '300.00'],
      ['2024年第四季度', '4,000.00', '400.00'],
      ['2025年第一季度', '5,000.00', '500.00'],
      ['2025年第二季度', '6,000.00', '600.00'],
      ['2025年第三季度', '7,000.00', '700.00'],
      ['2025年第四季度', '8,000.00', '800.00'],
      ['2026年第一季度', '9,000.00', '900.00'],
      ['2026年第二季度', '10,000.00', '1,000.00'],
    ]);
  });

  it('shows fewer periods when there are fewer', () => {
    const c = chart(villageCharts(CODE, [ledger('2026-Q2', 2), ledger('2026-Q1', 1)]), 'finance-by-period');
    expect(c.table.rows.map((r) => r[0])).toEqual(['2026年第一季度', '2026年第二季度']);
  });
});

describe('villageCharts: the latest period by 科目', () => {
  it('sums each 科目 of the latest ledger only, largest first, with rows without a 科目 together as 未填科目', () => {
    const older = publication(financeContent('2026-Q1', [{ summary: '旧账', income: 99_999_900, account: '旧科目' }]), { id: 'f-old' });
    const latest = publication(
      financeContent('2026-Q2', [
        { summary: '上级补助', income: 5_500_000, account: '补助收入' },
        { summary: '电费', expense: 31_000, account: '管理费用' },
        { summary: '误工补贴', expense: 1_240_000, account: '管理费用' },
        { summary: '租金', income: 360_000, account: '发包及上交收入' },
        { summary: '杂项收入', income: 20_000, account: null },
        { summary: '杂项支出', expense: 5_000, account: '  ' },
        { summary: '退款', income: 10_000, expense: 10_000, account: '管理费用' },
      ]),
      { id: 'f-latest' },
    );
    const c = chart(villageCharts(CODE, [latest, older]), 'finance-by-account');
    expect(c.title).toBe('2026年第二季度收支按科目');
    expect(c.table.columns.map((col) => col.label)).toEqual(['科目', '收入(元)', '支出(元)']);
    expect(c.table.rows).toEqual([
      ['补助收入', '55,000.00', '—'],
      ['管理费用', '100.00', '12,810.00'],
      ['发包及上交收入', '3,600.00', '—'],
      ['未填科目', '200.00', '50.00'],
    ]);
    expect(chartTableValues(c)[4]).toEqual(['未填科目', '200.00', '50.00']);
    expect(chartTableValues(c)[1]).toEqual(['补助收入', '55000.00', '']);
  });
});

describe('villageCharts: project budget against paid', () => {
  it('shows every project with a budget or a payment, from every project list', () => {
    const pubs = [
      projectList('p1', [
        { name: '八组道路硬化', budget: 30_000_000, amountPaid: 14_000_000 },
        { name: '文化广场', budget: null, amountPaid: null },
      ]),
      projectList('p2', [
        { name: '饮水工程', budget: 8_000_000, amountPaid: null },
        { name: '路灯', budget: null, amountPaid: 1_234_500 },
      ]),
    ];
    const c = chart(villageCharts(CODE, pubs), 'project-budget-paid');
    expect(c.table.columns.map((col) => col.label)).toEqual(['项目', '预算(元)', '已支付(元)']);
    expect(c.table.rows).toEqual([
      ['八组道路硬化', '300,000.00', '140,000.00'],
      ['饮水工程', '80,000.00', '—'],
      ['路灯', '—', '12,345.00'],
    ]);
  });
});

describe('villageCharts: what is shown', () => {
  it('has all three charts, each with its CSV beside the village page', () => {
    const charts = villageCharts(CODE, [ledger('2025-Q4', 2), ledger('2026-Q1', 1), projectList('p1', [{ name: '八组道路硬化', budget: 30_000_000, amountPaid: 14_000_000 }])]);
    expect(charts.map((c) => [c.id, c.csvHref])).toEqual([
      ['finance-by-period', `/v/${CODE}/charts/finance-by-period.csv`],
      ['finance-by-account', `/v/${CODE}/charts/finance-by-account.csv`],
      ['project-budget-paid', `/v/${CODE}/charts/project-budget-paid.csv`],
    ]);
  });

  it('leaves out charts with nothing to show', () => {
    expect(villageCharts(CODE, [])).toEqual([]);
    // one period: its income and expense are the page's big figures already, so no chart of periods
    expect(villageCharts(CODE, [ledger('2026-Q1', 1)]).map((c) => c.id)).toEqual(['finance-by-account']);
    expect(villageCharts(CODE, [ledger('2025-Q4', 2), ledger('2026-Q1', 1)]).map((c) => c.id)).toEqual(['finance-by-period', 'finance-by-account']);
    expect(villageCharts(CODE, [projectList('p1', [{ name: '八组道路硬化', budget: 30_000_000, amountPaid: null }])]).map((c) => c.id)).toEqual(['project-budget-paid']);
    // a project list whose projects have neither figure, and a ledger with no money in it
    const nothing = [projectList('p1', [{ name: '文化广场', budget: null, amountPaid: null }]), publication(financeContent('2026-Q1', []), { id: 'f-empty' })];
    expect(villageCharts(CODE, nothing)).toEqual([]);
  });

  it('has, for every chart, a CSV that matches its table cell by cell', () => {
    const charts = villageCharts(CODE, [
      ...QUARTERS.map((p, i) => ledger(p, 1000 + i)),
      publication(financeContent('2026-Q3', [{ summary: '=1+1', income: 123_456_789, account: '=SUM(A1)' }, { summary: '-', expense: 5, account: null }]), { id: 'f-q3' }),
      projectList('p1', [
        { name: '@项目', budget: 100_000_000_000, amountPaid: 1 },
        { name: '路灯', budget: null, amountPaid: 99 },
      ]),
    ]);
    expect(charts).toHaveLength(3);
    for (const c of charts) expectCsvMatchesTable(c);
    expect(chartTableValues(chart(charts, 'finance-by-account'))[1]).toEqual(["'=SUM(A1)", '1234567.89', '']);
  });
});
