import { fenInWords } from '../../data/money-words.ts';
import { statementLines, type ContractItem, type FinanceEntry, type ProjectItem, type PublicationContent, type StatementLine, type SubsidyRow } from '../../data/publication.ts';
import { chinaDate, money, moneyOrDash } from './format.ts';
import type { Figure, TableView } from './page-model.ts';

/**
 * A publication's rows as a display table. `full` is the publication page (every column that has
 * data, a row-number column for citing a line); `compact` is the village page's short ledger.
 * Totals come from the publication's own `totals`, which the importer reconciled with the rows.
 */
export function publicationTable(content: PublicationContent, options: TableOptions): TableView {
  switch (content.kind) {
    case 'finance': {
      const cols = options.mode === 'full' ? withExtras(FINANCE_FULL, content.extraColumns) : FINANCE_COMPACT;
      const totals = new Map<string, string>([
        ['收入', money(content.totals.income)],
        ['支出', money(content.totals.expense)],
        ['余额', moneyOrDash(content.totals.closingBalance)],
      ]);
      return build(cols, content.entries, totals, options);
    }
    case 'subsidy': {
      const totals = new Map<string, string>([
        ['姓名', `${content.totals.count} 人`],
        ['数量', content.totals.quantity ?? ''],
        ['金额', money(content.totals.amount)],
      ]);
      return build(withExtras(SUBSIDY_FULL, content.extraColumns), content.rows, totals, options);
    }
    case 'project': {
      const totals = new Map<string, string>([
        ['预算', money(content.totals.budget)],
        ['合同金额', money(content.totals.contractAmount)],
        ['已付', money(content.totals.amountPaid)],
      ]);
      return build(withExtras(PROJECT_FULL, content.extraColumns), content.projects, totals, options);
    }
    case 'contract': {
      const totals = new Map<string, string>([
        ['承包（租赁）方', `${content.totals.count} 份`],
        ['面积', content.totals.area ?? ''],
        ['年租金', money(content.totals.annualAmount)],
      ]);
      return build(withExtras(CONTRACT_FULL, content.extraColumns), content.contracts, totals, options);
    }
    case 'statement': {
      // one side after the other, each line under its side's heading; its 合计 lines are its totals
      return { ...build(STATEMENT_FULL, statementLines(content), new Map(), options), totals: null };
    }
  }
}

export interface TableOptions {
  mode: 'full' | 'compact';
  limit?: number;
  /** each row's link to the complaint page about it (对这一行有疑问) */
  question?: (row: number) => string;
}

/** The headline figures of a publication. */
export function publicationFigures(content: PublicationContent): Figure[] {
  const amount = (label: string, fen: number | null): Figure =>
    fen === null ? { label, value: moneyOrDash(fen), unit: null } : { label, value: moneyOrDash(fen), unit: '元', words: fenInWords(fen) };
  switch (content.kind) {
    case 'finance':
      return [
        amount('本期收入', content.totals.income),
        amount('本期支出', content.totals.expense),
        amount('期末余额', content.totals.closingBalance),
        amount('期初余额', content.openingBalance),
      ];
    case 'subsidy': {
      const figures: Figure[] = [{ label: '发放人数', value: String(content.totals.count), unit: '人' }, amount('发放总额', content.totals.amount)];
      if (content.totals.quantity !== null) {
        figures.push({ label: '合计数量', value: content.totals.quantity, unit: content.rows.find((r) => r.unit)?.unit ?? null });
      }
      return figures;
    }
    case 'project':
      return [
        { label: '项目数', value: String(content.projects.length), unit: '个' },
        amount('预算合计', content.totals.budget),
        amount('合同金额合计', content.totals.contractAmount),
        amount('已支付合计', content.totals.amountPaid),
      ];
    case 'statement':
      // the last 合计 line of each side, as the statement states it
      return content.sides.flatMap((s) => {
        const total = [...s.lines].reverse().find((l) => l.total);
        return total ? [amount(total.item, total.amount)] : [];
      });
    case 'contract': {
      const figures: Figure[] = [{ label: '合同数', value: String(content.totals.count), unit: '份' }, amount('年租金合计', content.totals.annualAmount)];
      if (content.totals.area !== null) figures.push({ label: '面积合计', value: content.totals.area, unit: content.contracts.find((c) => c.areaUnit)?.areaUnit ?? null });
      return figures;
    }
  }
}

// ——— private helpers ———

interface ColumnSpec<R> {
  label: string;
  num?: boolean;
  wide?: boolean;
  /** dropped from the table when no row has a value */
  optional?: boolean;
  /** a column the importer kept as written: never given a total, whatever its header says */
  extra?: boolean;
  get: (row: R) => string | null;
}

/** The columns kept as written (issue 15), after the known ones, under their own headers. */
function withExtras<R extends { extra?: Array<string | null> | undefined }>(specs: ColumnSpec<R>[], headers: readonly string[] | undefined): ColumnSpec<R>[] {
  if (!headers || headers.length === 0) return specs;
  return [...specs, ...headers.map((label, i): ColumnSpec<R> => ({ label, optional: true, extra: true, get: (r) => r.extra?.[i] ?? null }))];
}

const rowNumber = <R extends { row: number }>(): ColumnSpec<R> => ({ label: '行', num: true, get: (r) => String(r.row) });
const date = (d: string | null) => (d === null ? null : chinaDate(d));
const amount = (f: number | null) => (f === null ? null : money(f));

const FINANCE_COMPACT: ColumnSpec<FinanceEntry>[] = [
  { label: '日期', get: (r) => date(r.date) },
  { label: '摘要', wide: true, get: (r) => r.summary },
  { label: '科目', optional: true, get: (r) => r.account },
  { label: '收入', num: true, get: (r) => (r.income === 0 ? null : money(r.income)) },
  { label: '支出', num: true, get: (r) => (r.expense === 0 ? null : money(r.expense)) },
  { label: '余额', num: true, optional: true, get: (r) => amount(r.balance) },
];

const FINANCE_FULL: ColumnSpec<FinanceEntry>[] = [
  rowNumber(),
  { label: '日期', get: (r) => date(r.date) },
  { label: '凭证号', optional: true, get: (r) => r.voucher },
  { label: '摘要', wide: true, get: (r) => r.summary },
  { label: '科目', optional: true, get: (r) => r.account },
  { label: '收入', num: true, get: (r) => (r.income === 0 ? null : money(r.income)) },
  { label: '支出', num: true, get: (r) => (r.expense === 0 ? null : money(r.expense)) },
  { label: '余额', num: true, optional: true, get: (r) => amount(r.balance) },
  { label: '备注', optional: true, get: (r) => r.remark },
];

const SUBSIDY_FULL: ColumnSpec<SubsidyRow>[] = [
  rowNumber(),
  { label: '序号', optional: true, get: (r) => r.seq },
  { label: '姓名', wide: true, get: (r) => r.name },
  { label: '身份证号', optional: true, get: (r) => r.idNumber },
  { label: '电话', optional: true, get: (r) => r.phone },
  { label: '银行卡号', optional: true, get: (r) => r.bankCard },
  { label: '数量', num: true, optional: true, get: (r) => r.quantity },
  { label: '单位', optional: true, get: (r) => r.unit },
  { label: '标准', num: true, optional: true, get: (r) => r.rateText ?? amount(r.rate) },
  { label: '金额', num: true, get: (r) => money(r.amount) },
  { label: '发放日期', optional: true, get: (r) => date(r.datePaid) },
  { label: '发放方式', optional: true, get: (r) => r.channel },
  { label: '备注', optional: true, get: (r) => r.remark },
];

const PROJECT_FULL: ColumnSpec<ProjectItem>[] = [
  rowNumber(),
  { label: '项目名称', wide: true, get: (r) => r.name },
  { label: '地点', optional: true, get: (r) => r.location },
  { label: '资金来源', optional: true, get: (r) => r.fundingSource },
  { label: '资金构成', optional: true, get: (r) => (r.funding ? r.funding.map((f) => `${f.source} ${f.amount === null ? '—' : money(f.amount)}`).join('；') : null) },
  { label: '预算', num: true, optional: true, get: (r) => amount(r.budget) },
  { label: '合同金额', num: true, optional: true, get: (r) => amount(r.contractAmount) },
  { label: '承建单位', optional: true, get: (r) => r.contractor },
  { label: '采购方式', optional: true, get: (r) => r.procurementMethod },
  { label: '计划开工', optional: true, get: (r) => date(r.plannedStart) },
  { label: '实际开工', optional: true, get: (r) => date(r.actualStart) },
  { label: '计划完工', optional: true, get: (r) => date(r.plannedCompletion) },
  { label: '实际完工', optional: true, get: (r) => date(r.actualCompletion) },
  { label: '进度', get: (r) => r.progress.text || (r.progress.percent === null ? null : `${r.progress.percent}%`) },
  { label: '已付', num: true, optional: true, get: (r) => amount(r.amountPaid) },
  { label: '备注', optional: true, get: (r) => r.remark },
];

const CONTRACT_FULL: ColumnSpec<ContractItem>[] = [
  rowNumber(),
  { label: '合同编号', optional: true, get: (r) => r.number },
  { label: '承包（租赁）方', wide: true, get: (r) => r.counterparty },
  { label: '证件号码', optional: true, get: (r) => r.creditCode ?? r.idNumber },
  { label: '标的物', get: (r) => r.subject },
  { label: '坐落', optional: true, get: (r) => r.location },
  { label: '面积', num: true, optional: true, get: (r) => (r.area === null ? null : `${r.area}${r.areaUnit ?? ''}`) },
  { label: '起止日期', optional: true, get: (r) => (r.start === null && r.end === null ? null : `${r.start === null ? '—' : chinaDate(r.start)} 至 ${r.end === null ? '—' : chinaDate(r.end)}`) },
  { label: '年租金', num: true, optional: true, get: (r) => amount(r.annualAmount) },
  { label: '缴费方式', optional: true, get: (r) => r.paymentTerms },
  { label: '履约情况', optional: true, get: (r) => r.performance },
  { label: '备注', optional: true, get: (r) => r.remark },
];

const STATEMENT_FULL: ColumnSpec<StatementLine & { side: string }>[] = [
  rowNumber(),
  { label: '栏', get: (r) => r.side },
  { label: '项目', wide: true, get: (r) => r.item },
  { label: '行次', optional: true, get: (r) => r.line },
  { label: '金额', num: true, get: (r) => money(r.amount) },
];

function build<R extends { row: number }>(
  specs: ColumnSpec<R>[],
  rows: readonly R[],
  totals: ReadonlyMap<string, string>,
  options: Pick<TableOptions, 'limit' | 'question'>,
): TableView {
  // Decide columns on every row, not only the shown ones, so the village page and the
  // publication page show the same columns for the same list.
  const total = (c: ColumnSpec<R>): string => (c.extra ? '' : (totals.get(c.label) ?? ''));
  const kept = specs.filter((c) => !c.optional || total(c) !== '' || rows.some((r) => c.get(r) !== null));
  const shown = options.limit === undefined ? rows : rows.slice(0, options.limit);
  const totalsRow = kept.map((c, i) => (i === 0 ? '合计' : total(c)));
  return {
    columns: kept.map((c) => ({ label: c.label, num: c.num ?? false, wide: c.wide ?? false })),
    rows: shown.map((r) => {
      const cells = kept.map((c) => c.get(r) ?? '');
      return options.question ? { row: r.row, cells, question: options.question(r.row) } : { row: r.row, cells };
    }),
    totals: totalsRow,
    totalRows: rows.length,
  };
}
