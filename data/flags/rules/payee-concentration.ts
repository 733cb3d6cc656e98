import { z } from 'zod';
import { Fen } from '../../publication.ts';
import { periodLabel } from '../../period.ts';
import type { Finding } from '../finding.ts';
import { defineRule } from '../rule.ts';
import { listText, percent, yuan } from '../wording.ts';
import { anySample, financeLedgers, ledgerRows, type PaidRow, paidRows, rowEvidence, uniqueKeys } from './village-data.ts';

const Settings = z
  .object({
    /** a payee's share of the year's expense above this, in whole percent, is raised */
    sharePercent: z.number().int().min(1).max(100).default(40),
    /** years whose published expense is below this, in fen, are not looked at */
    minTotal: Fen.pipe(z.number().nonnegative()).default(5_000_000),
  })
  .strict();

export const payeeConcentration = defineRule({
  id: 'payee-concentration',
  name: '支出集中于同一收款方',
  explanation:
    '把每一年已公开的支出按收款方加起来（收款方取账上的收款单位，或摘要里写到的公司、合作社、店、厂等），看是否有一家收款方拿到了全年支出的很大一部分（默认超过40%）。' +
    '支出过于集中可能是因为当年有一项大工程，也可能是长期固定找同一家、没有比价，需要说明这家是怎么选定的。',
  source: '三资监管、巡察常见问题“同一收款方占全年支出比例过高”“优亲厚友”，见 village-oversight-rules.md §4。',
  timeBased: false,
  settings: Settings,
  run(input, settings) {
    const ledgers = financeLedgers(input.publications);
    const totals = new Map<string, number>();
    const periods = new Map<string, string[]>();
    for (const r of ledgerRows(ledgers)) {
      const year = r.date.slice(0, 4);
      totals.set(year, (totals.get(year) ?? 0) + r.entry.expense);
    }
    for (const l of ledgers) {
      const year = l.content.period.slice(0, 4);
      periods.set(year, [...(periods.get(year) ?? []), periodLabel(l.content.period)]);
    }
    const byYearPayee = new Map<string, PaidRow[]>();
    for (const r of paidRows(ledgers)) {
      const k = `${r.date.slice(0, 4)}\u0000${r.payeeKey}`;
      byYearPayee.set(k, [...(byYearPayee.get(k) ?? []), r]);
    }
    const findings: Finding[] = [];
    for (const [k, rows] of byYearPayee) {
      const [year = '', payeeKey = ''] = k.split('\u0000');
      const total = totals.get(year) ?? 0;
      const sum = rows.reduce((s, r) => s + r.entry.expense, 0);
      if (total < settings.minTotal || total === 0 || !(sum * 100 > total * settings.sharePercent)) continue;
      const payee = rows[0]?.payee ?? payeeKey;
      const share = percent(sum, total);
      findings.push({
        rule: 'payee-concentration',
        village: input.village.code,
        key: `${year}:${payeeKey}`,
        title: `${year}年已公开的支出中，付给${payee}的${yuan(sum)}占${share}`.slice(0, 200),
        detail:
          `${year}年已公开的财务收支（${listText(periods.get(year) ?? [])}）共支出${yuan(total)}，其中付给${payee}${rows.length}笔，合计${yuan(sum)}，占${share}，超过${settings.sharePercent}%。` +
          '请说明这家收款方是怎样选定的（是否比价、招标或经集体研究）。',
        amount: sum,
        evidence: rows.map(rowEvidence),
        sample: anySample(rows.map((r) => r.ledger.pub)),
      });
    }
    return uniqueKeys(findings);
  },
});
