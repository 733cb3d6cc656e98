import { z } from 'zod';
import { periodLabel } from '../../period.ts';
import type { Evidence, Finding } from '../finding.ts';
import { defineRule } from '../rule.ts';
import { financeRowLabel, yuan } from '../wording.ts';
import { addDays, periodFirstDay, periodLastDay } from './days.ts';
import { evidence, financeLedgers, uniqueKeys } from './village-data.ts';

const Settings = z
  .object({
    /** 库存现金限额, in fen: the cash the village may keep on hand at the end of a day */
    limit: z.number().int().positive().default(500_000),
  })
  .strict();

export const cashOverLimit = defineRule({
  id: 'cash-over-limit',
  name: '库存现金超过限额',
  explanation:
    '只看写明是现金日记账的财务收支：按每天最后一笔后的余额（当天没有记账的沿用前一天的余额），看库存现金是否超过限额（一般为5,000元）。' +
    '现金多了应及时存入银行，留在手上容易出差错、被挪用，也难以核对；超过限额可能有临时原因（如当天收到现金来不及存），需要说明。',
  source: '村级财务管理制度：“库存现金限额一般为5000元，不准白条抵库”，收取现金3天内交账、不跨月，见 village-oversight-rules.md §4。',
  timeBased: false,
  settings: Settings,
  run(input, settings) {
    const findings: Finding[] = [];
    for (const { pub, content } of financeLedgers(input.publications)) {
      if (content.balanceKind !== 'cash') continue;
      const endOfDay = new Map<string, { balance: number; row: number }>();
      let running: number | null = content.openingBalance;
      let lastDate: string | null = null;
      for (const e of content.entries) {
        running = e.balance ?? (running === null ? null : running + e.income - e.expense);
        lastDate = e.date ?? lastDate;
        if (running !== null && lastDate !== null) endOfDay.set(lastDate, { balance: running, row: e.row });
      }
      const last = periodLastDay(content.period);
      let current: { balance: number; row: number | null } | null = content.openingBalance === null ? null : { balance: content.openingBalance, row: null };
      let worst: { balance: number; row: number | null; date: string } | null = null;
      let daysOver = 0;
      for (let day = periodFirstDay(content.period); day <= last; day = addDays(day, 1)) {
        current = endOfDay.get(day) ?? current;
        if (!current || current.balance <= settings.limit) continue;
        daysOver++;
        if (!worst || current.balance > worst.balance) worst = { ...current, date: day };
      }
      if (!worst) continue;
      const label = periodLabel(content.period);
      const where: Evidence =
        worst.row === null ? evidence(pub, null, `${label}现金日记账期初余额`) : evidence(pub, worst.row, financeRowLabel(content.period, worst.row));
      findings.push({
        rule: 'cash-over-limit',
        village: input.village.code,
        key: `${content.period}:cash`,
        title: `${label}现金日记账：库存现金最多时为${yuan(worst.balance)}（${worst.date}），超过限额${yuan(settings.limit)}，共${daysOver}天超过`,
        detail:
          `按${label}现金日记账每天最后一笔后的余额计算（当天没有记账的沿用前一天的余额），库存现金有${daysOver}天超过限额${yuan(settings.limit)}，` +
          `最多的一天是${worst.date}，余额${yuan(worst.balance)}，超出${yuan(worst.balance - settings.limit)}。请说明现金为什么没有及时存入银行。`,
        amount: worst.balance - settings.limit,
        evidence: [where],
        sample: pub.sample,
      });
    }
    return uniqueKeys(findings);
  },
});
