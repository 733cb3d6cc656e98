import { formatFen } from '../money.ts';
import type { IssueLog } from './issues.ts';

/**
 * The arithmetic of a ledger: the running balance, subtotals and totals must agree with the
 * entries, to the fen. Shared by the spreadsheet and JSON importers, so both check the same way.
 */
export type LedgerLine =
  | { kind: 'entry'; row: number; income: number; expense: number; balance: number | null }
  /** 上期结余 and friends; the first one is the opening balance, later ones (承上页) are checked */
  | { kind: 'opening'; row: number; label: string; balance: number }
  | {
      kind: 'subtotal' | 'total' | 'carry';
      row: number;
      label: string;
      /** a 科目's or group's subtotal (row-labels.ts): it does not end the month's segment */
      part?: boolean;
      income: number | null;
      expense: number | null;
      balance: number | null;
    };

/** Column letters and headers for messages; null when there is no sheet (JSON). */
export interface LedgerColumns {
  income: { letter: string; header: string } | null;
  expense: { letter: string; header: string } | null;
  balance: { letter: string; header: string } | null;
}

export interface LedgerTotals {
  openingBalance: number | null;
  income: number;
  expense: number;
  closingBalance: number | null;
}

export function checkLedger(lines: readonly LedgerLine[], columns: LedgerColumns, log: IssueLog): LedgerTotals {
  let opening: number | null = null;
  let income = 0;
  let expense = 0;
  let segmentIncome = 0;
  let segmentExpense = 0;
  let partIncome = 0;
  let partExpense = 0;
  // 本月合计 written twice in a row (its 收 and its 支 in one 金额 column) covers the same entries
  let previous: LedgerLine | null = null;
  let previousSums = { income: 0, expense: 0 };
  // The running balance as computed, and as the file last stated it: after a wrong balance the
  // next row may follow either, and should not be reported again in both cases.
  let running: number | null = null;
  let stated: number | null = null;
  const balanceAt = (row: number, label: string | null, value: number, expected: number, how: Explain): void => {
    if (value === expected) return;
    const where = { row, column: columns.balance?.letter ?? null, field: 'balance' };
    const name = label ? `“${label}”` : '';
    log.error(
      'balance-mismatch',
      where,
      `第${row}行${name}余额为 ${formatFen(value)} 元，但${how.zh}应为 ${formatFen(expected)} 元`,
      `Row ${row} ${label ? `“${label}” ` : ''}balance is ${formatFen(value)} but ${how.en} gives ${formatFen(expected)}`,
    );
  };

  for (const line of lines) {
    const before = previous;
    previous = line;
    if (line.kind === 'opening') {
      if (opening === null && running === null) {
        opening = line.balance;
        running = stated = line.balance;
      } else if (running !== null) {
        if (line.balance !== stated) balanceAt(line.row, line.label, line.balance, running, carried());
        running = stated = line.balance;
      }
      continue;
    }
    if (line.kind === 'entry') {
      income += line.income;
      expense += line.expense;
      segmentIncome += line.income;
      segmentExpense += line.expense;
      partIncome += line.income;
      partExpense += line.expense;
      const delta = line.income - line.expense;
      if (line.balance !== null) {
        if (running !== null && stated !== null) {
          const expected = running + delta;
          if (line.balance !== expected && line.balance !== stated + delta) {
            balanceAt(line.row, null, line.balance, expected, chain(running, line.income, line.expense));
            running = expected;
            stated = line.balance;
            continue;
          }
        }
        running = stated = line.balance;
      } else if (running !== null && stated !== null) {
        running += delta;
        stated += delta;
      }
      continue;
    }
    const whole = line.kind !== 'subtotal';
    const repeated = before !== null && before.kind === 'subtotal' && line.kind === 'subtotal' && before.label === line.label;
    const sums = whole ? { income, expense } : repeated ? previousSums : line.part ? { income: partIncome, expense: partExpense } : { income: segmentIncome, expense: segmentExpense };
    previousSums = sums;
    if (line.kind !== 'carry') {
      compareTotal(line, 'income', line.income, sums.income, whole, columns, log);
      compareTotal(line, 'expense', line.expense, sums.expense, whole, columns, log);
    }
    if (line.balance !== null && running !== null && line.balance !== stated) {
      const expected = whole && opening !== null && line.kind === 'total' ? opening + income - expense : running;
      balanceAt(line.row, line.label, line.balance, expected, whole ? closing() : carried());
    }
    if (line.kind === 'subtotal') {
      partIncome = 0;
      partExpense = 0;
      if (!line.part) {
        segmentIncome = 0;
        segmentExpense = 0;
      }
    }
  }
  return {
    openingBalance: opening,
    income,
    expense,
    closingBalance: opening !== null ? opening + income - expense : running,
  };
}

// ——— private helpers ———

interface Explain {
  zh: string;
  en: string;
}

function chain(previous: number, income: number, expense: number): Explain {
  return {
    zh: `按上一行余额 ${formatFen(previous)} 元加收入 ${formatFen(income)} 元减支出 ${formatFen(expense)} 元`,
    en: `the previous balance ${formatFen(previous)} + income ${formatFen(income)} − expense ${formatFen(expense)}`,
  };
}

function carried(): Explain {
  return { zh: '按前面各行推算', en: 'the rows above' };
}

function closing(): Explain {
  return { zh: '期末余额（期初加收入减支出）', en: 'the closing balance (opening + income − expense)' };
}

function compareTotal(
  line: { row: number; label: string; kind: string },
  field: 'income' | 'expense',
  value: number | null,
  sum: number,
  whole: boolean,
  columns: LedgerColumns,
  log: IssueLog,
): void {
  if (value === null || value === sum) return;
  const zhField = field === 'income' ? '收入金额' : '支出金额';
  const scopeZh = whole ? '明细合计' : '本段明细（上一个小计之后）合计';
  const scopeEn = whole ? 'the entries add up to' : 'the entries since the previous subtotal add up to';
  log.error(
    'total-mismatch',
    { row: line.row, column: columns[field]?.letter ?? null, field },
    `第${line.row}行“${line.label}”${zhField}为 ${formatFen(value)} 元，但${scopeZh}为 ${formatFen(sum)} 元`,
    `Row ${line.row} “${line.label}” ${field} is ${formatFen(value)} but ${scopeEn} ${formatFen(sum)}`,
  );
}
