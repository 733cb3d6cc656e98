import type { ContractContent, FinanceContent, FinanceEntry } from '../publication.ts';
import { latestCompleteQuarter, SAMPLE_TITLE_PREFIX } from './sample-publications.ts';

/**
 * The 康家坪村 demo (issue 12). An inspection tour found that 康家坪村 had not collected its
 * land-transfer fees for years; here its contract ledger (the field sample) meets quarterly
 * ledgers from 2024 on in which every tenant's rent arrives on time except 张家界金坪生态农业开发有限公司's,
 * so the rules raise the overdue-fee flag the month the fee falls due. Every line is sample data.
 */
export const KANGJIAPING = '430821212212';

/** The tenant whose fees never arrive in the demo ledgers. */
export const DEMO_DEFAULTER = '张家界金坪生态农业开发有限公司';

const FIRST_QUARTER = { year: 2024, q: 1 };
const FIRST_DATA_ROW = 4;
const PLACE = '慈利县高峰土家族乡康家坪村';

/**
 * Quarterly ledgers from 2024 Q1 to the latest quarter that ended before `today` (YYYY-MM-DD):
 * each tenant's instalments paid a few days before they fall due (the defaulter's never), and
 * the village's ordinary expenses, with running balances that reconcile.
 */
export function kangjiapingLedgers(contracts: ContractContent, today: string): FinanceContent[] {
  const last = latestCompleteQuarter(today);
  const out: FinanceContent[] = [];
  let opening = 5_218_036; // 52,180.36 元 carried over from 2023
  for (let { year, q } = FIRST_QUARTER; year < last.year || (year === last.year && q <= last.q); q === 4 ? ((year += 1), (q = 1)) : (q += 1)) {
    const ledger = quarterLedger(contracts, year, q, opening);
    out.push(ledger);
    opening = ledger.totals.closingBalance ?? opening;
  }
  return out;
}

// ——— private helpers ———

interface Line {
  date: string;
  summary: string;
  account: string;
  income: number;
  expense: number;
}

function quarterLedger(contracts: ContractContent, year: number, q: number, opening: number): FinanceContent {
  const start = `${year}-${pad((q - 1) * 3 + 1)}-01`;
  const end = quarterEnd(year, q);
  const lines: Line[] = [];
  for (const k of contracts.contracts) {
    if (k.counterparty === DEMO_DEFAULTER) continue;
    for (const due of k.schedule) {
      if (due.due < start || due.due > end) continue;
      const paid = maxDate(start, addDays(due.due, -5));
      const covers = due.covers ? `${due.covers.from}至${due.covers.to}` : due.due.slice(0, 4) + '年度';
      lines.push({ date: paid, summary: `收到${k.counterparty}${covers}承包费（合同${k.number ?? k.row}）`, account: '发包及上交收入', income: due.amount, expense: 0 });
    }
  }
  for (let m = (q - 1) * 3 + 1; m <= q * 3; m++) {
    const month = `${year}-${pad(m)}`;
    lines.push({ date: `${month}-08`, summary: `支付村部电费（${m === 1 ? 12 : m - 1}月）`, account: '管理费用', income: 0, expense: 31_000 + ((year * 7 + m * 13) % 17) * 1_150 });
    lines.push({ date: `${month}-20`, summary: `支付村干部${m}月误工补贴`, account: '管理费用', income: 0, expense: 1_240_000 });
  }
  lines.push({ date: `${start.slice(0, 7)}-15`, summary: '收到上级转移支付（村级组织运转经费）', account: '补助收入', income: 5_500_000, expense: 0 });
  lines.push({ date: `${end.slice(0, 7)}-12`, summary: '购买办公用品（纸张、墨盒）', account: '管理费用', income: 0, expense: 42_800 + q * 3_500 });
  lines.sort((a, b) => a.date.localeCompare(b.date) || b.income - a.income);

  let balance = opening;
  let income = 0;
  let expense = 0;
  const entries: FinanceEntry[] = lines.map((l, i) => {
    balance += l.income - l.expense;
    income += l.income;
    expense += l.expense;
    return { row: FIRST_DATA_ROW + i, date: l.date, voucher: `记-${String(i + 1).padStart(3, '0')}`, summary: l.summary, account: l.account, income: l.income, expense: l.expense, balance, remark: null };
  });
  return {
    kind: 'finance',
    title: `${SAMPLE_TITLE_PREFIX}${PLACE}${year}年第${'一二三四'[q - 1]}季度村级财务收支明细公开表`,
    period: `${year}-Q${q}`,
    openingBalance: opening,
    entries,
    totals: { income, expense, closingBalance: opening + income - expense },
    notes: ['公开单位：康家坪村村民委员会', '本表为演示用示例数据，非真实账目。This is sample data for demonstration, not real accounts.'],
  };
}

function quarterEnd(year: number, q: number): string {
  return ['03-31', '06-30', '09-30', '12-31'].map((d) => `${year}-${d}`)[q - 1]!;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
