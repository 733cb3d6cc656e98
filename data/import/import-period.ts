import { normalisePeriod, periodContains, periodFromDates, periodFromText, periodLabel } from '../period.ts';
import type { IssueLog } from './issues.ts';

/**
 * The period a file is stated to cover, before its rows are read: the request's, checked against
 * the title's, else the title's. Dates written without a year (7月20日, separate 月/日 columns)
 * take their year from it.
 */
export function statedPeriod(requested: string | undefined, title: string | null, log: IssueLog): string | null {
  const fromTitle = title ? periodFromText(title) : null;
  if (requested === undefined || requested.trim() === '') return fromTitle;
  const period = normalisePeriod(requested);
  if (period === null) {
    log.error(
      'period-invalid',
      { row: null, column: null, field: 'period' },
      `period=${requested} 不是有效的期间；请写成 2026、2026-Q3 或 2026-07。`,
      `period=${requested} is not a period; write it as 2026, 2026-Q3 or 2026-07.`,
    );
    return fromTitle;
  }
  if (fromTitle !== null && fromTitle !== period) {
    log.error(
      'period-mismatch',
      { row: null, column: null, field: 'period' },
      `上传时填写的期间是 ${periodLabel(period)}，但表格标题写的是 ${periodLabel(fromTitle)}（“${title}”）。请核对后重新上传。`,
      `The upload says the period is ${period}, but the title of the table says ${fromTitle} (“${title}”). Please check and upload again.`,
    );
  }
  return period;
}

/**
 * The year of a sign-off line under the table (样板村村民委员会（盖章）  2024年3月12日): the notice's
 * date, the last such line's. Null when there is none.
 */
export function signOffPeriod(notes: readonly string[]): string | null {
  for (let i = notes.length - 1; i >= 0; i--) {
    const m = /(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/.exec(notes[i]!.normalize('NFKC'));
    if (m) return m[1]!;
  }
  return null;
}

/** The stated period, else the one the dates span, else the file name's; an error when none. */
export function finalPeriod(stated: string | null, dates: string[], filename: string | undefined, log: IssueLog): string | null {
  const period = stated ?? periodFromDates(dates) ?? (filename ? periodFromText(filename) : null);
  if (period === null) {
    log.error(
      'period-missing',
      { row: null, column: null, field: 'period' },
      '无法确定这份表格的期间：标题里没有写年份或季度，日期也无法推断。请在标题中写明（如“2026年第三季度”），或上传时加上 period=（如 period=2026-Q3）。',
      'Cannot tell which period this table covers: the title states no year or quarter and the dates do not tell. State it in the title (e.g. 2026年第三季度) or add period= to the upload (e.g. period=2026-Q3).',
    );
  }
  return period;
}

/** Dates outside the period: an error for ledgers, a warning where late payment is normal. */
export function checkDatesInPeriod(
  period: string,
  dated: ReadonlyArray<{ row: number; date: string | null; column: string | null; field: string }>,
  log: IssueLog,
  severity: 'error' | 'warning',
): void {
  for (const d of dated) {
    if (d.date === null || periodContains(period, d.date)) continue;
    const zh = `第${d.row}行的日期 ${d.date} 不在本表期间（${periodLabel(period)}）内。`;
    const en = `Row ${d.row}: the date ${d.date} is outside the period of this table (${period}).`;
    const where = { row: d.row, column: d.column, field: d.field };
    if (severity === 'error') log.error('date-outside-period', where, zh, en);
    else log.warn('date-outside-period', where, zh, en);
  }
}
