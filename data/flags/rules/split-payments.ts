import { z } from 'zod';
import { Fen } from '../../publication.ts';
import type { Finding } from '../finding.ts';
import { sameParty } from '../ledger-match.ts';
import { defineRule } from '../rule.ts';
import { yuan } from '../wording.ts';
import { daysBetween } from './days.ts';
import { anySample, currentProjects, financeLedgers, type PaidRow, paidRows, rowEvidence, uniqueKeys } from './village-data.ts';

const Settings = z
  .object({
    /** payments to one payee count together when they all fall within this many consecutive days */
    windowDays: z.number().int().min(1).max(366).default(90),
    /** the amounts, in fen, at which a village payment needs a further step of approval (岳阳县: 1万, 5万, 10万元) */
    tiers: z.array(Fen.pipe(z.number().positive())).min(1).max(10).default([1_000_000, 5_000_000, 10_000_000]),
  })
  .strict();

export const splitPayments = defineRule({
  id: 'split-payments',
  name: '同一收款方短期内多笔付款合计过档',
  explanation:
    '村级工程和采购按金额分档审批：金额越大，需要的程序越多（如1万元以上全体监委参与，5万元以上村民议事会表决，10万元以上公开招标）。' +
    '这里看同一收款方在一段时间内（默认90天）收到的付款：如果每一笔都低于某一档，合起来却达到了这一档，就列出来请村里说明。' +
    '这可能是把一项工作拆成几笔支付，避开上一档的程序；也可能是几项各自独立的采购。已公示的工程项目按合同分期付给承包方的，不算拆分。',
  source: '岳阳县村级工程、采购分档规定：1万元以下两委会议，1万—4.9999万元两委加全体监委，5万—9.9999万元村民议事会表决，10万元以上对外公开招标，见 village-oversight-rules.md §1 Item A、§4（拆分规避分档）。',
  timeBased: false,
  settings: Settings,
  run(input, settings) {
    const tiers = [...settings.tiers].sort((a, b) => b - a);
    const projects = currentProjects(input.publications);
    const byPayee = new Map<string, PaidRow[]>();
    for (const r of paidRows(financeLedgers(input.publications))) byPayee.set(r.payeeKey, [...(byPayee.get(r.payeeKey) ?? []), r]);

    const findings: Finding[] = [];
    for (const [payeeKey, rows] of byPayee) {
      for (let i = 0; i < rows.length; ) {
        const start = rows[i];
        if (!start) break;
        let end = i;
        while (end + 1 < rows.length && daysBetween(start.date, rows[end + 1]?.date ?? start.date) < settings.windowDays) end++;
        const window = rows.slice(i, end + 1);
        const crossed = crossing(window, tiers);
        const covered = crossed && projects.some((p) => p.project.contractor !== null && sameParty(p.project.contractor, crossed.members[0]?.payee ?? '') && (p.project.contractAmount ?? -1) >= crossed.sum);
        if (!crossed || covered) {
          i++;
          continue;
        }
        const { members, sum, tier } = crossed;
        const first = members[0]?.date ?? start.date;
        const lastDate = members[members.length - 1]?.date ?? first;
        const payee = members[0]?.payee ?? payeeKey;
        findings.push({
          rule: 'split-payments',
          village: input.village.code,
          key: `${payeeKey}:${first}`,
          title: `${first}至${lastDate}向${payee}付款${members.length}笔，每笔不足${tierText(tier)}，合计${yuan(sum)}`.slice(0, 200),
          detail:
            `财务收支显示，${settings.windowDays}天内向${payee}付款${members.length}笔：${members.map((m) => `${m.date} ${yuan(m.entry.expense)}（${m.entry.summary}）`).join('；')}。` +
            `每一笔都低于${tierText(tier)}，合计${yuan(sum)}，达到${tierText(tier)}这一档。请说明这几笔是否属于同一项工作或采购，以及是按哪一档的程序决定的。`,
          amount: sum,
          evidence: members.map(rowEvidence),
          sample: anySample(members.map((m) => m.ledger.pub)),
        });
        i = end + 1;
      }
    }
    return uniqueKeys(findings);
  },
});

/** The highest tier that at least two payments, each below it, reach together. */
function crossing(window: readonly PaidRow[], tiers: readonly number[]): { tier: number; members: PaidRow[]; sum: number } | null {
  for (const tier of tiers) {
    const members = window.filter((r) => r.entry.expense < tier);
    const sum = members.reduce((s, r) => s + r.entry.expense, 0);
    if (members.length >= 2 && sum >= tier) return { tier, members, sum };
  }
  return null;
}

/** 5,000,000 fen → 5万元 */
function tierText(fen: number): string {
  return fen % 1_000_000 === 0 ? `${fen / 1_000_000}万元` : yuan(fen);
}
