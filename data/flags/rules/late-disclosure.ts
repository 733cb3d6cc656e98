import { z } from 'zod';
import { periodLabel } from '../../period.ts';
import type { PublicationSummary } from '../../publication.ts';
import type { Finding } from '../finding.ts';
import { defineRule } from '../rule.ts';
import { addDays, periodLastDay, periodMonths } from './days.ts';
import { uniqueKeys } from './village-data.ts';

const dueDays = (n: number) => z.number().int().min(0).max(366).default(n);

const Settings = z
  .object({
    /** how often the finance ledger is due: every quarter, or every month where 财务往来较多 */
    frequency: z.enum(['quarterly', 'monthly']).default('quarterly'),
    /** days after a finance period ends by which it is due (15: the 15th of the next month, 财务公开日) */
    financeDueDays: dueDays(15),
    /** days after the year ends by which the contract ledger is due */
    contractDueDays: dueDays(31),
    /** days after the year ends by which the project list is due */
    projectDueDays: dueDays(31),
  })
  .strict();

type CalendarKind = 'finance' | 'contract' | 'project';

const TABLE: Record<CalendarKind, string> = { finance: '财务收支', contract: '集体资产资源合同台账', project: '工程项目公示' };

export const lateDisclosure = defineRule({
  id: 'late-disclosure',
  name: '应公开而未公开',
  explanation:
    '按公开日历检查每一期是否已经公开：财务收支每季度一次（县里规定按月的每月一次），在这一期结束后15天内公开；' +
    '村里公开过合同台账、工程项目公示的，此后每年一次，在次年1月底前公开。过了期限仍未公开的，列出来请村里说明。晚公开但已公开的不在这里列出。',
  source: '《村民委员会组织法》第三十条：一般事项至少每季度公布一次，集体财务往来较多的财务收支情况应当每月公布一次；《农村集体经济组织财务公开规定》：至少每季度公开一次，资产资源每年至少一次；“每季首月15日财务公开日”的地方做法，见 village-oversight-rules.md §3。',
  timeBased: true,
  settings: Settings,
  run(input, settings) {
    const start = input.calendarStart;
    if (!start) return [];
    const history = input.history;
    const findings: Finding[] = [];
    const missing = (kind: CalendarKind, period: string, due: string) => {
      findings.push({
        rule: 'late-disclosure',
        village: input.village.code,
        key: `${kind}:${period}`,
        title: `${periodLabel(period)}${TABLE[kind]}应于${due}前公开，至今未公开`,
        detail: `按公开日历，${periodLabel(period)}的${TABLE[kind]}应于${due}前公开；到${input.today}为止，本村在平台上没有公开这一期。如已在村务公开栏公开，请把公开的表格上传到平台。`,
        amount: null,
        evidence: [],
        sample: history.length > 0 && history.every((h) => h.sample),
      });
    };

    const published = new Set(history.filter((h) => h.kind === 'finance').flatMap((h) => periodMonths(h.period)));
    for (const period of financePeriods(start, settings.frequency)) {
      const due = addDays(periodLastDay(period), settings.financeDueDays);
      if (!(due < input.today)) break;
      if (!periodMonths(period).every((m) => published.has(m))) missing('finance', period, due);
    }
    for (const [kind, days] of [
      ['contract', settings.contractDueDays],
      ['project', settings.projectDueDays],
    ] as const) {
      const years = yearsPublished(history, kind);
      const first = years.length > 0 ? Math.max(Number(start.slice(0, 4)), Math.min(...years)) : null;
      if (first === null) continue;
      for (let year = first; ; year++) {
        const due = addDays(`${year}-12-31`, days);
        if (!(due < input.today)) break;
        if (!years.includes(year)) missing(kind, String(year), due);
      }
    }
    return uniqueKeys(findings);
  },
});

/** Quarters or months from the one containing `start`, without end (the caller stops). */
function* financePeriods(start: string, frequency: 'quarterly' | 'monthly'): Generator<string> {
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  if (frequency === 'quarterly') {
    for (let q = Math.ceil(month / 3); ; q = (q % 4) + 1, year += q === 1 ? 1 : 0) yield `${year}-Q${q}`;
  }
  for (; ; month = (month % 12) + 1, year += month === 1 ? 1 : 0) yield `${year}-${String(month).padStart(2, '0')}`;
}

/** The years a contract ledger or project list was published for (a ledger stands at a date in its year). */
function yearsPublished(history: readonly PublicationSummary[], kind: CalendarKind): number[] {
  return [...new Set(history.filter((h) => h.kind === kind).map((h) => Number(h.period.slice(0, 4))))];
}
