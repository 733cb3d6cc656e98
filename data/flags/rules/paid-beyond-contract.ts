import { z } from 'zod';
import type { Finding } from '../finding.ts';
import { namesParty, namesProject } from '../ledger-match.ts';
import { defineRule } from '../rule.ts';
import { yuan } from '../wording.ts';
import { anySample, currentProjects, financeLedgers, ledgerRows, projectEvidence, rowEvidence, uniqueKeys } from './village-data.ts';

const Settings = z
  .object({
    /** how far payments may exceed the contract amount, in whole percent, before it is raised */
    tolerancePercent: z.number().int().min(0).max(100).default(0),
  })
  .strict();

export const paidBeyondContract = defineRule({
  id: 'paid-beyond-contract',
  name: '付款超过合同金额',
  explanation:
    '把项目公示里每个工程的合同金额，与两样东西比较：项目公示自己写的已付金额，以及财务收支里写到这个项目名称（或只承包这一个项目的承包方）的支出合计。' +
    '付出去的钱多于合同金额的，列出来请村里说明。超付可能是有变更、增加工程量（应有签证和决定），也可能是多付或重复付款。',
  source: '村级工程“结算—审价—支付审批”流程与 四议两公开 中的“实施结果公开”，巡察中的“资金先付手续再补”问题，见 village-oversight-rules.md §1 Item A、§2。',
  timeBased: false,
  settings: Settings,
  run(input, settings) {
    const projects = currentProjects(input.publications);
    const expenses = ledgerRows(financeLedgers(input.publications)).filter((r) => r.entry.expense > 0);
    const over = (paid: number, contract: number) => paid * 100 > contract * (100 + settings.tolerancePercent);
    const findings: Finding[] = [];
    for (const ref of projects) {
      const p = ref.project;
      if (p.contractAmount === null || p.contractAmount <= 0) continue;
      const contractor = p.contractor;
      // a contractor with several projects cannot tell which one a payment was for
      const soleContractor = contractor !== null && projects.filter((o) => o.project.contractor !== null && namesParty(o.project.contractor, contractor)).length === 1;
      const rows = expenses.filter((r) => {
        const text = [r.entry.summary, r.entry.remark ?? '', r.entry.counterparty ?? ''].join(' ');
        return namesProject(text, p.name) || (soleContractor && contractor !== null && namesParty(text, contractor));
      });
      const ledgerPaid = rows.reduce((s, r) => s + r.entry.expense, 0);
      const listed = p.amountPaid !== null && over(p.amountPaid, p.contractAmount);
      const inLedger = rows.length > 0 && over(ledgerPaid, p.contractAmount);
      if (!listed && !inLedger) continue;
      const parts: string[] = [];
      if (listed && p.amountPaid !== null) parts.push(`项目公示写明已付${yuan(p.amountPaid)}`);
      if (inLedger) parts.push(`财务收支中写到这一项目${contractor && soleContractor ? `或${contractor}` : ''}的支出${rows.length}笔，合计${yuan(ledgerPaid)}`);
      const most = Math.max(listed ? (p.amountPaid ?? 0) : 0, inLedger ? ledgerPaid : 0);
      findings.push({
        rule: 'paid-beyond-contract',
        village: input.village.code,
        key: `${p.name.replace(/\s+/g, '')}:paid`,
        title: `${p.name}合同金额${yuan(p.contractAmount)}，已付${yuan(most)}，多出${yuan(most - p.contractAmount)}`.slice(0, 200),
        detail:
          `项目公示写明${p.name}的合同金额为${yuan(p.contractAmount)}${contractor ? `（承包方${contractor}）` : ''}。${parts.join('；')}，多于合同金额` +
          `${settings.tolerancePercent > 0 ? `${settings.tolerancePercent}%以上` : ''}。请说明多付的部分是工程变更、增加工程量，还是另有原因，以及是否经过审批。`,
        amount: most - p.contractAmount,
        evidence: [projectEvidence(ref), ...(inLedger ? rows.map(rowEvidence) : [])],
        sample: anySample([ref.pub, ...(inLedger ? rows.map((r) => r.ledger.pub) : [])]),
      });
    }
    return uniqueKeys(findings);
  },
});
