import type { PowerItem } from './power-catalogue.ts';
import { SOURCE } from './default-sources.ts';
import { notice, numbered, step } from './default-steps.ts';

/** 村级财务管理: money in, money out, and what is published about both. */

export const FINANCE_ITEMS: PowerItem[] = [
  {
    code: 'expense-approval',
    name: '财务报销和支出审批',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: {
      amountMinFen: null,
      amountMaxFen: null,
      note: '日常开支的报销；工程、采购另按金额分级，大额支出先有集体研究依据再付款',
    },
    legalBasis: [SOURCE.democraticFinance, SOURCE.finance2021, SOURCE.financeDisclosure2011],
    steps: numbered([
      step('经手人取得发票，注明用途、数量、单价并签字', 'applicant', ['application']),
      step('民主理财小组集体审核，组长签章', 'supervision-committee', ['approval']),
      step('村党组织书记或村委会主任审批', 'two-committees', ['approval']),
      step('会计审核记账', 'village-committee', ['register']),
    ]),
  },
  {
    code: 'income-receipt',
    name: '集体收入收缴入账',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: {
      amountMinFen: null,
      amountMaxFen: null,
      note: '库存现金限额默认 5000 元（村级财务制度范本，县可另定）；不准坐收坐支、白条抵库',
    },
    legalBasis: [SOURCE.cash, SOURCE.finance2021],
    steps: numbered([
      step('收款并开具正式票据', 'village-committee', ['register']),
      step('交报账员或会计入账（3 天内，不跨月）', 'village-committee', ['register'], { deadline: { days: 3, unit: 'calendar', fromStep: 1 } }),
      step('超过限额的现金存入银行', 'village-committee', ['register']),
    ]),
  },
  {
    code: 'financial-disclosure',
    name: '村级财务公开',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: {
      amountMinFen: null,
      amountMaxFen: null,
      note: '一般至少每季度一次，财务往来较多的每月一次，重大事项随时公开；具体公开日为地方规定',
    },
    legalBasis: [SOURCE.orgLaw30, SOURCE.financeDisclosure2011, SOURCE.democraticFinance],
    steps: numbered([
      step('会计编制财务收支明细和报表', 'village-committee', ['register']),
      step('民主理财小组审核真实性、完整性', 'supervision-committee', ['meeting-minutes', 'approval']),
      step('村党组织书记、村委会主任签字', 'two-committees', ['approval']),
      step('公布财务收支', 'village-committee', ['notice-photo'], { disclosure: notice('8 大类财务事项逐项逐笔') }),
      step('村民提出质询', 'applicant', ['application']),
      step('答复质询', 'village-committee', ['register'], { deadline: { days: 10, unit: 'calendar', fromStep: 5 } }),
    ]),
  },
  {
    code: 'subsidy-payout',
    name: '惠农补贴资金申报和发放',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { amountMinFen: null, amountMaxFen: null, note: '种粮直补、退耕还林等；补贴面积须与承包面积核对' },
    legalBasis: [SOURCE.zhongBan2004, SOURCE.orgLaw30, SOURCE.supervision2017],
    steps: numbered([
      step('农户申报（面积、数量）', 'applicant', ['application']),
      step('村民小组核实', 'group', ['register']),
      step('村委会汇总审核', 'village-committee', ['register']),
      step('申报名单公示', 'village-committee', ['notice-photo'], { disclosure: notice('户名、面积、补贴标准、金额') }),
      step('报乡镇审核', 'township', ['approval']),
      step('县级部门拨付到户并公开', 'county', ['register'], { disclosure: notice('发放结果') }),
    ]),
  },
];
