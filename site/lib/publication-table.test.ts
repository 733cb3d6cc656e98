import { fenInWords } from '../../data/money-words.ts';
import { describe, expect, it } from 'vitest';
import { formatFen } from '../../data/money.ts';
import { publicationFigures, publicationTable } from './publication-table.ts';
import { financeContent, projectContent, subsidyContent } from './test-fixtures.ts';

const ledger = financeContent('2026-Q3', [
  { summary: '收到上级转移支付', income: 3_300_000, account: '补助收入' },
  { summary: '支付保洁员工资', expense: 210_000, account: '公益支出' },
  { summary: '收到租金', income: 690_000 },
]);

describe('publication tables', () => {
  it('shows the finance totals the publication states', () => {
    const table = publicationTable(ledger, { mode: 'full' });
    const col = (label: string) => table.columns.findIndex((c) => c.label === label);
    expect(table.totals?.[0]).toBe('合计');
    expect(table.totals?.[col('收入')]).toBe(formatFen(ledger.totals.income));
    expect(table.totals?.[col('支出')]).toBe(formatFen(ledger.totals.expense));
    expect(table.totals?.[col('余额')]).toBe(formatFen(ledger.totals.closingBalance ?? Number.NaN));
  });

  it('shows the subsidy and project totals the publication states', () => {
    const list = subsidyContent('耕地地力保护补贴', [{ name: '张三', amount: 12_345 }, { name: '李四', amount: 67_800 }]);
    const s = publicationTable(list, { mode: 'full' });
    expect(s.totals?.[s.columns.findIndex((c) => c.label === '金额')]).toBe(formatFen(list.totals.amount));
    expect(s.totals?.[s.columns.findIndex((c) => c.label === '姓名')]).toBe('2 人');

    const works = projectContent();
    const p = publicationTable(works, { mode: 'full' });
    expect(p.totals?.[p.columns.findIndex((c) => c.label === '已付')]).toBe(formatFen(works.totals.amountPaid));
    expect(p.totals?.[p.columns.findIndex((c) => c.label === '预算')]).toBe(formatFen(works.totals.budget));
  });

  it('cuts a long ledger short on the village page but keeps the totals of the whole period', () => {
    const long = financeContent('2026-Q3', Array.from({ length: 300 }, (_, i) => ({ summary: `第${i + 1}笔`, income: 100 + i })));
    const table = publicationTable(long, { mode: 'compact', limit: 50 });
    expect(table.rows).toHaveLength(50);
    expect(table.totalRows).toBe(300);
    expect(table.totals?.[table.columns.findIndex((c) => c.label === '收入')]).toBe(formatFen(long.totals.income));
  });

  it('gives each full-table row its source row number, for the r{row} anchor', () => {
    const table = publicationTable(ledger, { mode: 'full' });
    expect(table.columns[0]?.label).toBe('行');
    expect(table.rows.map((r) => r.row)).toEqual(ledger.entries.map((e) => e.row));
    expect(table.rows.map((r) => r.cells[0])).toEqual(ledger.entries.map((e) => String(e.row)));
  });

  it('drops optional columns no row fills, and keeps every row cell aligned with the columns', () => {
    const table = publicationTable(ledger, { mode: 'full' });
    const labels = table.columns.map((c) => c.label);
    expect(labels).not.toContain('凭证号');
    expect(labels).toContain('科目');
    for (const row of table.rows) expect(row.cells).toHaveLength(labels.length);
    expect(table.totals).toHaveLength(labels.length);
  });

  it('leads the finance figures with income, expense and closing balance', () => {
    expect(publicationFigures(ledger).map((f) => f.label)).toEqual(['本期收入', '本期支出', '期末余额', '期初余额']);
    expect(publicationFigures(ledger)[0]).toEqual({ label: '本期收入', value: formatFen(ledger.totals.income), unit: '元', words: fenInWords(ledger.totals.income) });
  });

  it('gives every amount figure its words as on a receipt, and no words where there is no amount', () => {
    const figures = publicationFigures({ ...ledger, totals: { ...ledger.totals, income: 1_234_567, closingBalance: null } });
    expect(figures[0]?.words).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(figures.find((f) => f.label === '期末余额')).toEqual({ label: '期末余额', value: '—', unit: null });
  });
});
