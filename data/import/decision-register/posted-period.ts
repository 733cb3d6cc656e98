import { dateFromParts } from '../../dates.ts';
import { toHalfWidth } from '../../money.ts';

/**
 * The days a disclosure was up, as a register states them in 主要内容 or 备注:
 * 公示期7天（3月19日至3月26日）, 公示时间：2026年3月19日至2026年3月26日, 于3月19日至26日在公开栏公示.
 * A date range counts only beside 公示 / 公开 / 张贴: 工期3月20日至6月30日 in a result notice is
 * the works' dates, not the notice's.
 */
export type PostedPeriod =
  | { kind: 'none' }
  | { kind: 'ok'; from: string; until: string }
  | { kind: 'invalid'; reason: string; reasonEn: string };

export function postedPeriod(text: string, stepDate: string): PostedPeriod {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  for (const m of s.matchAll(RANGE)) {
    const before = s.slice(Math.max(0, (m.index ?? 0) - 12), m.index);
    const after = s.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 10);
    if (!KEYWORD_BEFORE.test(before) && !KEYWORD_AFTER.test(after)) continue;
    return fromMatch(m, stepDate);
  }
  return { kind: 'none' };
}

// ——— private helpers ———

/** [年]月日 至 [[年]月]日, with 至 / 到 / — / - / ~ between */
const RANGE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?(?:至|到|—{1,2}|-|~|－)(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})[日号]/g;
const KEYWORD_BEFORE = /(公示|公开|张贴)(期|时间|日期)?[^。；;]*$/;
const KEYWORD_AFTER = /^[^。；;，,]*(公示|公开|张贴)/;

function fromMatch(m: RegExpMatchArray, stepDate: string): PostedPeriod {
  const [stepYear, stepMonth] = stepDate.split('-').map(Number) as [number, number];
  const fromMonth = Number(m[2]);
  const fromDay = Number(m[3]);
  // A notice posted in January for a December meeting belongs to the next year.
  const fromYear = m[1] ? Number(m[1]) : fromMonth + 6 < stepMonth ? stepYear + 1 : stepYear;
  const untilMonth = m[5] ? Number(m[5]) : fromMonth;
  const untilDay = Number(m[6]);
  const untilYear = m[4] ? Number(m[4]) : untilMonth * 100 + untilDay < fromMonth * 100 + fromDay ? fromYear + 1 : fromYear;
  const from = dateFromParts(fromYear, fromMonth, fromDay);
  const until = dateFromParts(untilYear, untilMonth, untilDay);
  if (from.kind !== 'ok') return invalid(from);
  if (until.kind !== 'ok') return invalid(until);
  if (until.date < from.date) {
    return {
      kind: 'invalid',
      reason: `公示期“${m[0]}”的结束日 ${until.date} 早于开始日 ${from.date}`,
      reasonEn: `the posting period "${m[0]}" ends (${until.date}) before it starts (${from.date})`,
    };
  }
  return { kind: 'ok', from: from.date, until: until.date };
}

function invalid(p: { kind: string; reason?: string; reasonEn?: string }): PostedPeriod {
  return { kind: 'invalid', reason: `公示期的${p.reason ?? '日期无效'}`, reasonEn: `the posting period's ${p.reasonEn ?? 'date is invalid'}` };
}
