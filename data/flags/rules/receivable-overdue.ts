import { z } from 'zod';
import { periodLabel } from '../../period.ts';
import type { PaymentDue } from '../../publication.ts';
import type { Finding } from '../finding.ts';
import { allocate, type ContractParty, contractsForRow, type Instalment, type Payment } from '../ledger-match.ts';
import { defineRule } from '../rule.ts';
import { contractName, yuan } from '../wording.ts';
import { addDays, periodFirstDay, periodLastDay } from './days.ts';
import { anySample, contractEvidence, currentContracts, financeLedgers, ledgerRows, rowEvidence, uniqueKeys } from './village-data.ts';

const Settings = z
  .object({
    /** days after the due date before an unpaid instalment is raised */
    graceDays: z.number().int().min(0).max(366).default(30),
    /** how far a receipt may differ from the instalment and still pay it, in whole percent */
    tolerancePercent: z.number().int().min(0).max(50).default(5),
    /** how long before its due date a payment may arrive and still count for the instalment */
    earlyDays: z.number().int().min(0).max(3660).default(366),
  })
  .strict();

export const receivableOverdue = defineRule({
  id: 'receivable-overdue',
  name: '合同应收款未见入账',
  explanation:
    '把合同台账里每份承包、租赁合同的缴费计划，与本村已公开的财务收支逐笔对照：收入摘要、备注或付款方写到承包方名称或合同编号的，算作这份合同的缴款（摘要只写“租金”“承包费”而金额与某一份合同的应缴额相符、且只有这一份相符的，也算）。' +
    '缴费期限过后一段宽限期仍未见入账的，列出来请村里说明。集体的租金、承包费按时足额收取并入账，是集体资产不流失的基本要求；钱可能已经收了但记账方式不同，说明清楚即可。',
  source:
    '《农村集体经济组织财务公开规定》：资产资源发包、租赁及收益须专项公开；三资监管“合同到期预警”与巡察中常见的“租金多年未收”问题（平和县合同清理：拖欠承包金570份），见 village-oversight-rules.md §4。',
  timeBased: true,
  settings: Settings,
  run(input, settings) {
    const ledgers = financeLedgers(input.publications);
    const first = ledgers[0];
    const last = ledgers[ledgers.length - 1];
    if (!first || !last) return [];
    const coverFrom = periodFirstDay(first.content.period);
    const coverTo = periodLastDay(last.content.period);
    const contracts = currentContracts(input.publications);

    const dueById = new Map<string, PaymentDue>(contracts.flatMap((ref, i) => ref.contract.schedule.map((due, k) => [`${i}:${k}`, due] as const)));
    const parties: ContractParty[] = contracts.map((ref, i) => ({
      id: String(i),
      number: ref.contract.number,
      counterparty: ref.contract.counterparty,
      instalments: ref.contract.schedule.map((due, k) => ({ id: `${i}:${k}`, contract: String(i), due: due.due, amount: due.amount })),
    }));
    // Instalments due before the ledgers begin may have been paid before them: they take no payments
    // either, or a payment of a later year would be spent on them.
    const inScope: Instalment[] = parties.flatMap((p) => p.instalments.filter((i) => i.due >= coverFrom));
    const rows = ledgerRows(ledgers).filter((r) => r.entry.income > 0);
    const payments: Payment[] = rows.flatMap((r, index) => {
      const ids = contractsForRow(
        { date: r.date, income: r.entry.income, summary: r.entry.summary, remark: r.entry.remark, counterparty: r.entry.counterparty ?? null },
        parties,
        settings.tolerancePercent,
      );
      return ids.length > 0 ? [{ id: String(index), date: r.date, amount: r.entry.income, contracts: ids }] : [];
    });
    const allocation = allocate(inScope, payments, settings);

    const findings: Finding[] = [];
    for (const a of allocation.instalments) {
      const graceEnds = addDays(a.instalment.due, settings.graceDays);
      if (a.paid || !(graceEnds < input.today) || graceEnds > coverTo) continue;
      const ref = contracts[Number(a.instalment.contract)];
      if (!ref) continue;
      const { contract } = ref;
      const paidBy = a.from.map((f) => rows[Number(f.payment)]).filter((r) => r !== undefined);
      const outstanding = a.instalment.amount - a.allocated;
      const covers = dueById.get(a.instalment.id)?.covers;
      const what = covers ? `（${covers.from}至${covers.to}的费用）` : '';
      const seen = `已公开的财务收支（${periodLabel(first.content.period)}至${periodLabel(last.content.period)}，截至${coverTo}）`;
      const title =
        a.allocated === 0
          ? `${contractName(contract)}应于${a.instalment.due}前缴纳的${yuan(a.instalment.amount)}，${seen}中未见入账`
          : `${contractName(contract)}应于${a.instalment.due}前缴纳${yuan(a.instalment.amount)}，${seen}中见到${yuan(a.allocated)}，尚差${yuan(outstanding)}`;
      const paidText =
        paidBy.length === 0
          ? '没有找到写明这一承包方或合同编号的收入记录可以算作这一期的缴款。'
          : `算作这一期缴款的收入记录：${a.from.map((f, i) => `${paidBy[i]?.date ?? ''} ${yuan(f.amount)}`).join('；')}。`;
      findings.push({
        rule: 'receivable-overdue',
        village: input.village.code,
        key: `${contract.number ?? `row${contract.row}`}:${a.instalment.due}`,
        title: title.slice(0, 200),
        detail:
          `合同台账写明${contractName(contract)}应于${a.instalment.due}前缴纳${yuan(a.instalment.amount)}${what}，缴费方式：${contract.paymentTerms ?? '未写明'}。` +
          `对照${seen}，按合同编号、承包方名称和金额查找入账记录，多笔缴款先抵较早的一期。${paidText}` +
          `期限已过${settings.graceDays}天宽限期（至${graceEnds}）。如款项已收取但记账时写法不同，或已另行约定缓交，请说明。`,
        amount: outstanding,
        evidence: [contractEvidence(ref), ...paidBy.map(rowEvidence)],
        sample: anySample([ref.pub, ...paidBy.map((r) => r.ledger.pub)]),
      });
    }
    return uniqueKeys(findings);
  },
});
