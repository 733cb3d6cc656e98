import { parseDate } from '../dates.ts';
import { normalisePeriod, periodFromText, periodYear } from '../period.ts';
import { quote, type IssueLog } from './issues.ts';

/**
 * The year a contract ledger stands at. A ledger is a standing list, not a period's flows: its
 * date is the 截至 date it is drawn up to, and the publication's period is that date's year.
 */

/** 截至2026年11月30日 / 截止日期：2026-11-30 in the title or a note line, else null. */
export function asOfDate(lines: readonly (string | null)[]): string | null {
  for (const line of lines) {
    if (!line) continue;
    const m = AS_OF.exec(line.normalize('NFKC').replace(/\s+/g, ''));
    if (!m?.[1]) continue;
    const parsed = parseDate(m[1]);
    if (parsed.kind === 'ok') return parsed.date;
  }
  return null;
}

/**
 * The 截至 date's year, else the stated period (a JSON body's, or the request's), else the title's
 * year; a stated period whose year disagrees with the one chosen is an error.
 */
export function contractPeriod(
  sources: { asOf: string | null; requested: string | undefined; body?: string | null; title: string | null },
  log: IssueLog,
): string | null {
  const requested = sources.requested?.trim() ? normalisePeriod(sources.requested) : null;
  if (sources.requested?.trim() && requested === null) {
    log.error(
      'period-invalid',
      at(),
      `period=${quote(sources.requested)} 不是有效的期间；合同台账请写年份，如 2026。`,
      `period=${quote(sources.requested)} is not a period; for a contract ledger give the year, e.g. 2026.`,
    );
  }
  const fromTitle = sources.title ? periodFromText(sources.title) : null;
  const titleYear = fromTitle ? String(periodYear(fromTitle)) : null;
  const asOfYear = sources.asOf ? sources.asOf.slice(0, 4) : null;
  const period = asOfYear ?? sources.body ?? requested ?? titleYear;
  if (period === null) {
    log.error(
      'period-missing',
      at(),
      '无法确定这份合同台账的年份：标题和表头上方没有写“截至××××年××月××日”，标题里也没有年份。请在表格中写明截至日期，或上传时加上 period=（如 period=2026）。',
      'Cannot tell which year this contract ledger stands at: there is no 截至 (as of) date above the header and no year in the title. State the as-of date in the file or add period= to the upload (e.g. period=2026).',
    );
    return null;
  }
  const year = periodYear(period);
  const stated: Array<[string | null, string, string]> = [
    [requested, '上传时填写的期间', 'the upload'],
    [sources.body ?? null, 'JSON 中的期间', 'the JSON'],
    // A ledger for 2025 may well be drawn up as of January 2026; the title is held only to a stated period.
    [asOfYear ? null : titleYear, '标题中的年份', 'the title'],
  ];
  for (const [value, zh, en] of stated) {
    if (value === null || periodYear(value) === year) continue;
    const basis = asOfYear ? `台账截至 ${sources.asOf}` : `期间为 ${period}`;
    const basisEn = asOfYear ? `the ledger is as of ${sources.asOf}` : `the period is ${period}`;
    log.error('period-mismatch', at(), `${zh}是 ${value}，但${basis}。请核对后重新上传。`, `${en} says ${value}, but ${basisEn}. Please check and upload again.`);
  }
  return period;
}

// ——— private helpers ———

const AS_OF = /截[至止](?:日期|时间)?[:：]?(\d{4}[年./-]\d{1,2}[月./-]\d{1,2}[日号]?)/;

function at() {
  return { row: null, column: null, field: 'period' };
}
