import { z } from 'zod';
import type { Finding } from '../finding.ts';
import { namesProject } from '../ledger-match.ts';
import { defineRule } from '../rule.ts';
import { yuan } from '../wording.ts';
import { anySample, financeLedgers, ledgerRows, rowEvidence, uniqueKeys } from './village-data.ts';

const Settings = z.object({}).strict();

export const paidBeforeDecision = defineRule({
  id: 'paid-before-decision',
  name: '决议之前已付款',
  explanation:
    '重大事项要先按“四议两公开”由村民会议或村民代表会议作出决议，再签合同、付款。这条规则把村里公开的四议两公开记录中每个项目的决议日期，与财务收支里写到这个项目的支出日期比较：决议之前就付了款的，列出来请村里说明。' +
    '它需要村里公开四议两公开记录（决议事项和决议日期）才能核对；没有这些记录时，它什么也查不出。',
  source: '四议两公开：决议日期应早于合同日期和第一笔付款（决策—合同—付款的先后），巡察中的“资金先付手续再补”问题，见 village-oversight-rules.md §2。',
  timeBased: false,
  settings: Settings,
  run(input) {
    const expenses = ledgerRows(financeLedgers(input.publications)).filter((r) => r.entry.expense > 0);
    const findings: Finding[] = [];
    for (const d of input.decisions) {
      const projectName = d.project;
      if (!projectName) continue;
      const early = expenses.filter((r) => r.entry.date !== null && r.entry.date < d.decidedAt && namesProject(r.entry.summary, projectName));
      if (early.length === 0) continue;
      const sum = early.reduce((s, r) => s + r.entry.expense, 0);
      const first = early.reduce((a, r) => (r.date < a ? r.date : a), early[0]?.date ?? d.decidedAt);
      findings.push({
        rule: 'paid-before-decision',
        village: input.village.code,
        key: `${projectName.replace(/\s+/g, '')}:${d.decidedAt}`,
        title: `${projectName}于${d.decidedAt}作出决议，此前已支出${early.length}笔共${yuan(sum)}（最早${first}）`.slice(0, 200),
        detail:
          `四议两公开记录显示，“${d.matter}”（${projectName}）由村民会议或村民代表会议于${d.decidedAt}作出决议。财务收支中写到这一项目、日期早于决议的支出有：` +
          `${early.map((r) => `${r.date} ${yuan(r.entry.expense)}（${r.entry.summary}）`).join('；')}。请说明这些款项为什么在决议之前支付，是否另有先行的决定。`,
        amount: sum,
        evidence: early.map(rowEvidence),
        sample: anySample(early.map((r) => r.ledger.pub)),
      });
    }
    return uniqueKeys(findings);
  },
});
