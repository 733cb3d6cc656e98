import type { FinanceContent, FinanceEntry } from '../publication.ts';
import { dateFromParts } from '../dates.ts';
import { periodContains, periodLabel, periodYear } from '../period.ts';
import { cellText, type GridRow } from './grid.ts';
import type { ImportInput } from './import-result.ts';
import { at, place, type IssueLog } from './issues.ts';
import { checkLedger, type LedgerColumns, type LedgerLine } from './finance-ledger.ts';
import { checkDatesInPeriod, finalPeriod, statedPeriod } from './import-period.ts';
import { freeText, maskText, textMask } from './personal-fields.ts';
import { badValue, cellOf, labelTexts, readAmount, readDate } from './read-cell.ts';
import { rowLabel } from './row-labels.ts';
import type { Layout } from './table-layout.ts';
import { publicNotes, requireColumns } from './import-common.ts';
import { directionOf } from './finance-direction.ts';
import { extraCells, extraColumns, extraHeaders } from './extra-columns.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

const AMOUNT_FIELDS = ['income', 'expense', 'balance'] as const;

/**
 * A village ledger (收支明细) to FinanceContent: entries, the opening balance, subtotal and total
 * rows checked to the fen, the running balance checked row by row.
 */
export function importFinance(layout: FoundLayout, input: ImportInput, log: IssueLog): FinanceContent | null {
  const c = layout.columns;
  if (!requireColumns(layout, [['summary'], ['income', 'expense', 'amount']], 'finance', log)) return null;
  if (!c.income && !c.expense && c.amount && !c.direction) {
    log.error(
      'direction-missing',
      { row: layout.headerRows[0] ?? null, column: c.amount.letter, field: 'direction' },
      `表中只有一列“${c.amount.header}”，没有收入、支出两列，也没有写明每笔是收还是支的“收支”（或“借贷”）列，无法区分收入和支出。请加上“收支”列（填“收”或“支”），或分成收入、支出两列。`,
      `The ledger has one amount column (${c.amount.header}), no income and expense columns, and no 收支 (or 借贷) column saying which each entry is. Add a 收支 column (收 or 支), or split the amounts into income and expense columns.`,
    );
    return null;
  }
  // 金额 with a 收/支 column (finance-direction.ts): each entry's amount goes to its side.
  const sides = (row: GridRow, total = false): { income: number | null; expense: number | null } => {
    if (!c.amount) return { income: readAmount(row, c.income, log), expense: readAmount(row, c.expense, log) };
    const amount = readAmount(row, c.amount, log);
    const written = cellText(cellOf(row, c.direction));
    const side = directionOf(written);
    if (amount !== null && side === null && total) {
      // 本月合计 of both sides in one 金额 cell: nothing to check it against, and nothing is published from it
      const p = place(at(row.row, c.amount), c.amount.header);
      log.warn('total-unchecked', at(row.row, c.amount), `${p.zh}：合计行没有写明是收入还是支出，未核对。`, `${p.en}: the total row does not say whether it is income or expense; it was not checked.`);
    } else if (amount !== null && side === null) {
      const p = place(at(row.row, c.direction), c.direction?.header);
      log.error(
        'direction-invalid',
        at(row.row, c.direction),
        `${p.zh}：${written === '' ? '没有写明' : `“${written}”没有说明`}这笔是收入还是支出，请填“收”或“支”（“借”或“贷”）。`,
        `${p.en}: ${written === '' ? 'nothing says' : `“${written}” does not say`} whether this is income or expense; write 收 or 支 (借 or 贷).`,
      );
    }
    return { income: side === 'income' ? amount : null, expense: side === 'expense' ? amount : null };
  };
  const stated = statedPeriod(input.period, layout.title, log);
  const year = stated ? periodYear(stated) : undefined;
  const mask = textMask(input);
  const extras = extraColumns(layout);

  const entries: FinanceEntry[] = [];
  const lines: LedgerLine[] = [];
  const extraNotes: Array<{ row: number; line: string }> = [];
  const cumulative: Array<{ row: GridRow; label: string }> = [];
  let month: number | null = null;
  let lastDate: string | null = null;
  let missingYear = false;

  for (const row of layout.body) {
    const label = rowLabel(labelTexts(row, c, AMOUNT_FIELDS));
    if (label?.kind === 'opening') {
      const balance = readAmount(row, c.balance, log) ?? readAmount(row, c.income, log) ?? readAmount(row, c.expense, log);
      if (balance !== null) lines.push({ kind: 'opening', row: row.row, label: label.text, balance });
      continue;
    }
    if (label?.kind === 'cumulative') {
      cumulative.push({ row, label: label.text });
      continue;
    }
    if (label) {
      lines.push({ kind: label.kind, row: row.row, label: label.text, ...(label.kind === 'subtotal' && label.part && { part: true }), ...sides(row, true), balance: readAmount(row, c.balance, log) });
      continue;
    }

    let date: string | null = null;
    if (c.date) date = readDate(row, c.date, log, year);
    else if (c.month && c.day) {
      const m: number | null = wholeNumber(cellOf(row, c.month)) ?? month;
      const d = wholeNumber(cellOf(row, c.day));
      month = m;
      if (m !== null && d !== null) {
        if (year === undefined) missingYear = true;
        else {
          const parsed = dateFromParts(year, m, d);
          if (parsed.kind === 'ok') date = parsed.date;
          else if (parsed.kind === 'invalid') badValue(row, c.day, log, 'invalid-date', parsed.reason, parsed.reasonEn);
        }
      }
    }
    // A journal leaves the date blank under an entry of the same day: it is the date above.
    const dateCell = c.date ?? c.day;
    if (date === null && dateCell && cellText(cellOf(row, dateCell)) === '' && lastDate !== null) date = lastDate;
    if (date !== null) lastDate = date;
    const summary = freeText(cellOf(row, c.summary), at(row.row, c.summary), c.summary?.header ?? null, log, mask);
    const errorsBefore = log.errors.length;
    const { income, expense } = sides(row);
    const unreadable = log.errors.length > errorsBefore;
    const balance = readAmount(row, c.balance, log);
    if (summary === null) {
      const p = place(at(row.row, c.summary), c.summary?.header);
      log.error('summary-missing', at(row.row, c.summary), `${p.zh}：摘要为空，每一笔收支都要写明事由。`, `${p.en}: the summary is empty; every entry needs one.`);
    }
    if (income === null && expense === null && !unreadable) {
      const column = c.income ?? c.expense ?? c.amount;
      const p = place(at(row.row, column), column?.header);
      log.error('amount-missing', at(row.row, column), `${p.zh}：这一行既没有收入金额也没有支出金额。`, `${p.en}: this row has neither an income nor an expense amount.`);
    }
    lines.push({ kind: 'entry', row: row.row, income: income ?? 0, expense: expense ?? 0, balance });
    entries.push({
      row: row.row,
      date,
      voucher: freeText(cellOf(row, c.voucher), at(row.row, c.voucher), c.voucher?.header ?? null, log, mask),
      summary: summary ?? '',
      account: freeText(cellOf(row, c.account), at(row.row, c.account), c.account?.header ?? null, log, mask),
      income: income ?? 0,
      expense: expense ?? 0,
      balance,
      remark: freeText(cellOf(row, c.remark), at(row.row, c.remark), c.remark?.header ?? null, log, mask),
      // only when the ledger has the column: older ledgers keep the content (and digest) they had
      ...(c.counterparty ? { counterparty: freeText(cellOf(row, c.counterparty), at(row.row, c.counterparty), c.counterparty.header, log, mask) } : {}),
      ...(extras.length > 0 && { extra: extraCells(row, extras, log, mask) }),
    });
  }

  if (missingYear) {
    log.error(
      'date-missing-year',
      at(null, c.month),
      '日期只有月和日，但标题里没有写年份。请在标题中写明年份（如“2026年第三季度”），或上传时加上 period=。',
      'Dates give only the month and day, and the title states no year. State the year in the title (e.g. 2026年第三季度) or add period= to the upload.',
    );
  }
  const period = finalPeriod(stated, entries.flatMap((e) => (e.date ? [e.date] : [])), input.filename, log);

  // 本年累计 can be checked only when the file starts where the year does; otherwise it is a note.
  for (const { row, label } of cumulative) {
    if (period && periodContains(period, `${periodYear(period)}-01-01`)) {
      const at = lines.findIndex((l) => l.row > row.row);
      lines.splice(at < 0 ? lines.length : at, 0, {
        kind: 'total',
        row: row.row,
        label,
        ...sides(row, true),
        balance: readAmount(row, c.balance, log),
      });
    } else {
      extraNotes.push({ row: row.row, line: cellsLine(row) });
    }
  }
  const income = c.income ?? c.amount;
  const expense = c.expense ?? c.amount;
  const columns: LedgerColumns = {
    income: income ? { letter: income.letter, header: income.header } : null,
    expense: expense ? { letter: expense.letter, header: expense.header } : null,
    balance: c.balance ? { letter: c.balance.letter, header: c.balance.header } : null,
  };
  const totals = checkLedger(lines, columns, log);
  if (period) {
    const dated = entries.map((e) => ({ row: e.row, date: e.date, column: c.date?.letter ?? c.day?.letter ?? null, field: 'date' }));
    checkDatesInPeriod(period, dated, log, 'error');
  }
  if (period === null) return null;
  const kind = balanceKind(layout.title, c.balance?.header ?? null);
  return {
    kind: 'finance',
    title: layout.title ? maskText(layout.title, at(null), null, log, mask) : defaultTitle(period),
    period,
    openingBalance: totals.openingBalance,
    entries,
    totals: { income: totals.income, expense: totals.expense, closingBalance: totals.closingBalance },
    notes: publicNotes([...layout.notes, ...extraNotes.map((n) => n.line)], log, mask, [...layout.noteRows, ...extraNotes.map((n) => n.row)]),
    ...(kind ? { balanceKind: kind } : {}),
    ...extraHeaders(extras, layout.headerRows[0] ?? null, log, mask),
  };
}

// ——— private helpers ———

function wholeNumber(cell: unknown): number | null {
  const text = cellText(cell as never).normalize('NFKC').replace(/[月日号]$/, '');
  return /^\d{1,2}$/.test(text) ? Number(text) : null;
}

function cellsLine(row: GridRow): string {
  return row.cells.map((x) => cellText(x)).filter((t) => t !== '').join('  ');
}

/** 现金日记账 / 库存现金 → cash, 银行存款日记账 → bank, from the title or the balance header; null when neither or both. */
function balanceKind(title: string | null, balanceHeader: string | null): 'cash' | 'bank' | null {
  const text = `${title ?? ''} ${balanceHeader ?? ''}`.replace(/\s+/g, '');
  const cash = /现金日记账|库存现金|现金余额/.test(text);
  const bank = /银行存款日记账|银行存款余额/.test(text);
  return cash === bank ? null : cash ? 'cash' : 'bank';
}

function defaultTitle(period: string): string {
  return `${periodLabel(period)}财务收支明细`;
}
